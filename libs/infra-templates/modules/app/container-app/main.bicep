metadata name = 'Container app'
metadata description = 'One Cloister control-plane container (API, worker or portal) in an internal environment, running as a user-assigned identity; ingress, when present, is reachable only from the virtual network.'

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

@description('Required. Resource id of the user-assigned identity the app runs as.')
param userAssignedIdentityResourceId string

@description('Optional. Plain (non-secret) environment variables.')
param environmentVariables { *: string } = {}

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
      ingress: targetPort == 0
        ? null
        : {
            // In an internal environment "external" means reachable from the virtual network, never the internet.
            external: true
            targetPort: targetPort
            transport: 'auto'
            allowInsecure: false
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
          env: [
            for variable in items(environmentVariables): {
              name: variable.key
              value: variable.value
            }
          ]
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

@description('Fully qualified domain name of the app\'s ingress (empty without ingress).')
output fqdn string = targetPort == 0 ? '' : app.properties.configuration.ingress.fqdn
