metadata name = 'Cloister research project (spoke)'
metadata description = 'One isolated spoke per research project: a virtual network without internet egress, secure storage with a WORM import container, Key Vault, Azure Machine Learning, Data Science VMs behind an Azure Virtual Desktop jump box, an optional Synapse workspace with data exfiltration protection, private endpoints with private DNS for every data service, and diagnostics to the platform\'s Log Analytics workspace. Deployed by Cloister\'s provisioning worker into the project\'s own resource group.'

targetScope = 'resourceGroup'

import { tagsType } from '../modules/types.bicep'

// ---------------------------------------------------------------- parameters

@description('Required. Short project key used in resource names: 3-8 lowercase letters and digits.')
@minLength(3)
@maxLength(8)
param projectKey string

@description('Optional. Location; defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('Optional. Tags added to every resource (Cloister adds cloister-project).')
param tags tagsType = {}

@description('Optional. Address space of the project network (/22 or larger). The network is peered with the hub, so the range must overlap neither the hub nor any other project\'s network.')
param addressPrefix string = '10.20.0.0/22'

@description('Required. Resource id of the platform\'s hub virtual network (platform output hubVirtualNetworkResourceId). The project network is peered with it, and the project\'s private endpoints register in the central private DNS zones of its resource group.')
param hubVirtualNetworkResourceId string

@description('Required. Principal id of the control plane\'s managed identity (platform output controlPlaneIdentityPrincipalId); the worker reads and writes the secure storage as it.')
param controlPlanePrincipalId string

@description('Required. Address prefix of the hub subnet the control plane runs in (platform output controlPlaneSubnetAddressPrefix); it alone reaches the project\'s private endpoints, on HTTPS only.')
param controlPlaneSubnetAddressPrefix string

@description('Required. Name of the hub\'s private DNS zone of the control plane\'s Container Apps environment (platform output controlPlaneDnsZoneName); the project network is linked to it so the VMs resolve the worker\'s secure gateway.')
param controlPlaneDnsZoneName string

@description('Required. Resource id of the platform\'s Log Analytics workspace; every resource sends its diagnostics there.')
param logAnalyticsWorkspaceResourceId string

@description('Required. Resource id of the platform\'s Data Factory; a managed private endpoint from it to the secure storage carries airlock transfers.')
param dataFactoryResourceId string

@description('Required. Principal id of the platform Data Factory\'s managed identity (gets Storage Blob Data Contributor on the secure storage).')
param dataFactoryPrincipalId string

@description('Optional. Object id of the project\'s researchers group in Microsoft Entra ID; empty assigns no researcher roles.')
param researchersGroupObjectId string = ''

@description('Optional. Days a blob version in the import container stays immutable (WORM).')
@minValue(1)
@maxValue(146000)
param importImmutabilityDays int = 365

@description('Optional. Number of Data Science VMs (also the Azure Virtual Desktop session hosts of a personal host pool).')
@minValue(0)
@maxValue(20)
param vmCount int = 1

@description('Optional. Operating system of the Data Science VMs.')
@allowed([
  'Windows'
  'Linux'
])
param vmOsType string = 'Windows'

@description('Optional. Size of the Data Science VMs.')
param vmSize string = 'Standard_D4s_v5'

@description('Required. Break-glass local administrator name of the VMs (researchers sign in with Microsoft Entra ID).')
param vmAdminUsername string

@description('Required. Break-glass local administrator password of the VMs; also stored in the project Key Vault.')
@secure()
param vmAdminPassword string

@description('Optional. Daily auto-shutdown time of every VM, HHmm.')
param autoShutdownTime string = '1900'

@description('Optional. Time zone of the auto-shutdown time (Windows time zone id).')
param autoShutdownTimeZoneId string = 'UTC'

@description('Optional. VM size of the Azure Machine Learning compute cluster.')
param computeClusterVmSize string = 'Standard_DS3_v2'

@description('Optional. Maximum nodes of the compute cluster (it scales to 0 when idle).')
@minValue(1)
@maxValue(100)
param computeClusterMaxNodes int = 4

@description('Optional. Deploy a Synapse workspace (with its own ADLS Gen2 account) with data exfiltration protection.')
param deploySynapse bool = false

// ---------------------------------------------------------------- names

var suffix = uniqueString(resourceGroup().id, projectKey)
var allTags = union(tags, {
  'cloister-project': projectKey
})
var names = {
  vnet: 'vnet-${projectKey}'
  nsgCompute: 'nsg-${projectKey}-compute'
  nsgEndpoints: 'nsg-${projectKey}-endpoints'
  secureStorage: take('stsec${projectKey}${suffix}', 24)
  mlStorage: take('stml${projectKey}${suffix}', 24)
  lakeStorage: take('stdl${projectKey}${suffix}', 24)
  keyVault: take('kv-${projectKey}-${suffix}', 24)
  mlWorkspace: 'mlw-${projectKey}'
  synapse: take('syn-${projectKey}-${suffix}', 50)
  hostPool: 'vdpool-${projectKey}'
  applicationGroup: 'vdag-${projectKey}'
  avdWorkspace: 'vdws-${projectKey}'
  dataFactoryManagedPrivateEndpoint: 'project-${projectKey}-blob'
  // Peering and DNS links live in the hub's resource group next to every other project's, so they carry the suffix.
  hubSide: 'spoke-${projectKey}-${suffix}'
}
// The hub: its network, and the resource group holding its network and the central private DNS zones.
var hub = {
  subscriptionId: split(hubVirtualNetworkResourceId, '/')[2]
  resourceGroupName: split(hubVirtualNetworkResourceId, '/')[4]
  virtualNetworkName: last(split(hubVirtualNetworkResourceId, '/'))
}
var subnetNames = {
  compute: 'snet-compute'
  endpoints: 'snet-private-endpoints'
}
var containerNames = {
  import: 'import'
  export: 'export'
  workspace: 'workspace'
}

// Private DNS: the hub's central privatelink zones, not zones of the project's own. The worker in the hub must
// resolve this project's endpoints, and a virtual network can be linked to only one zone of a given name: per-project
// zones linked to the hub would clash with the hub's own zones and with every other project's. So the project's
// endpoints register their records in the hub's zones (DNS zone groups), and the project network is linked to them.
var zoneNames = {
  blob: 'privatelink.blob.${environment().suffixes.storage}'
  dfs: 'privatelink.dfs.${environment().suffixes.storage}'
  file: 'privatelink.file.${environment().suffixes.storage}'
  vault: 'privatelink.vaultcore.azure.net'
  amlApi: 'privatelink.api.azureml.ms'
  amlNotebooks: 'privatelink.notebooks.azure.net'
  synapseSql: 'privatelink.sql.azuresynapse.net'
  synapseDev: 'privatelink.dev.azuresynapse.net'
}
var baseZones = [
  zoneNames.blob
  zoneNames.dfs
  zoneNames.file
  zoneNames.vault
  zoneNames.amlApi
  zoneNames.amlNotebooks
]
var synapseZones = [
  zoneNames.synapseSql
  zoneNames.synapseDev
]
var linkedZones = deploySynapse ? concat(baseZones, synapseZones) : baseZones
func hubZoneId(hubSubscriptionId string, hubResourceGroupName string, zone string) string =>
  resourceId(hubSubscriptionId, hubResourceGroupName, 'Microsoft.Network/privateDnsZones', zone)
var vnetId = resourceId('Microsoft.Network/virtualNetworks', names.vnet)
var endpointsSubnetId = resourceId('Microsoft.Network/virtualNetworks/subnets', names.vnet, subnetNames.endpoints)
var computeSubnetId = resourceId('Microsoft.Network/virtualNetworks/subnets', names.vnet, subnetNames.compute)
var computePrefix = cidrSubnet(addressPrefix, 24, 0)
var endpointsPrefix = cidrSubnet(addressPrefix, 24, 1)

// Outbound: only what Azure Virtual Desktop, Entra sign-in, monitoring and patching need; everything else
// to the internet is denied (rule 4000 wins over the platform default AllowInternetOutBound at 65001).
var denyInternetRules = [
  {
    name: 'deny-internet-inbound'
    priority: 4000
    direction: 'Inbound'
    access: 'Deny'
    protocol: '*'
    sourceAddressPrefix: 'Internet'
    destinationAddressPrefix: '*'
    destinationPortRange: '*'
    description: 'No inbound traffic from the internet.'
  }
  {
    name: 'deny-internet-outbound'
    priority: 4000
    direction: 'Outbound'
    access: 'Deny'
    protocol: '*'
    sourceAddressPrefix: '*'
    destinationAddressPrefix: 'Internet'
    destinationPortRange: '*'
    description: 'No egress to the internet: data leaves only through the airlock.'
  }
]
var serviceTagOutbound = [
  {
    name: 'allow-avd-service'
    tag: 'WindowsVirtualDesktop'
    port: '443'
  }
  {
    name: 'allow-avd-frontdoor'
    tag: 'AzureFrontDoor.FirstParty'
    port: '80'
  }
  {
    name: 'allow-entra-id'
    tag: 'AzureActiveDirectory'
    port: '443'
  }
  {
    name: 'allow-azure-monitor'
    tag: 'AzureMonitor'
    port: '443'
  }
  {
    name: 'allow-update-delivery'
    tag: 'AzureUpdateDelivery'
    port: '443'
  }
]
var serviceTagRules = [
  for (rule, i) in serviceTagOutbound: {
    name: rule.name
    priority: 200 + i * 10
    direction: 'Outbound'
    access: 'Allow'
    protocol: 'Tcp'
    sourceAddressPrefix: 'VirtualNetwork'
    destinationAddressPrefix: rule.tag
    destinationPortRange: rule.port
    description: 'Service traffic needed by the session hosts.'
  }
]
// The peering puts the hub inside the VirtualNetwork tag, whose default rules allow everything. Narrow it: the VMs
// reach only their own network and, on HTTPS, the control plane's subnet (where only the worker's gateway admits
// them; not the database, cache or vault), and nothing in the hub reaches them; the private endpoints take HTTPS
// from the control plane's subnet (the worker) and anything from the VMs.
var denyPeeredNetworks = [
  {
    name: 'deny-virtual-network-inbound'
    priority: 4010
    direction: 'Inbound'
    access: 'Deny'
    protocol: '*'
    sourceAddressPrefix: 'VirtualNetwork'
    destinationAddressPrefix: '*'
    destinationPortRange: '*'
    description: 'Nothing from the hub (or anything else peered) unless allowed above.'
  }
]
var computeNetworkRules = [
  {
    name: 'allow-compute-subnet-inbound'
    priority: 100
    direction: 'Inbound'
    access: 'Allow'
    protocol: '*'
    sourceAddressPrefix: computePrefix
    destinationAddressPrefix: computePrefix
    destinationPortRange: '*'
    description: 'The project VMs may talk to each other.'
  }
  {
    name: 'allow-project-network-outbound'
    priority: 300
    direction: 'Outbound'
    access: 'Allow'
    protocol: '*'
    sourceAddressPrefix: computePrefix
    destinationAddressPrefix: addressPrefix
    destinationPortRange: '*'
    description: 'The project VMs reach their own network: the private endpoints of the project data services.'
  }
  {
    name: 'allow-gateway-https-outbound'
    priority: 310
    direction: 'Outbound'
    access: 'Allow'
    protocol: 'Tcp'
    sourceAddressPrefix: computePrefix
    destinationAddressPrefix: controlPlaneSubnetAddressPrefix
    destinationPortRange: '443'
    description: 'The workspace agent stages outputs through the Cloister worker\'s secure gateway (HTTPS to the hub\'s Container Apps subnet, which admits project VMs to the gateway app alone).'
  }
  {
    name: 'deny-virtual-network-outbound'
    priority: 4010
    direction: 'Outbound'
    access: 'Deny'
    protocol: '*'
    sourceAddressPrefix: '*'
    destinationAddressPrefix: 'VirtualNetwork'
    destinationPortRange: '*'
    description: 'No traffic to the hub (control plane) or anything else peered.'
  }
]
var endpointNetworkRules = [
  {
    name: 'allow-control-plane-https-inbound'
    priority: 100
    direction: 'Inbound'
    access: 'Allow'
    protocol: 'Tcp'
    sourceAddressPrefix: controlPlaneSubnetAddressPrefix
    destinationAddressPrefix: endpointsPrefix
    destinationPortRange: '443'
    description: 'The Cloister worker (hub Container Apps subnet) uses the project storage and Key Vault through their private endpoints.'
  }
  {
    name: 'allow-compute-inbound'
    priority: 110
    direction: 'Inbound'
    access: 'Allow'
    protocol: '*'
    sourceAddressPrefix: computePrefix
    destinationAddressPrefix: endpointsPrefix
    destinationPortRange: '*'
    description: 'The project VMs use the project data services (HTTPS, SMB for file shares, TDS for Synapse SQL).'
  }
]
var computeRules = concat(serviceTagRules, computeNetworkRules, denyPeeredNetworks, denyInternetRules)
var endpointRules = concat(endpointNetworkRules, denyPeeredNetworks, denyInternetRules)

var roles = {
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  virtualMachineUserLogin: 'fb879df8-f326-4884-b1cf-06f3ad86be52'
  desktopVirtualizationUser: '1d18fff3-a72a-46b5-b4a9-0b38a3cd7e63'
  azureMlDataScientist: 'f6c7c914-8db3-469d-8ca1-694a8f32e121'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
}

// ---------------------------------------------------------------- network

module nsgCompute '../modules/network/network-security-group/main.bicep' = {
  name: 'nsg-compute'
  params: {
    name: names.nsgCompute
    location: location
    tags: allTags
    securityRules: computeRules
    logAnalyticsWorkspaceResourceId: logAnalyticsWorkspaceResourceId
  }
}

module nsgEndpoints '../modules/network/network-security-group/main.bicep' = {
  name: 'nsg-endpoints'
  params: {
    name: names.nsgEndpoints
    location: location
    tags: allTags
    securityRules: endpointRules
    logAnalyticsWorkspaceResourceId: logAnalyticsWorkspaceResourceId
  }
}

module vnet '../modules/network/virtual-network/main.bicep' = {
  name: 'vnet'
  params: {
    name: names.vnet
    location: location
    tags: allTags
    addressPrefixes: [
      addressPrefix
    ]
    subnets: [
      {
        name: subnetNames.compute
        addressPrefix: computePrefix
        networkSecurityGroupResourceId: nsgCompute.outputs.resourceId
      }
      {
        name: subnetNames.endpoints
        addressPrefix: endpointsPrefix
        networkSecurityGroupResourceId: nsgEndpoints.outputs.resourceId
      }
    ]
    logAnalyticsWorkspaceResourceId: logAnalyticsWorkspaceResourceId
  }
}

// Hub-spoke: the project network and the hub reach each other, nothing else. Both halves of the peering are needed;
// the hub's half is deployed into the hub's resource group. Spokes are not peered with each other.
module peeringToHub '../modules/network/virtual-network/virtual-network-peering/main.bicep' = {
  name: 'peering-to-hub'
  params: {
    localVirtualNetworkName: names.vnet
    remoteVirtualNetworkResourceId: hubVirtualNetworkResourceId
    name: 'peer-hub'
  }
  dependsOn: [
    vnet
  ]
}

module peeringFromHub '../modules/network/virtual-network/virtual-network-peering/main.bicep' = {
  name: 'peering-${names.hubSide}'
  scope: resourceGroup(hub.subscriptionId, hub.resourceGroupName)
  params: {
    localVirtualNetworkName: hub.virtualNetworkName
    remoteVirtualNetworkResourceId: vnetId
    name: names.hubSide
  }
  dependsOn: [
    vnet
  ]
}

// The project network resolves its endpoints (and the hub resolves them already) through the hub's zones, and the
// worker's gateway through the hub's zone of the Container Apps environment.
module hubDnsZoneLinks '../modules/network/private-dns-zone/virtual-network-link/main.bicep' = {
  name: 'dns-links-${names.hubSide}'
  scope: resourceGroup(hub.subscriptionId, hub.resourceGroupName)
  params: {
    privateDnsZoneNames: concat(linkedZones, [controlPlaneDnsZoneName])
    virtualNetworkResourceId: vnetId
    name: names.hubSide
    tags: allTags
  }
  dependsOn: [
    vnet
  ]
}

// ---------------------------------------------------------------- data

module secureStorage '../modules/storage/storage-account/main.bicep' = {
  name: 'storage-secure'
  params: {
    name: names.secureStorage
    location: location
    tags: allTags
    publicNetworkAccess: 'Disabled'
    versioningEnabled: true
    softDeleteRetentionDays: 30
    versionLevelImmutabilitySupport: true
    containers: [
      {
        name: containerNames.import
        versionLevelImmutability: true
        immutabilityPeriodDays: importImmutabilityDays
      }
      {
        name: containerNames.workspace
      }
      {
        name: containerNames.export
      }
    ]
    privateEndpoints: [
      {
        groupId: 'blob'
        subnetResourceId: endpointsSubnetId
        privateDnsZoneResourceIds: [
          hubZoneId(hub.subscriptionId, hub.resourceGroupName, zoneNames.blob)
        ]
      }
      {
        groupId: 'dfs'
        subnetResourceId: endpointsSubnetId
        privateDnsZoneResourceIds: [
          hubZoneId(hub.subscriptionId, hub.resourceGroupName, zoneNames.dfs)
        ]
      }
    ]
    logAnalyticsWorkspaceResourceId: logAnalyticsWorkspaceResourceId
  }
  dependsOn: [
    vnet
  ]
}

module mlStorage '../modules/storage/storage-account/main.bicep' = {
  name: 'storage-ml'
  params: {
    name: names.mlStorage
    location: location
    tags: allTags
    publicNetworkAccess: 'Disabled'
    privateEndpoints: [
      {
        groupId: 'blob'
        subnetResourceId: endpointsSubnetId
        privateDnsZoneResourceIds: [
          hubZoneId(hub.subscriptionId, hub.resourceGroupName, zoneNames.blob)
        ]
      }
      {
        groupId: 'file'
        subnetResourceId: endpointsSubnetId
        privateDnsZoneResourceIds: [
          hubZoneId(hub.subscriptionId, hub.resourceGroupName, zoneNames.file)
        ]
      }
    ]
    logAnalyticsWorkspaceResourceId: logAnalyticsWorkspaceResourceId
  }
  dependsOn: [
    vnet
  ]
}

module keyVault '../modules/key-vault/vault/main.bicep' = {
  name: 'key-vault'
  params: {
    name: names.keyVault
    location: location
    tags: allTags
    privateEndpoints: [
      {
        groupId: 'vault'
        subnetResourceId: endpointsSubnetId
        privateDnsZoneResourceIds: [
          hubZoneId(hub.subscriptionId, hub.resourceGroupName, zoneNames.vault)
        ]
      }
    ]
    logAnalyticsWorkspaceResourceId: logAnalyticsWorkspaceResourceId
  }
  dependsOn: [
    vnet
  ]
}

resource vaultForSecrets 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: names.keyVault
}

