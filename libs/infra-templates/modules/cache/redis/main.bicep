metadata name = 'Azure Cache for Redis'
metadata description = 'Cloister\'s job queue cache: Azure Cache for Redis reachable only through a private endpoint, TLS 1.2 only, with a diagnostic setting. Clients authenticate with the access key, which goes only to Key Vault (as a rediss:// URL); Microsoft Entra authentication stays enabled for operators.'

import { privateEndpointType, tagsType } from '../../types.bicep'

@description('Required. Cache name.')
param name string

@description('Optional. Location; defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('Optional. Tags.')
param tags tagsType?

@description('Optional. SKU.')
@allowed([
  'Standard'
  'Premium'
])
param skuName string = 'Standard'

@description('Optional. Capacity (size) within the SKU family.')
@minValue(0)
@maxValue(6)
param capacity int = 1

@description('Required. Private endpoints to create (group id redisCache).')
@minLength(1)
param privateEndpoints privateEndpointType[]

@description('Required. Log Analytics workspace that receives the diagnostic logs and metrics.')
param logAnalyticsWorkspaceResourceId string

@description('Optional. Write the client connection URL (rediss://:<primary key>@<host>:6380, a secret) to a Key Vault in this resource group.')
param secretsExportConfiguration {
  @description('Required. Name of the Key Vault (same resource group).')
  keyVaultName: string

  @description('Required. Name of the secret that receives the rediss:// URL.')
  redisUrlSecretName: string
}?

resource cache 'Microsoft.Cache/redis@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    sku: {
      name: skuName
      family: skuName == 'Premium' ? 'P' : 'C'
      capacity: capacity
    }
    enableNonSslPort: false
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Disabled'
    // The job queue's client (BullMQ over ioredis) cannot refresh Entra tokens on its connections, so clients use
    // the access key; it is exported only to Key Vault (secretsExportConfiguration), never to outputs or app settings.
    disableAccessKeyAuthentication: false
    redisVersion: '6'
    redisConfiguration: {
      'aad-enabled': 'true'
    }
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'cloister-diagnostics'
  scope: cache
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

module cachePrivateEndpoints '../../network/private-endpoint/main.bicep' = [
  for (endpoint, i) in privateEndpoints: {
    name: take('${deployment().name}-pe-${endpoint.groupId}', 64)
    params: {
      name: 'pe-${name}-${endpoint.groupId}'
      location: location
      tags: tags
      privateLinkServiceId: cache.id
      groupId: endpoint.groupId
      subnetResourceId: endpoint.subnetResourceId
      privateDnsZoneResourceIds: endpoint.privateDnsZoneResourceIds
    }
  }
]

module redisUrlSecret '../../key-vault/vault/secret/main.bicep' = if (secretsExportConfiguration != null) {
  name: take('${deployment().name}-secret-url', 64)
  params: {
    keyVaultName: secretsExportConfiguration!.keyVaultName
    name: secretsExportConfiguration!.redisUrlSecretName
    value: 'rediss://:${cache.listKeys().primaryKey}@${cache.properties.hostName}:${cache.properties.sslPort}'
  }
}

@description('Resource id of the cache.')
output resourceId string = cache.id

@description('Name of the cache.')
output name string = cache.name

@description('Location of the cache.')
output location string = cache.location

@description('Name of the resource group the cache is in.')
output resourceGroupName string = resourceGroup().name

@description('Host name of the cache (TLS port 6380).')
output hostName string = cache.properties.hostName

@description('Versionless Key Vault URI of the exported rediss:// URL secret (empty without secretsExportConfiguration).')
output redisUrlSecretUri string = secretsExportConfiguration != null ? redisUrlSecret!.outputs.uri : ''
