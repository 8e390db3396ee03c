metadata name = 'Regulatory compliance initiative assignment'
metadata description = 'Assigns a built-in regulatory compliance initiative (HIPAA HITRUST or NIST SP 800-53 Rev. 5) to the subscription, so Defender for Cloud\'s regulatory compliance dashboard tracks every Cloister resource against it.'

targetScope = 'subscription'

@description('Required. The regulatory initiative to assign.')
@allowed([
  'hipaa-hitrust'
  'nist-sp-800-53-r5'
])
param regulatoryInitiative string

@description('Optional. Location of the assignment\'s managed identity (needed by the initiative\'s deployIfNotExists policies).')
param location string = deployment().location

@description('Optional. Default (enforce) or DoNotEnforce (audit only).')
@allowed([
  'Default'
  'DoNotEnforce'
])
param enforcementMode string = 'Default'

var initiatives = {
  'hipaa-hitrust': {
    id: 'a169a624-5599-4385-a696-c8d643089fab'
    displayName: 'HITRUST/HIPAA'
  }
  'nist-sp-800-53-r5': {
    id: '179d1daa-458f-4e47-8086-2a68d0d6c38f'
    displayName: 'NIST SP 800-53 Rev. 5'
  }
}

var initiative = initiatives[regulatoryInitiative]

resource assignment 'Microsoft.Authorization/policyAssignments@2025-01-01' = {
  name: 'cloister-${regulatoryInitiative}'
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    displayName: 'Cloister: ${initiative.displayName}'
    description: 'Regulatory compliance initiative for the Cloister installation in this subscription.'
    policyDefinitionId: tenantResourceId('Microsoft.Authorization/policySetDefinitions', initiative.id)
    enforcementMode: enforcementMode
  }
}

@description('Resource id of the assignment.')
output resourceId string = assignment.id

@description('Name of the assignment.')
output name string = assignment.name

@description('Location of the assignment\'s managed identity.')
output location string = assignment.location

@description('Resource id of the assigned initiative.')
output policySetDefinitionId string = assignment.properties.policyDefinitionId

@description('Principal id of the assignment\'s managed identity (give it the roles the remediation tasks need).')
output systemAssignedMIPrincipalId string = assignment.identity.principalId