resource vmAdminPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vaultForSecrets
  name: 'dsvm-admin-password'
  properties: {
    value: vmAdminPassword
    contentType: 'Break-glass local administrator password of the project\'s Data Science VMs'
  }
  dependsOn: [
    keyVault
  ]
}

// The one secret the project's VMs may read, created here so their role can be scoped to it alone (the vault also
// holds the VMs' break-glass admin password and the ML workspace's secrets). The worker writes its value; a
// redeployment resets it to this placeholder, which the issuer reads as "no credential" and replaces after provisioning.
resource workspaceAgentCredentialSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vaultForSecrets
  name: 'workspace-agent-credential'
  properties: {
    value: 'not-issued'
    contentType: 'application/json'
  }
  dependsOn: [
    keyVault
  ]
}

// Airlock path: the platform factory reaches the secure storage through its managed virtual network.
// The connection is Pending on the storage account until the provisioning worker approves it.
module dataFactoryManagedPrivateEndpoint '../modules/data-factory/managed-private-endpoint/main.bicep' = {
  name: 'adf-mpe-${projectKey}'
  scope: resourceGroup(split(dataFactoryResourceId, '/')[2], split(dataFactoryResourceId, '/')[4])
  params: {
    dataFactoryName: last(split(dataFactoryResourceId, '/'))
    name: names.dataFactoryManagedPrivateEndpoint
    privateLinkResourceId: secureStorage.outputs.resourceId
    groupId: 'blob'
  }
}

