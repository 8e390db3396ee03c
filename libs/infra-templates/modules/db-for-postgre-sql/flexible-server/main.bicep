metadata name = 'PostgreSQL Flexible Server'
metadata description = 'Cloister\'s control-plane database: a VNet-integrated (private access) PostgreSQL Flexible Server with Microsoft Entra authentication only, TLS required, and a diagnostic setting.'

import { tagsType } from '../../types.bicep'

@description('Required. Server name.')
param name string

@description('Optional. Location; defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('Optional. Tags.')
param tags tagsType?

@description('Optional. PostgreSQL major version.')
@allowed([
  '16'
  '17'
])
param version string = '16'

@description('Optional. Compute SKU name.')
param skuName string = 'Standard_D2ds_v5'

@description('Optional. Compute tier.')
@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param skuTier string = 'GeneralPurpose'

@description('Optional. Storage size in GiB.')
param storageSizeGB int = 128

@description('Required. Resource id of the subnet delegated to Microsoft.DBforPostgreSQL/flexibleServers.')
param delegatedSubnetResourceId string

@description('Required. Resource id of the private DNS zone (name ending in .postgres.database.azure.com) linked to the virtual network.')
param privateDnsZoneResourceId string

@description('Required. Microsoft Entra administrator: the control plane\'s user-assigned identity.')
param administrator {
  @description('Required. Object (principal) id.')
  objectId: string

  @description('Required. Display name (the identity\'s name).')
  principalName: string
}

@description('Optional. Database to create.')
param databaseName string = 'cloister'

@description('Required. Log Analytics workspace that receives the diagnostic logs and metrics.')
param logAnalyticsWorkspaceResourceId string

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuTier
  }
  properties: {
    version: version
    storage: {
      storageSizeGB: storageSizeGB
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: 35
      geoRedundantBackup: 'Disabled'
    }
    network: {
      delegatedSubnetResourceId: delegatedSubnetResourceId
      privateDnsZoneArmResourceId: privateDnsZoneResourceId
      publicNetworkAccess: 'Disabled'
    }
    authConfig: {
      activeDirectoryAuth: 'Enabled'
      passwordAuth: 'Disabled'
      tenantId: tenant().tenantId
    }
    highAvailability: {
      mode: 'Disabled'
    }
  }
}

resource requireSecureTransport 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: server
  name: 'require_secure_transport'
  properties: {
    value: 'on'
    source: 'user-override'
  }
}

resource minimumTls 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: server
  name: 'ssl_min_protocol_version'
  properties: {
    value: 'TLSv1.2'
    source: 'user-override'
  }
  dependsOn: [
    requireSecureTransport
  ]
}

resource entraAdministrator 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2024-08-01' = {
  parent: server
  name: administrator.objectId
  properties: {
    principalType: 'ServicePrincipal'
    principalName: administrator.principalName
    tenantId: tenant().tenantId
  }
  dependsOn: [
    minimumTls
  ]
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: server
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
  dependsOn: [
    entraAdministrator
  ]
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'cloister-diagnostics'
  scope: server
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

@description('Resource id of the server.')
output resourceId string = server.id

@description('Name of the server.')
output name string = server.name

@description('Location of the server.')
output location string = server.location

@description('Name of the resource group the server is in.')
output resourceGroupName string = resourceGroup().name

@description('Fully qualified domain name of the server.')
output fqdn string = server.properties.fullyQualifiedDomainName

@description('Name of the database.')
output databaseName string = database.name
