metadata name = 'Azure Virtual Desktop host pool'
metadata description = 'The project\'s jump box host pool: desktop sessions only, with drive, clipboard, printer, USB and other device redirection turned off so data cannot leave through the remote session, and a diagnostic setting.'

import { tagsType } from '../../types.bicep'

@description('Required. Host pool name.')
param name string

@description('Optional. Location of the host pool metadata; defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('Optional. Tags.')
param tags tagsType?

@description('Optional. Pooled (shared session hosts) or Personal (one VM per researcher).')
@allowed([
  'Pooled'
  'Personal'
])
param hostPoolType string = 'Personal'

@description('Optional. Maximum sessions per session host (Pooled only).')
@minValue(1)
param maxSessionLimit int = 4

@description('Optional. Base time of the registration token; leave the default.')
param baseTime string = utcNow('u')

@description('Optional. Lifetime of the registration token session hosts join with (ISO 8601 duration, at most 27 days).')
param registrationTokenLifetime string = 'PT8H'

@description('Required. Log Analytics workspace that receives the diagnostic logs.')
param logAnalyticsWorkspaceResourceId string

// No redirection of drives, clipboard, printers, devices, USB, COM ports, smart cards, cameras or audio input.
var lockedDownRdpProperties = 'drivestoredirect:s:;redirectclipboard:i:0;redirectprinters:i:0;devicestoredirect:s:;usbdevicestoredirect:s:;redirectcomports:i:0;redirectsmartcards:i:0;camerastoredirect:s:;audiocapturemode:i:0;redirectwebauthn:i:1;enablecredsspsupport:i:1;screen capture protection:i:2;watermarking:i:1'

resource hostPool 'Microsoft.DesktopVirtualization/hostPools@2024-04-03' = {
  name: name
  location: location
  tags: tags
  properties: {
    friendlyName: name
    hostPoolType: hostPoolType
    loadBalancerType: hostPoolType == 'Pooled' ? 'BreadthFirst' : 'Persistent'
    personalDesktopAssignmentType: hostPoolType == 'Personal' ? 'Automatic' : null
    maxSessionLimit: maxSessionLimit
    preferredAppGroupType: 'Desktop'
    startVMOnConnect: true
    validationEnvironment: false
    customRdpProperty: lockedDownRdpProperties
    publicNetworkAccess: 'Enabled'
    registrationInfo: {
      expirationTime: dateTimeAdd(baseTime, registrationTokenLifetime)
      registrationTokenOperation: 'Update'
    }
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'cloister-diagnostics'
  scope: hostPool
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

@description('Resource id of the host pool.')
output resourceId string = hostPool.id

@description('Name of the host pool.')
output name string = hostPool.name

@description('Location of the host pool.')
output location string = hostPool.location

@description('Name of the resource group the host pool is in.')
output resourceGroupName string = resourceGroup().name