// ---------------------------------------------------------------- analytics

module machineLearning '../modules/machine-learning-services/workspace/main.bicep' = {
  name: 'machine-learning'
  params: {
    name: names.mlWorkspace
    location: location
    tags: allTags
    storageAccountResourceId: mlStorage.outputs.resourceId
    keyVaultResourceId: keyVault.outputs.resourceId
    dataStorageAccountResourceId: secureStorage.outputs.resourceId
    computeClusterVmSize: computeClusterVmSize
    computeClusterMaxNodes: computeClusterMaxNodes
    privateEndpoints: [
      {
        groupId: 'amlworkspace'
        subnetResourceId: endpointsSubnetId
        privateDnsZoneResourceIds: [
          hubZoneId(hub.subscriptionId, hub.resourceGroupName, zoneNames.amlApi)
          hubZoneId(hub.subscriptionId, hub.resourceGroupName, zoneNames.amlNotebooks)
        ]
      }
    ]
    logAnalyticsWorkspaceResourceId: logAnalyticsWorkspaceResourceId
  }
  dependsOn: [
    vnet
  ]
}

module lakeStorage '../modules/storage/storage-account/main.bicep' = if (deploySynapse) {
  name: 'storage-lake'
  params: {
    name: names.lakeStorage
    location: location
    tags: allTags
    publicNetworkAccess: 'Disabled'
    isHnsEnabled: true
    versioningEnabled: false
    containers: [
      {
        name: 'synapse'
      }
    ]
    privateEndpoints: [
      {
        groupId: 'blob'
        subnetResourceId: endpointsSubnetId
        privateDnsZoneResourceIds: [
          hubZoneId(hub.subscriptionId, hub.resourceGroupName, zoneNames.blob)
        ]
      }
      {
        groupId: 'dfs'
        subnetResourceId: endpointsSubnetId
        privateDnsZoneResourceIds: [
          hubZoneId(hub.subscriptionId, hub.resourceGroupName, zoneNames.dfs)
        ]
      }
    ]
    logAnalyticsWorkspaceResourceId: logAnalyticsWorkspaceResourceId
  }
  dependsOn: [
    vnet
  ]
}

