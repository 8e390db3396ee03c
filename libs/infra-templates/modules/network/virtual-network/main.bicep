metadata name = 'Virtual network'
metadata description = 'A virtual network whose subnets have no default outbound access, with a diagnostic setting to Log Analytics.'

import { subnetType, tagsType } from '../../types.bicep'

@description('Required. Name of the virtual network.')
param name string

@description('Optional. Location; defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('Optional. Tags.')
param tags tagsType?

@description('Required. Address space in CIDR notation.')
param addressPrefixes string[]

@description('Required. Subnets.')
param subnets subnetType[]

@description('Required. Log Analytics workspace that receives the diagnostic logs and metrics.')
param logAnalyticsWorkspaceResourceId string

resource vnet 'Microsoft.Network/virtualNetworks@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: addressPrefixes
    }
    subnets: [
      for subnet in subnets: {
        name: subnet.name
        properties: {
          addressPrefix: subnet.addressPrefix
          // No implicit internet egress: outbound must be explicit (private endpoints, service tags).
          defaultOutboundAccess: false
          privateEndpointNetworkPolicies: 'Enabled'
          networkSecurityGroup: subnet.?networkSecurityGroupResourceId == null
            ? null
            : {
                #disable-next-line use-resource-id-functions // a resource-id field of the subnets parameter
                id: subnet.?networkSecurityGroupResourceId
              }
          delegations: subnet.?delegation == null
            ? []
            : [
                {
                  name: 'delegation'
                  properties: {
                    serviceName: subnet.?delegation
                  }
                }
              ]
        }
      }
    ]
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'cloister-diagnostics'
  scope: vnet
  properties: {
    workspaceId: logAnalyticsWorkspaceResourceId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

@description('Resource id of the virtual network.')
output resourceId string = vnet.id

@description('Name of the virtual network.')
output name string = vnet.name

@description('Location of the virtual network.')
output location string = vnet.location

@description('Name of the resource group the virtual network is in.')
output resourceGroupName string = resourceGroup().name
