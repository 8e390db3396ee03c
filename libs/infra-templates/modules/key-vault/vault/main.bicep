metadata name = 'Key Vault'
metadata description = 'A Key Vault reachable only through private endpoints, with RBAC authorisation, purge protection and a diagnostic setting.'

import { privateEndpointType, tagsType } from '../../types.bicep'

@description('Required. Key Vault name (3-24 characters).')
@minLength(3)
@maxLength(24)
param name string

@description('Optional. Location; defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('Optional. Tags.')
param tags tagsType?

@description('Optional. SKU; premium keeps keys in HSMs.')
@allowed([
  'standard'
  'premium'
])
param skuName string = 'premium'

@description('Optional. Days a deleted vault or object stays recoverable.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 90

@description('Required. Private endpoints to create (group id vault).')
@minLength(1)
param privateEndpoints privateEndpointType[]

@description('Required. Log Analytics workspace that receives the diagnostic logs and metrics.')
param logAnalyticsWorkspaceResourceId string

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: skuName
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Disabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Deny'
      ipRules: []
      virtualNetworkRules: []
    }
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'cloister-diagnostics'
  scope: vault
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

module vaultPrivateEndpoints '../../network/private-endpoint/main.bicep' = [
  for (endpoint, i) in privateEndpoints: {
    name: take('${deployment().name}-pe-${endpoint.groupId}', 64)
    params: {
      name: 'pe-${name}-${endpoint.groupId}'
      location: location
      tags: tags
      privateLinkServiceId: vault.id
      groupId: endpoint.groupId
      subnetResourceId: endpoint.subnetResourceId
      privateDnsZoneResourceIds: endpoint.privateDnsZoneResourceIds
    }
  }
]

@description('Resource id of the vault.')
output resourceId string = vault.id

@description('Name of the vault.')
output name string = vault.name

@description('Location of the vault.')
output location string = vault.location

@description('Name of the resource group the vault is in.')
output resourceGroupName string = resourceGroup().name

@description('URI of the vault.')
output uri string = vault.properties.vaultUri