module synapse '../modules/synapse/workspace/main.bicep' = if (deploySynapse) {
  name: 'synapse'
  params: {
    name: names.synapse
    location: location
    tags: allTags
    defaultDataLakeStorageAccountResourceId: lakeStorage!.outputs.resourceId
    defaultDataLakeStorageAccountUrl: lakeStorage!.outputs.primaryDfsEndpoint
    privateEndpoints: [
      for groupId in [
        'Sql'
        'SqlOnDemand'
        'Dev'
      ]: {
        groupId: groupId
        subnetResourceId: endpointsSubnetId
        privateDnsZoneResourceIds: [
          hubZoneId(hub.subscriptionId, hub.resourceGroupName, groupId == 'Dev' ? zoneNames.synapseDev : zoneNames.synapseSql)
        ]
      }
    ]
    logAnalyticsWorkspaceResourceId: logAnalyticsWorkspaceResourceId
  }
  dependsOn: [
    vnet
  ]
}

// ---------------------------------------------------------------- researcher access

module virtualMachines '../modules/compute/virtual-machine/main.bicep' = [
  for i in range(0, vmCount): {
    name: 'vm-${i}'
    params: {
      name: 'dsvm${projectKey}${padLeft(i, 2, '0')}'
      location: location
      tags: allTags
      osType: vmOsType
      vmSize: vmSize
      subnetResourceId: computeSubnetId
      adminUsername: vmAdminUsername
      adminPassword: vmAdminPassword
      autoShutdownTime: autoShutdownTime
      autoShutdownTimeZoneId: autoShutdownTimeZoneId
      logAnalyticsWorkspaceResourceId: logAnalyticsWorkspaceResourceId
    }
    dependsOn: [
      vnet
    ]
  }
]

