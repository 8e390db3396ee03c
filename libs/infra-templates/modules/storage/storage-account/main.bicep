metadata name = 'Storage account'
metadata description = 'A StorageV2 account with Cloister\'s fixed security baseline (no shared keys, TLS 1.2, no anonymous blob access, OAuth by default), containers with optional version-level immutability, private endpoints and diagnostic settings.'

import { containerType, privateEndpointType, tagsType } from '../../types.bicep'

@description('Required. Storage account name (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Optional. Location; defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('Optional. Tags.')
param tags tagsType?

@description('Optional. Replication SKU.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param skuName string = 'Standard_ZRS'

@description('Optional. Public network access. Disabled (the default) leaves private endpoints as the only data path.')
@allowed([
  'Disabled'
  'Enabled'
])
param publicNetworkAccess string = 'Disabled'

@description('Optional. Hierarchical namespace (ADLS Gen2). Needed by Synapse; not compatible with version-level immutability.')
param isHnsEnabled bool = false

@description('Optional. Keep previous blob versions (needed for version-level immutability).')
param versioningEnabled bool = true

@description('Optional. Days deleted blobs and containers stay recoverable; 0 turns soft delete off (e.g. where deleted originals must really be gone).')
@minValue(0)
@maxValue(365)
param softDeleteRetentionDays int = 30

@description('Optional. Let containers of this account carry version-level immutability policies. Can only be set when the account is created.')
param versionLevelImmutabilitySupport bool = false

@description('Optional. Containers to create.')
param containers containerType[] = []

@description('Optional. Turn on Defender for Storage malware scanning on upload for this account.')
param malwareScanningOnUpload bool = false

@description('Optional. Private endpoints to create.')
param privateEndpoints privateEndpointType[] = []

@description('Required. Log Analytics workspace that receives the diagnostic logs and metrics.')
param logAnalyticsWorkspaceResourceId string

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    accessTier: 'Hot'
    publicNetworkAccess: publicNetworkAccess
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowedCopyScope: publicNetworkAccess == 'Disabled' ? 'PrivateLink' : 'AAD'
    isHnsEnabled: isHnsEnabled
    isLocalUserEnabled: false
    isSftpEnabled: false
    immutableStorageWithVersioning: versionLevelImmutabilitySupport
      ? {
          enabled: true
        }
      : null
    encryption: {
      keySource: 'Microsoft.Storage'
      requireInfrastructureEncryption: true
      services: {
        blob: {
          enabled: true
          keyType: 'Account'
        }
        file: {
          enabled: true
          keyType: 'Account'
        }
      }
    }
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: publicNetworkAccess == 'Disabled' ? 'Deny' : 'Allow'
      ipRules: []
      virtualNetworkRules: []
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: storageAccount
  name: 'default'
  properties: {
    isVersioningEnabled: versioningEnabled
    deleteRetentionPolicy: {
      enabled: softDeleteRetentionDays > 0
      days: max(softDeleteRetentionDays, 1)
    }
    containerDeleteRetentionPolicy: {
      enabled: softDeleteRetentionDays > 0
      days: max(softDeleteRetentionDays, 1)
    }
  }
}

resource blobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = [
  for container in containers: {
    parent: blobService
    name: container.name
    properties: {
      publicAccess: 'None'
      immutableStorageWithVersioning: container.?versionLevelImmutability ?? false
        ? {
            enabled: true
          }
        : null
    }
  }
]

resource immutabilityPolicies 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2025-06-01' = [
  for (container, i) in containers: if ((container.?versionLevelImmutability ?? false) && container.?immutabilityPeriodDays != null) {
    parent: blobContainers[i]
    name: 'default'
    properties: {
      immutabilityPeriodSinceCreationInDays: container.?immutabilityPeriodDays
      allowProtectedAppendWrites: false
    }
  }
]

resource malwareScanning 'Microsoft.Security/defenderForStorageSettings@2025-06-01' = if (malwareScanningOnUpload) {
  name: 'current'
  scope: storageAccount
  properties: {
    isEnabled: true
    overrideSubscriptionLevelSettings: true
    malwareScanning: {
      onUpload: {
        isEnabled: true
        capGBPerMonth: 5000
      }
    }
    sensitiveDataDiscovery: {
      isEnabled: true
    }
  }
}

resource accountDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'cloister-diagnostics'
  scope: storageAccount
  properties: {
    workspaceId: logAnalyticsWorkspaceResourceId
    metrics: [
      {
        category: 'Transaction'
        enabled: true
      }
    ]
  }
}

resource blobDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'cloister-diagnostics'
  scope: blobService
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
        category: 'Transaction'
        enabled: true
      }
    ]
  }
}

module storagePrivateEndpoints '../../network/private-endpoint/main.bicep' = [
  for (endpoint, i) in privateEndpoints: {
    name: take('${deployment().name}-pe-${endpoint.groupId}', 64)
    params: {
      name: 'pe-${name}-${endpoint.groupId}'
      location: location
      tags: tags
      privateLinkServiceId: storageAccount.id
      groupId: endpoint.groupId
      subnetResourceId: endpoint.subnetResourceId
      privateDnsZoneResourceIds: endpoint.privateDnsZoneResourceIds
    }
  }
]

@description('Resource id of the storage account.')
output resourceId string = storageAccount.id

@description('Name of the storage account.')
output name string = storageAccount.name

@description('Location of the storage account.')
output location string = storageAccount.location

@description('Name of the resource group the storage account is in.')
output resourceGroupName string = resourceGroup().name

@description('Principal id of the account\'s system-assigned managed identity.')
output systemAssignedMIPrincipalId string = storageAccount.identity.principalId

@description('DFS (ADLS Gen2) endpoint URL.')
output primaryDfsEndpoint string = storageAccount.properties.primaryEndpoints.dfs

@description('Blob endpoint URL.')
output primaryBlobEndpoint string = storageAccount.properties.primaryEndpoints.blob

@description('Resource ids of the private endpoints, in the order of privateEndpoints.')
output privateEndpointResourceIds string[] = [for (endpoint, i) in privateEndpoints: storagePrivateEndpoints[i].outputs.resourceId]
