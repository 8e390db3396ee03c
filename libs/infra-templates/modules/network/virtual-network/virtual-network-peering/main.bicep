metadata name = 'Virtual network peering'
metadata description = 'One direction of a hub-spoke peering: the local network may reach the remote one; no forwarded traffic, no gateway transit, no remote gateways (the spokes stay non-transitive).'

@description('Required. Name of the local virtual network (in this module\'s resource group) the peering belongs to.')
param localVirtualNetworkName string

@description('Required. Resource id of the remote virtual network.')
param remoteVirtualNetworkResourceId string

@description('Required. Name of the peering, unique within the local virtual network.')
@maxLength(80)
param name string

resource localVirtualNetwork 'Microsoft.Network/virtualNetworks@2025-05-01' existing = {
  name: localVirtualNetworkName
}

resource peering 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings@2025-05-01' = {
  parent: localVirtualNetwork
  name: name
  properties: {
    remoteVirtualNetwork: {
      id: remoteVirtualNetworkResourceId
    }
    allowVirtualNetworkAccess: true
    // Fixed, not parameters: a spoke must not relay another network's traffic or use the hub's gateways.
    allowForwardedTraffic: false
    allowGatewayTransit: false
    useRemoteGateways: false
  }
}

@description('Resource id of the peering.')
output resourceId string = peering.id

@description('Name of the peering.')
output name string = peering.name

@description('Name of the resource group the peering is in.')
output resourceGroupName string = resourceGroup().name
