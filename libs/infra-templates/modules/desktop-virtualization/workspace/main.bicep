metadata name = 'Azure Virtual Desktop workspace'
metadata description = 'The workspace researchers see in their Remote Desktop client, publishing the given application groups, with a diagnostic setting.'

import { tagsType } from '../../types.bicep'

@description('Required. Workspace name.')
param name string

@description('Optional. Location; defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('Optional. Tags.')
param tags tagsType?

@description('Required. Resource ids of the application groups to publish.')
param applicationGroupResourceIds string[]

@description('Required. Log Analytics workspace that receives the diagnostic logs.')
param logAnalyticsWorkspaceResourceId string

resource workspace 'Microsoft.DesktopVirtualization/workspaces@2024-04-03' = {
  name: name
  location: location
  tags: tags
  properties: {
    friendlyName: name
    applicationGroupReferences: applicationGroupResourceIds
    publicNetworkAccess: 'Enabled'
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'cloister-diagnostics'
  scope: workspace
  properties: {
    workspaceId: logAnalyticsWorkspaceResourceId
    logs: [
      {
        categoryGroup: 'allLogs'
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