module hostPool '../modules/desktop-virtualization/host-pool/main.bicep' = {
  name: 'avd-host-pool'
  params: {
    name: names.hostPool
    location: location
    tags: allTags
    hostPoolType: 'Personal'
    logAnalyticsWorkspaceResourceId: logAnalyticsWorkspaceResourceId
  }
}

module applicationGroup '../modules/desktop-virtualization/application-group/main.bicep' = {
  name: 'avd-application-group'
  params: {
    name: names.applicationGroup
    location: location
    tags: allTags
    hostPoolResourceId: hostPool.outputs.resourceId
    logAnalyticsWorkspaceResourceId: logAnalyticsWorkspaceResourceId
  }
}

module avdWorkspace '../modules/desktop-virtualization/workspace/main.bicep' = {
  name: 'avd-workspace'
  params: {
    name: names.avdWorkspace
    location: location
    tags: allTags
    applicationGroupResourceIds: [
      applicationGroup.outputs.resourceId
    ]
    logAnalyticsWorkspaceResourceId: logAnalyticsWorkspaceResourceId
  }
}

// ---------------------------------------------------------------- role assignments (project resource group)

resource dataFactoryBlobContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, dataFactoryResourceId, roles.storageBlobDataContributor)
  properties: {
    principalId: dataFactoryPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    description: 'Airlock: the platform Data Factory moves files into and out of the project storage.'
  }
}

