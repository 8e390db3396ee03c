metadata name = 'Private endpoint'
metadata description = 'A private endpoint to one sub-resource of a target resource, with a DNS zone group that registers its records in the given private DNS zones.'

import { tagsType } from '../../types.bicep'

@description('Required. Name of the private endpoint.')
param name string

@description('Optional. Location; defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('Optional. Tags.')
param tags tagsType?

@description('Required. Resource id of the resource the endpoint connects to.')
param privateLinkServiceId string

@description('Required. Sub-resource (group id), e.g. blob, dfs, vault, amlworkspace.')
param groupId string

@description('Required. Resource id of the subnet that holds the endpoint\'s network interface.')
param subnetResourceId string

@description('Required. Private DNS zones the endpoint registers its records in.')
@minLength(1)
param privateDnsZoneResourceIds string[]

resource privateEndpoint 'Microsoft.Network/privateEndpoints@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    subnet: {
      id: subnetResourceId
    }
    customNetworkInterfaceName: '${name}-nic'
    privateLinkServiceConnections: [
      {
        name: name
        properties: {
          privateLinkServiceId: privateLinkServiceId
          groupIds: [
            groupId
          ]
        }
      }
    ]
  }

  resource dnsZoneGroup 'privateDnsZoneGroups' = {
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [
        for zoneId in privateDnsZoneResourceIds: {
          name: replace(last(split(zoneId, '/')), '.', '-')
          properties: {
            #disable-next-line use-resource-id-functions // zoneId is an item of a resource-id array parameter
            privateDnsZoneId: zoneId
          }
        }
      ]
    }
  }
}

@description('Resource id of the private endpoint.')
output resourceId string = privateEndpoint.id

@description('Name of the private endpoint.')
output name string = privateEndpoint.name

@description('Location of the private endpoint.')
output location string = privateEndpoint.location

@description('Name of the resource group the private endpoint is in.')
output resourceGroupName string = resourceGroup().name
