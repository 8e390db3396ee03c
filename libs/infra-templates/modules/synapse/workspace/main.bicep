metadata name = 'Synapse workspace'
metadata description = 'A Synapse Analytics workspace in a managed virtual network with data exfiltration protection (outbound only to approved tenants: none), public network access disabled, Microsoft Entra-only authentication, private endpoints and a diagnostic setting.'

import { privateEndpointType, tagsType } from '../../types.bicep'

@description('Required. Workspace name.')
param name string

@description('Optional. Location; defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('Optional. Tags.')
param tags tagsType?

@description('Required. Resource id of the workspace\'s default ADLS Gen2 account (hierarchical namespace on).')
param defaultDataLakeStorageAccountResourceId string

@description('Required. DFS endpoint URL of that account.')
param defaultDataLakeStorageAccountUrl string

@description('Optional. File system (container) of that account used by the workspace.')
param defaultDataLakeFileSystem string = 'synapse'

@description('Required. Private endpoints to the workspace (group ids Sql, SqlOnDemand, Dev).')
@minLength(1)
param privateEndpoints privateEndpointType[]

@description('Required. Log Analytics workspace that receives the diagnostic logs and metrics.')
param logAnalyticsWorkspaceResourceId string

resource workspace 'Microsoft.Synapse/workspaces@2021-06-01' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    defaultDataLakeStorage: {
      resourceId: defaultDataLakeStorageAccountResourceId
      accountUrl: defaultDataLakeStorageAccountUrl
      filesystem: defaultDataLakeFileSystem
      createManagedPrivateEndpoint: true
    }
    managedVirtualNetwork: 'default'
    managedVirtualNetworkSettings: {
      preventDataExfiltration: true
      allowedAadTenantIdsForLinking: []
    }
    publicNetworkAccess: 'Disabled'
    azureADOnlyAuthentication: true
    trustedServiceBypassEnabled: false
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
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

module workspacePrivateEndpoints '../../network/private-endpoint/main.bicep' = [
  for (endpoint, i) in privateEndpoints: {
    name: take('${deployment().name}-pe-${endpoint.groupId}', 64)
    params: {
      name: 'pe-${name}-${toLower(endpoint.groupId)}'
      location: location
      tags: tags
      privateLinkServiceId: workspace.id
      groupId: endpoint.groupId
      subnetResourceId: endpoint.subnetResourceId
      privateDnsZoneResourceIds: endpoint.privateDnsZoneResourceIds
    }
  }
]

@description('Resource id of the workspace.')
output resourceId string = workspace.id

@description('Name of the workspace.')
output name string = workspace.name

@description('Location of the workspace.')
output location string = workspace.location

@description('Name of the resource group the workspace is in.')
output resourceGroupName string = resourceGroup().name

@description('Principal id of the workspace\'s managed identity (needs Storage Blob Data Contributor on its data lake).')
output systemAssignedMIPrincipalId string = workspace.identity.principalId