resource secureStorageAccount 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: names.secureStorage
}

// Scoped to the secure account alone: the worker stages, verifies, seals and releases project data there.
resource controlPlaneBlobContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(secureStorageAccount.id, controlPlanePrincipalId, roles.storageBlobDataContributor)
  scope: secureStorageAccount
  properties: {
    principalId: controlPlanePrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    description: 'Cloister control plane: the worker uses the project\'s secure storage (through its private endpoint).'
  }
  dependsOn: [
    secureStorage
  ]
}

// Scoped to the project vault alone: the worker writes the workspace-agent credential secret there.
resource controlPlaneSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vaultForSecrets.id, controlPlanePrincipalId, roles.keyVaultSecretsOfficer)
  scope: vaultForSecrets
  properties: {
    principalId: controlPlanePrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
    description: 'Cloister control plane: the worker delivers the workspace-agent credential into the project\'s Key Vault.'
  }
  dependsOn: [
    keyVault
  ]
}

// Each VM's own identity reads the workspace-agent credential secret and nothing else of the vault (the agent fetches
// it through IMDS); a vault-wide grant would hand any VM user the break-glass admin password.
resource vmSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for i in range(0, vmCount): {
    name: guid(workspaceAgentCredentialSecret.id, 'dsvm${projectKey}${padLeft(i, 2, '0')}', roles.keyVaultSecretsUser)
    scope: workspaceAgentCredentialSecret
    properties: {
      principalId: virtualMachines[i].outputs.systemAssignedMIPrincipalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
      description: 'Cloister workspace agent: the project VM reads its workspace credential from the project\'s Key Vault.'
    }
    dependsOn: [
      keyVault
    ]
  }
]

