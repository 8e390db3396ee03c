metadata name = 'Data Factory managed private endpoint'
metadata description = 'A managed private endpoint from an existing factory\'s managed virtual network to a target resource. The connection it opens is Pending until approved on the target (the provisioning worker approves it).'

@description('Required. Name of the existing factory.')
param dataFactoryName string

@description('Required. Name of the managed private endpoint.')
param name string

@description('Required. Resource id of the target resource.')
param privateLinkResourceId string

@description('Required. Sub-resource of the target, e.g. blob.')
param groupId string

resource factory 'Microsoft.DataFactory/factories@2018-06-01' existing = {
  name: dataFactoryName

  resource managedVirtualNetwork 'managedVirtualNetworks' existing = {
    name: 'default'
  }
}

resource managedPrivateEndpoint 'Microsoft.DataFactory/factories/managedVirtualNetworks/managedPrivateEndpoints@2018-06-01' = {
  parent: factory::managedVirtualNetwork
  name: name
  properties: {
    privateLinkResourceId: privateLinkResourceId
    groupId: groupId
  }
}

@description('Resource id of the managed private endpoint.')
output resourceId string = managedPrivateEndpoint.id

@description('Name of the managed private endpoint.')
output name string = managedPrivateEndpoint.name

@description('Name of the resource group the factory is in.')
output resourceGroupName string = resourceGroup().name
