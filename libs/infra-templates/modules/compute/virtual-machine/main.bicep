metadata name = 'Data science virtual machine'
metadata description = 'A Data Science VM (Windows Server 2022 or Ubuntu 22.04) with a private network interface only (no public IP), Trusted Launch, Microsoft Entra sign-in, a daily auto-shutdown schedule, and diagnostic settings.'

import { tagsType } from '../../types.bicep'

@description('Required. VM name (also the computer name; at most 15 characters for Windows).')
@maxLength(15)
param name string

@description('Optional. Location; defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('Optional. Tags.')
param tags tagsType?

@description('Optional. Operating system of the Data Science VM image.')
@allowed([
  'Windows'
  'Linux'
])
param osType string = 'Windows'

@description('Optional. VM size.')
param vmSize string = 'Standard_D4s_v5'

@description('Required. Resource id of the subnet of the network interface.')
param subnetResourceId string

@description('Required. Break-glass local administrator name (people sign in with Microsoft Entra ID).')
param adminUsername string

@description('Required. Break-glass local administrator password.')
@secure()
param adminPassword string

@description('Optional. Daily auto-shutdown time, HHmm.')
param autoShutdownTime string = '1900'

@description('Optional. Time zone of the auto-shutdown time (Windows time zone id).')
param autoShutdownTimeZoneId string = 'UTC'

@description('Optional. Encrypt temp disks and caches at the host (needs the EncryptionAtHost feature on the subscription).')
param encryptionAtHost bool = false

@description('Required. Log Analytics workspace that receives the diagnostic metrics.')
param logAnalyticsWorkspaceResourceId string

var images = {
  Windows: {
    publisher: 'microsoft-dsvm'
    offer: 'dsvm-win-2022'
    sku: 'winserver-2022'
    version: 'latest'
  }
  Linux: {
    publisher: 'microsoft-dsvm'
    offer: 'ubuntu-2204'
    sku: '2204-gen2'
    version: 'latest'
  }
}

var entraLoginExtensions = {
  Windows: {
    name: 'AADLoginForWindows'
    publisher: 'Microsoft.Azure.ActiveDirectory'
    type: 'AADLoginForWindows'
    typeHandlerVersion: '2.0'
  }
  Linux: {
    name: 'AADSSHLoginForLinux'
    publisher: 'Microsoft.Azure.ActiveDirectory'
    type: 'AADSSHLoginForLinux'
    typeHandlerVersion: '1.0'
  }
}

resource nic 'Microsoft.Network/networkInterfaces@2025-05-01' = {
  name: '${name}-nic'
  location: location
  tags: tags
  properties: {
    ipConfigurations: [
      {
        name: 'ipconfig1'
        properties: {
          privateIPAllocationMethod: 'Dynamic'
          subnet: {
            id: subnetResourceId
          }
        }
      }
    ]
    enableIPForwarding: false
  }
}

resource vm 'Microsoft.Compute/virtualMachines@2025-11-01' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    hardwareProfile: {
      vmSize: vmSize
    }
    storageProfile: {
      imageReference: images[osType]
      osDisk: {
        createOption: 'FromImage'
        deleteOption: 'Delete'
        managedDisk: {
          storageAccountType: 'Premium_LRS'
        }
      }
    }
    osProfile: {
      computerName: name
      adminUsername: adminUsername
      adminPassword: adminPassword
      windowsConfiguration: osType == 'Windows'
        ? {
            enableAutomaticUpdates: true
            provisionVMAgent: true
            patchSettings: {
              patchMode: 'AutomaticByPlatform'
              assessmentMode: 'AutomaticByPlatform'
            }
          }
        : null
      linuxConfiguration: osType == 'Linux'
        ? {
            disablePasswordAuthentication: false
            provisionVMAgent: true
            patchSettings: {
              patchMode: 'AutomaticByPlatform'
              assessmentMode: 'AutomaticByPlatform'
            }
          }
        : null
    }
    networkProfile: {
      networkInterfaces: [
        {
          id: nic.id
          properties: {
            deleteOption: 'Delete'
          }
        }
      ]
    }
    securityProfile: {
      securityType: 'TrustedLaunch'
      uefiSettings: {
        secureBootEnabled: true
        vTpmEnabled: true
      }
      encryptionAtHost: encryptionAtHost
    }
    diagnosticsProfile: {
      bootDiagnostics: {
        enabled: true
      }
    }
  }
}

resource entraLogin 'Microsoft.Compute/virtualMachines/extensions@2025-11-01' = {
  parent: vm
  name: entraLoginExtensions[osType].name
  location: location
  tags: tags
  properties: {
    publisher: entraLoginExtensions[osType].publisher
    type: entraLoginExtensions[osType].type
    typeHandlerVersion: entraLoginExtensions[osType].typeHandlerVersion
    autoUpgradeMinorVersion: true
  }
}

resource autoShutdown 'Microsoft.DevTestLab/schedules@2018-09-15' = {
  name: 'shutdown-computevm-${name}'
  location: location
  tags: tags
  properties: {
    status: 'Enabled'
    taskType: 'ComputeVmShutdownTask'
    dailyRecurrence: {
      time: autoShutdownTime
    }
    timeZoneId: autoShutdownTimeZoneId
    targetResourceId: vm.id
    notificationSettings: {
      status: 'Disabled'
      timeInMinutes: 30
    }
  }
}

resource vmDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'cloister-diagnostics'
  scope: vm
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

resource nicDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'cloister-diagnostics'
  scope: nic
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

@description('Resource id of the VM.')
output resourceId string = vm.id

@description('Name of the VM.')
output name string = vm.name

@description('Location of the VM.')
output location string = vm.location

@description('Name of the resource group the VM is in.')
output resourceGroupName string = resourceGroup().name

@description('Principal id of the VM\'s managed identity.')
output systemAssignedMIPrincipalId string = vm.identity.principalId

@description('Private IP address of the VM.')
output privateIpAddress string = nic.properties.ipConfigurations[0].properties.privateIPAddress

@description('Resource id of the VM\'s auto-shutdown schedule.')
output autoShutdownScheduleResourceId string = autoShutdown.id
