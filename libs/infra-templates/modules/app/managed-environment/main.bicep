metadata name = 'Container Apps environment'
metadata description = 'An internal (VNet-only) Container Apps environment with a Consumption workload profile, its logs sent to Log Analytics through a diagnostic setting.'

import { tagsType } from '../../types.bicep'

@description('Required. Environment name.')
param name string

@description('Optional. Location; defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('Optional. Tags.')
param tags tagsType?

@description('Required. Resource id of the infrastructure subnet (delegated to Microsoft.App/environments, /27 or larger).')
param infrastructureSubnetResourceId string

@description('Required. Log Analytics workspace that receives the diagnostic logs and metrics.')
param logAnalyticsWorkspaceResourceId string

resource environment 'Microsoft.App/managedEnvironments@2025-01-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    vnetConfiguration: {
      internal: true
      infrastructureSubnetId: infrastructureSubnetResourceId
    }
    appLogsConfiguration: {
      destination: 'azure-monitor'
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
    zoneRedundant: false
    peerAuthentication: {
      mtls: {
        enabled: true
      }
    }
    peerTrafficConfiguration: {
      encryption: {
        enabled: true
      }
    }
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'cloister-diagnostics'
  scope: environment
  properties: {
    workspaceId: logAnalyticsWorkspaceResourceId
    logs: [
      {
        categoryGroup: 'allLogs'
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

@description('Resource id of the environment.')
output resourceId string = environment.id

@description('Name of the environment.')
output name string = environment.name

@description('Location of the environment.')
output location string = environment.location

@description('Name of the resource group the environment is in.')
output resourceGroupName string = resourceGroup().name

@description('Default domain of the environment (its private DNS zone name).')
output defaultDomain string = environment.properties.defaultDomain

@description('Private IP address of the environment\'s internal load balancer.')
output staticIp string = environment.properties.staticIp
