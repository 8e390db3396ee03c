metadata name = 'Private DNS zone'
metadata description = 'A private DNS zone linked (without auto-registration) to virtual networks, with optional A records.'

import { tagsType } from '../../types.bicep'

@description('Required. Zone name, e.g. privatelink.blob.core.windows.net.')
param name string

@description('Optional. Tags.')
param tags tagsType?

@description('Required. Virtual networks to link the zone to.')
param virtualNetworkResourceIds string[]

@description('Optional. A records to create: record name → IPv4 address.')
param aRecords { *: string } = {}

resource zone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: name
  location: 'global'
  tags: tags
}

resource links 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for vnetId in virtualNetworkResourceIds: {
    parent: zone
    name: last(split(vnetId, '/'))
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        #disable-next-line use-resource-id-functions // vnetId is an item of a resource-id array parameter
        id: vnetId
      }
    }
  }
]

resource records 'Microsoft.Network/privateDnsZones/A@2024-06-01' = [
  for record in items(aRecords): {
    parent: zone
    name: record.key
    properties: {
      ttl: 300
      aRecords: [
        {
          ipv4Address: record.value
        }
      ]
    }
  }
]

@description('Resource id of the zone.')
output resourceId string = zone.id

@description('Name of the zone.')
output name string = zone.name

@description('Location of the zone (always global).')
output location string = zone.location

@description('Name of the resource group the zone is in.')
output resourceGroupName string = resourceGroup().name
