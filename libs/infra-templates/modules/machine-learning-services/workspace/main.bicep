metadata name = 'Azure Machine Learning workspace'
metadata description = 'An Azure Machine Learning workspace with public network access disabled, a managed virtual network that only allows approved outbound traffic, identity-based datastore access, a private endpoint, a diagnostic setting, and a compute cluster without node public IPs that scales to zero.'

import { privateEndpointType, tagsType } from '../../types.bicep'

@description('Required. Workspace name.')
param name string

@description('Optional. Location; defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('Optional. Tags.')
param tags tagsType?

@description('Required. Resource id of the workspace\'s default storage account (no hierarchical namespace).')
param storageAccountResourceId string

@description('Required. Resource id of the workspace\'s Key Vault.')
param keyVaultResourceId string

@description('Required. Resource id of the project\'s secure (research data) storage account, reached from the managed network through an approved private endpoint outbound rule.')
param dataStorageAccountResourceId string

@description('Optional. Name of the compute cluster.')
param computeClusterName string = 'cpu-cluster'

@description('Optional. VM size of the compute cluster nodes.')
param computeClusterVmSize string = 'Standard_DS3_v2'

@description('Optional. Maximum number of nodes of the compute cluster (the minimum is always 0).')
@minValue(1)
@maxValue(100)
param computeClusterMaxNodes int = 4

@description('Required. Private endpoints to the workspace (group id amlworkspace).')
@minLength(1)
param privateEndpoints privateEndpointType[]

@description('Required. Log Analytics workspace that receives the diagnostic logs and metrics.')
param logAnalyticsWorkspaceResourceId string

resource workspace 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Basic'
    tier: 'Basic'
  }
  kind: 'Default'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    friendlyName: name
    storageAccount: storageAccountResourceId
    keyVault: keyVaultResourceId
    publicNetworkAccess: 'Disabled'
    hbiWorkspace: true
    v1LegacyMode: false
    systemDatastoresAuthMode: 'identity'
    managedNetwork: {
      isolationMode: 'AllowOnlyApprovedOutbound'
      outboundRules: {
        'project-data-blob': {
          type: 'PrivateEndpoint'
          category: 'UserDefined'
          destination: {
            serviceResourceId: dataStorageAccountResourceId
            subresourceTarget: 'blob'
            sparkEnabled: false
          }
        }
      }
    }
  }
}

resource computeCluster 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: workspace
  name: computeClusterName
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    computeType: 'AmlCompute'
    disableLocalAuth: true
    properties: {
      vmSize: computeClusterVmSize
      vmPriority: 'Dedicated'
      osType: 'Linux'
      enableNodePublicIp: false
      remoteLoginPortPublicAccess: 'Disabled'
      isolatedNetwork: false
      scaleSettings: {
        minNodeCount: 0
        maxNodeCount: computeClusterMaxNodes
        nodeIdleTimeBeforeScaleDown: 'PT15M'
      }
    }
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
      name: 'pe-${name}-${endpoint.groupId}'
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

@description('Principal id of the workspace\'s managed identity.')
output systemAssignedMIPrincipalId string = workspace.identity.principalId

@description('Name of the compute cluster.')
output computeClusterName string = computeCluster.name

@description('Resource id of the compute cluster.')
output computeClusterResourceId string = computeCluster.id
