metadata name = 'User-assigned managed identity'
metadata description = 'A user-assigned managed identity.'

import { tagsType } from '../../types.bicep'

@description('Required. Identity name.')
param name string

@description('Optional. Location; defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('Optional. Tags.')
param tags tagsType?

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id of the identity.')
output resourceId string = identity.id

@description('Name of the identity.')
output name string = identity.name

@description('Location of the identity.')
output location string = identity.location

@description('Name of the resource group the identity is in.')
output resourceGroupName string = resourceGroup().name

@description('Principal (object) id of the identity.')
output principalId string = identity.properties.principalId

@description('Client (application) id of the identity.')
output clientId string = identity.properties.clientId
