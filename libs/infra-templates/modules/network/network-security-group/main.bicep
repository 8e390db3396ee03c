metadata name = 'Network security group'
metadata description = 'A network security group with the given rules and a diagnostic setting to Log Analytics.'

import { securityRuleType, tagsType } from '../../types.bicep'

@description('Required. Name of the network security group.')
param name string

@description('Optional. Location; defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('Optional. Tags.')
param tags tagsType?

@description('Required. Security rules.')
param securityRules securityRuleType[]

@description('Required. Log Analytics workspace that receives the diagnostic logs.')
param logAnalyticsWorkspaceResourceId string

resource nsg 'Microsoft.Network/networkSecurityGroups@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    securityRules: [
      for rule in securityRules: {
        name: rule.name
        properties: {
          priority: rule.priority
          direction: rule.direction
          access: rule.access
          protocol: rule.protocol
          sourceAddressPrefix: rule.sourceAddressPrefix
          sourcePortRange: '*'
          destinationAddressPrefix: rule.destinationAddressPrefix
          destinationPortRange: rule.destinationPortRange
          description: rule.?description ?? ''
        }
      }
    ]
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'cloister-diagnostics'
  scope: nsg
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

@description('Resource id of the network security group.')
output resourceId string = nsg.id

@description('Name of the network security group.')
output name string = nsg.name

@description('Location of the network security group.')
output location string = nsg.location

@description('Name of the resource group the network security group is in.')
output resourceGroupName string = resourceGroup().name