resource researcherRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in [
    roles.virtualMachineUserLogin
    roles.desktopVirtualizationUser
    roles.storageBlobDataContributor
    roles.azureMlDataScientist
  ]: if (!empty(researchersGroupObjectId)) {
    name: guid(resourceGroup().id, researchersGroupObjectId, role)
    properties: {
      principalId: researchersGroupObjectId
      principalType: 'Group'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      description: 'Cloister: researchers of project ${projectKey}.'
    }
  }
]

// ---------------------------------------------------------------- outputs (stored by the provisioning worker)

@description('Resource id of the project virtual network.')
output virtualNetworkResourceId string = vnet.outputs.resourceId

@description('Resource id of the subnet of the VMs.')
output computeSubnetResourceId string = computeSubnetId

@description('Resource id of the subnet of the private endpoints.')
output privateEndpointSubnetResourceId string = endpointsSubnetId

@description('Name of the secure storage account (research data).')
output secureStorageAccountName string = secureStorage.outputs.name

@description('Resource id of the secure storage account.')
output secureStorageAccountResourceId string = secureStorage.outputs.resourceId

@description('Container names of the secure storage account.')
output containers {
  import: string
  export: string
  workspace: string
} = containerNames

@description('Name of the Azure Machine Learning default storage account.')
output mlStorageAccountName string = mlStorage.outputs.name

