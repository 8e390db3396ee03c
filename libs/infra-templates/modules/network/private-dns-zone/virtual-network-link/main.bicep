metadata name = 'Private DNS zone virtual network links'
metadata description = 'Links one virtual network (without auto-registration) to existing private DNS zones in this module\'s resource group, e.g. a spoke to the hub\'s central privatelink zones.'

import { tagsType } from '../../../types.bicep'

@description('Required. Names of the existing private DNS zones to link.')
param privateDnsZoneNames string[]

@description('Required. Resource id of the virtual network to link.')
param virtualNetworkResourceId string

@description('Required. Name of each link, unique within each zone.')
@maxLength(80)
param name string

@description('Optional. Tags.')
param tags tagsType?

resource zones 'Microsoft.Network/privateDnsZones@2024-06-01' existing = [
  for zone in privateDnsZoneNames: {
    name: zone
  }
]

resource links 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for (zone, i) in privateDnsZoneNames: {
    parent: zones[i]
    name: name
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: virtualNetworkResourceId
      }
    }
  }
]

@description('Resource ids of the links, in the order of privateDnsZoneNames.')
output resourceIds string[] = [for (zone, i) in privateDnsZoneNames: links[i].id]

@description('Name of the links.')
output name string = name

@description('Name of the resource group the links are in.')
output resourceGroupName string = resourceGroup().name
