metadata name = 'Log Analytics workspace'
metadata description = 'The Log Analytics workspace every Cloister resource sends diagnostics to, onboarded to Microsoft Sentinel.'

import { tagsType } from '../../types.bicep'

@description('Required. Workspace name.')
param name string

@description('Optional. Location; defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('Optional. Tags.')
param tags tagsType?

@description('Optional. Days data is kept in the interactive tier (regulated environments usually need at least a year).')
@minValue(30)
@maxValue(730)
param retentionInDays int = 365

@description('Optional. Onboard the workspace to Microsoft Sentinel.')
param onboardToSentinel bool = true

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      disableLocalAuth: true
      enableLogAccessUsingOnlyResourcePermissions: true
    }
    publicNetworkAccessForIngestion: 'Enabled'
    publicNetworkAccessForQuery: 'Enabled'
  }
}

resource sentinel 'Microsoft.SecurityInsights/onboardingStates@2025-09-01' = if (onboardToSentinel) {
  name: 'default'
  scope: workspace
  properties: {}
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'cloister-diagnostics'
  scope: workspace
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

@description('Resource id of the workspace.')
output resourceId string = workspace.id

@description('Name of the workspace.')
output name string = workspace.name

@description('Location of the workspace.')
output location string = workspace.location

@description('Name of the resource group the workspace is in.')
output resourceGroupName string = resourceGroup().name

@description('Workspace (customer) id used by agents and queries.')
output logAnalyticsWorkspaceId string = workspace.properties.customerId