@description('Name of the project Key Vault.')
output keyVaultName string = keyVault.outputs.name

@description('Resource id of the project Key Vault.')
output keyVaultResourceId string = keyVault.outputs.resourceId

@description('URI of the project Key Vault.')
output keyVaultUri string = keyVault.outputs.uri

@description('Name of the Key Vault entry holding the VMs\' break-glass administrator credential.')
output vmBreakGlassCredentialName string = vmAdminPasswordSecret.name

@description('Name of the Azure Machine Learning workspace.')
output machineLearningWorkspaceName string = machineLearning.outputs.name

@description('Resource id of the Azure Machine Learning workspace.')
output machineLearningWorkspaceResourceId string = machineLearning.outputs.resourceId

@description('Name of the Azure Machine Learning compute cluster.')
output computeClusterName string = machineLearning.outputs.computeClusterName

@description('Names of the Data Science VMs.')
output vmNames string[] = [for i in range(0, vmCount): virtualMachines[i].outputs.name]

@description('Resource ids of the Data Science VMs.')
output vmResourceIds string[] = [for i in range(0, vmCount): virtualMachines[i].outputs.resourceId]

@description('Resource id of the Azure Virtual Desktop host pool.')
output hostPoolResourceId string = hostPool.outputs.resourceId

@description('Name of the Azure Virtual Desktop host pool.')
output hostPoolName string = hostPool.outputs.name

@description('Resource id of the Azure Virtual Desktop application group.')
output applicationGroupResourceId string = applicationGroup.outputs.resourceId

@description('Resource id of the Azure Virtual Desktop workspace.')
output avdWorkspaceResourceId string = avdWorkspace.outputs.resourceId

@description('Name of the Synapse workspace; empty when not deployed.')
output synapseWorkspaceName string = deploySynapse ? synapse!.outputs.name : ''

@description('Resource id of the Synapse workspace; empty when not deployed.')
output synapseWorkspaceResourceId string = deploySynapse ? synapse!.outputs.resourceId : ''

@description('Name of the platform Data Factory\'s managed private endpoint to the secure storage; its connection on the storage account must be approved.')
output dataFactoryManagedPrivateEndpointName string = dataFactoryManagedPrivateEndpoint.outputs.name

@description('Resource ids of the hub\'s private DNS zones the project\'s private endpoints register in and its network is linked to.')
output privateDnsZoneResourceIds string[] = [for zone in linkedZones: hubZoneId(hub.subscriptionId, hub.resourceGroupName, zone)]

@description('Resource id of the hub\'s half of the peering (in the hub\'s resource group: delete it when the project is decommissioned).')
output hubPeeringResourceId string = peeringFromHub.outputs.resourceId

@description('Resource ids of the project network\'s links to the hub\'s private DNS zones, the control plane\'s zone last (in the hub\'s resource group: delete them when the project is decommissioned).')
output hubPrivateDnsZoneLinkResourceIds string[] = hubDnsZoneLinks.outputs.resourceIds
