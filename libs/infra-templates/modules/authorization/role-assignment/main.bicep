metadata name = 'Role assignment (resource group)'
metadata description = 'Assigns a built-in role to a principal on the resource group the module is deployed to.'

@description('Required. Object id of the principal.')
param principalId string

@description('Required. A stable, deployment-time name of the principal (e.g. its resource name); seeds the assignment\'s name so it is known before the principal exists.')
param principalKey string

@description('Required. Id (GUID) of the built-in role definition.')
param roleDefinitionGuid string

@description('Optional. Principal type.')
@allowed([
  'ServicePrincipal'
  'Group'
  'User'
])
param principalType string = 'ServicePrincipal'

@description('Required. Why the assignment exists.')
param roleDescription string

resource assignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, principalKey, roleDefinitionGuid)
  properties: {
    principalId: principalId
    principalType: principalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionGuid)
    description: roleDescription
  }
}

@description('Resource id of the role assignment.')
output resourceId string = assignment.id

@description('Name of the role assignment.')
output name string = assignment.name

@description('Name of the resource group the role assignment is in.')
output resourceGroupName string = resourceGroup().name
