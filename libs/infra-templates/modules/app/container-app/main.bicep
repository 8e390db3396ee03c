metadata name = 'Container app'
metadata description = 'One Cloister control-plane container (API, worker or portal) in an internal environment, running as a user-assigned identity; ingress, when present, is reachable only from the virtual network (or only from the environment\'s other apps). Secrets are Key Vault references fetched with that identity, never plain values.'

import { tagsType } from '../../types.bicep'

@description('Required. Container app name.')
param name string

@description('Optional. Location; defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('Optional. Tags.')
param tags tagsType?

@description('Required. Resource id of the Container Apps environment.')
param environmentResourceId string

@description('Required. Container image, e.g. registry.example.org/cloister/api:1.2.3.')
param image string

@description('Optional. Target port for HTTP ingress; 0 means no ingress (background worker).')
@minValue(0)
@maxValue(65535)
param targetPort int = 0

@description('Optional. Ingress reachable from the virtual network (true) or only from apps in the same environment (false).')
param ingressExternal bool = true

@description('Optional. IP restrictions of the ingress (private CIDR ranges in an internal environment). All rules take the same action: Allow admits only the listed ranges, Deny refuses only them; none admits every caller that can route to the environment.')
param ingressIpRules {
  @description('Required. Rule name.')
  name: string

  @description('Required. IPv4 range in CIDR notation.')
  ipAddressRange: string

  @description('Required. Allow or Deny (the same for every rule).')
  action: 'Allow' | 'Deny'

  @description('Required. Why the rule exists.')
  description: string
}[] = []

@description('Required. Resource id of the user-assigned identity the app runs as (it also reads the Key Vault secrets).')
param userAssignedIdentityResourceId string

@description('Optional. Plain (non-secret) environment variables.')
param environmentVariables { *: string } = {}

@description('Optional. Secret environment variables: variable name to the versionless URI of a Key Vault secret. The app holds a Key Vault reference (read with the user-assigned identity), never the value.')
param environmentVariablesFromVault { *: string } = {}

@description('Optional. CPU cores per replica.')
param cpu string = '0.5'

@description('Optional. Memory per replica.')
param memory string = '1Gi'

@description('Optional. Minimum replicas.')
@minValue(0)
param minReplicas int = 1

@description('Optional. Maximum replicas.')
@minValue(1)
param maxReplicas int = 3

@description('Required. Log Analytics workspace that receives the diagnostic metrics.')
param logAnalyticsWorkspaceResourceId string

// Container Apps secret names: lower-case letters, digits and hyphens (SECURE_GATEWAY_SECRET -> secure-gateway-secret).
var secretRefs = [
  for variable in items(environmentVariablesFromVault): {
    variable: variable.key
    secretName: toLower(replace(variable.key, '_', '-'))
    keyVaultUrl: variable.value
  }
]

var plainEnv = [
  for variable in items(environmentVariables): {
    name: variable.key
    value: variable.value
  }
]

var secretEnv = [
  for ref in secretRefs: {
    name: ref.variable
    secretRef: ref.secretName
  }
]

resource app 'Microsoft.App/containerApps@2025-01-01' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${userAssignedIdentityResourceId}': {}
    }
  }
  properties: {
    environmentId: environmentResourceId
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      secrets: [
        for ref in secretRefs: {
          name: ref.secretName
          keyVaultUrl: ref.keyVaultUrl
          identity: userAssignedIdentityResourceId
        }
      ]
      ingress: targetPort == 0
        ? null
        : {
            // In an internal environment "external" means reachable from the virtual network, never the internet;
            // false keeps the app reachable only from the environment's other apps.
            external: ingressExternal
            targetPort: targetPort
            transport: 'auto'
            allowInsecure: false
            ipSecurityRestrictions: ingressIpRules
          }
    }
    template: {
      containers: [
        {
          name: name
          image: image
          resources: {
            cpu: json(cpu)
            memory: memory
          }
          env: concat(plainEnv, secretEnv)
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
      }
    }
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'cloister-diagnostics'
  scope: app
  properties: {
    workspaceId: logAnalyticsWorkspaceResourceId
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

@description('Resource id of the container app.')
output resourceId string = app.id

@description('Name of the container app.')
output name string = app.name

@description('Location of the container app.')
output location string = app.location

@description('Name of the resource group the container app is in.')
output resourceGroupName string = resourceGroup().name

@description('Fully qualified domain name of the app\'s ingress (empty without ingress; <app>.internal.<domain> for environment-only ingress).')
output fqdn string = targetPort == 0 ? '' : app.properties.configuration.ingress.fqdn
