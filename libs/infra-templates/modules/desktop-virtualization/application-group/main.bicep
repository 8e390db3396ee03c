metadata name = 'Azure Virtual Desktop application group'
metadata description = 'A desktop application group of a host pool, with a diagnostic setting.'

import { tagsType } from '../../types.bicep'

@description('Required. Application group name.')
param name string

@description('Optional. Location; defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('Optional. Tags.')
param tags tagsType?

@description('Required. Resource id of the host pool.')
param hostPoolResourceId string

@description('Required. Log Analytics workspace that receives the diagnostic logs.')
param logAnalyticsWorkspaceResourceId string

resource applicationGroup 'Microsoft.DesktopVirtualization/applicationGroups@2024-04-03' = {
  name: name
  location: location
  tags: tags
  kind: 'Desktop'
  properties: {
    applicationGroupType: 'Desktop'
    hostPoolArmPath: hostPoolResourceId
    friendlyName: name
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'cloister-diagnostics'
  scope: applicationGroup
  properties: {
    workspaceId: logAnalyticsWorkspaceResourceId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
  }
}

@description('Resource id of the application group.')
output resourceId string = applicationGroup.id

@description('Name of the application group.')
output name string = applicationGroup.name

@description('Location of the application group.')
output location string = applicationGroup.location

@description('Name of the resource group the application group is in.')
output resourceGroupName string = resourceGroup().name
