metadata name = 'Cloister platform (hub)'
metadata description = 'Deployed once per Cloister installation, at subscription scope: the platform resource group with the hub network, Log Analytics with Microsoft Sentinel, the public staging storage account, the airlock Data Factory with its ingress and egress pipelines, the export-notification Logic App, Key Vault, and Cloister\'s private control plane (API, worker and portal on Container Apps, PostgreSQL, Redis); plus subscription-wide Defender plans and a regulatory compliance initiative.'

targetScope = 'subscription'

import { tagsType } from '../modules/types.bicep'

// ---------------------------------------------------------------- parameters

@description('Required. Short installation key used in resource names: 3-8 lowercase letters and digits.')
@minLength(3)
@maxLength(8)
param installationKey string

@description('Optional. Location of every platform resource; defaults to the deployment\'s.')
param location string = deployment().location

@description('Optional. Tags added to every resource (Cloister adds cloister-installation).')
param tags tagsType = {}

@description('Optional. Name of the platform resource group.')
param resourceGroupName string = 'rg-cloister-${installationKey}-platform'

@description('Optional. Address space of the hub network (/22 or larger).')
param hubAddressPrefix string = '10.0.0.0/22'

@description('Required. Regulatory compliance initiative assigned to the subscription.')
@allowed([
  'hipaa-hitrust'
  'nist-sp-800-53-r5'
])
param regulatoryInitiative string

@description('Optional. Enforcement mode of the initiative assignment.')
@allowed([
  'Default'
  'DoNotEnforce'
])
param policyEnforcementMode string = 'Default'

@description('Optional. Turn on the Microsoft Defender for Cloud plans for the subscription.')
param enableDefenderPlans bool = true

@description('Optional. Days the Log Analytics workspace keeps data interactively.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 365

@description('Required. Container image of the Cloister API.')
param apiImage string

@description('Required. Container image of the Cloister worker.')
param workerImage string

@description('Required. Container image of the Cloister portal.')
param portalImage string

@description('Optional. Port the API listens on.')
param apiPort int = 3000

@description('Optional. Port the portal listens on.')
param portalPort int = 8080

@description('Optional. Port of the worker\'s health endpoint and secure gateway (reachable from the API inside the environment and from project networks).')
param workerPort int = 4402

@description('Optional. Address range every new project network is carved from (the worker\'s AZURE_SPOKE_ADDRESS_POOL; must not overlap the hub). Project VMs in it reach the worker\'s gateway on 443 and nothing else of the hub; the API and the portal refuse it.')
param spokeAddressPool string = '10.64.0.0/10'

@description('Required. Audience of the API\'s access tokens: the Application ID URI or client id of the API\'s Microsoft Entra app registration.')
param oidcAudience string

@description('Required. Client id of the portal\'s Microsoft Entra app registration (single-page application, authorization code with PKCE).')
param portalClientId string

@description('Required. Random secret (at least 32 characters) with which the API signs its secure-gateway read grants; stored in Key Vault only.')
@secure()
@minLength(32)
param secureGatewaySecret string

@description('Required. Random secret (at least 32 characters) from which the worker derives each project VM\'s break-glass admin password (HMAC of the project id: stable across redeploys, never stored by Cloister); stored in Key Vault only.')
@secure()
@minLength(32)
param vmAdminPasswordSecret string

@description('Required. Random secret (at least 16 characters) that signs Cloister\'s webhook notifications (X-Cloister-Signature); stored in Key Vault only.')
@secure()
@minLength(16)
param webhookSecret string

@description('Optional. HTTPS webhook the export-notification Logic App forwards to; empty forwards nothing.')
@secure()
param notificationWebhookUrl string = ''

// ---------------------------------------------------------------- names

var suffix = uniqueString(subscription().subscriptionId, resourceGroupName)
// The control plane's subnet: project networks let it (and only it, of the hub) reach their private endpoints.
var containerAppsSubnetPrefix = cidrSubnet(hubAddressPrefix, 23, 0)
var allTags = union(tags, {
  'cloister-installation': installationKey
})
var names = {
  logAnalytics: 'log-cloister-${installationKey}'
  vnet: 'vnet-cloister-${installationKey}-hub'
  nsgHub: 'nsg-cloister-${installationKey}-hub'
  publicStorage: take('stpub${installationKey}${suffix}', 24)
  dataFactory: 'adf-cloister-${installationKey}-${suffix}'
  logicApp: 'logic-cloister-${installationKey}-export-notify'
  eventGridTopic: 'evgt-cloister-${installationKey}-public-storage'
  keyVault: take('kv-cl-${installationKey}-${suffix}', 24)
  identity: 'id-cloister-${installationKey}-control-plane'
  containerAppsEnvironment: 'cae-cloister-${installationKey}'
  api: 'ca-${installationKey}-api'
  worker: 'ca-${installationKey}-worker'
  portal: 'ca-${installationKey}-portal'
  postgres: 'psql-cloister-${installationKey}-${suffix}'
  redis: 'redis-cloister-${installationKey}-${suffix}'
}
// Key Vault secrets the control plane reads through Container Apps Key Vault references.
var secretNames = {
  redisUrl: 'redis-url'
  secureGatewaySecret: 'secure-gateway-secret'
  vmAdminPasswordSecret: 'vm-admin-password-secret'
  webhookUrl: 'webhook-url'
  webhookSecret: 'webhook-secret'
}
var subnetNames = {
  containerApps: 'snet-container-apps'
  endpoints: 'snet-private-endpoints'
  postgres: 'snet-postgres'
}
var containerNames = {
  uploads: 'uploads'
  exports: 'exports'
}
// The hub holds the central private DNS zones: its own endpoints' and every project's. Each project's private
// endpoints register in these zones and each project network is linked to them (by the project template), so the
// control plane resolves project storage and Key Vault to their private endpoints across the peering. A virtual
// network can be linked to only one zone of a name, which rules out per-project zones linked to the hub.
var zoneNames = {
  blob: 'privatelink.blob.${environment().suffixes.storage}'
  dfs: 'privatelink.dfs.${environment().suffixes.storage}'
  file: 'privatelink.file.${environment().suffixes.storage}'
  vault: 'privatelink.vaultcore.azure.net'
  dataFactory: 'privatelink.datafactory.azure.net'
  redis: 'privatelink.redis.cache.windows.net'
  postgres: '${installationKey}.private.postgres.database.azure.com'
  amlApi: 'privatelink.api.azureml.ms'
  amlNotebooks: 'privatelink.notebooks.azure.net'
  synapseSql: 'privatelink.sql.azuresynapse.net'
  synapseDev: 'privatelink.dev.azuresynapse.net'
}
var zoneList = [
  zoneNames.blob
  zoneNames.dfs
  zoneNames.file
  zoneNames.vault
  zoneNames.dataFactory
  zoneNames.redis
  zoneNames.postgres
  zoneNames.amlApi
  zoneNames.amlNotebooks
  zoneNames.synapseSql
  zoneNames.synapseDev
]
var roles = {
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  dataFactoryContributor: '673868aa-7521-48a0-acc6-0f60742d39f5'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

// ---------------------------------------------------------------- subscription-wide controls

resource platformResourceGroup 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: resourceGroupName
  location: location
  tags: allTags
}

module defender '../modules/security/defender-plans/main.bicep' = if (enableDefenderPlans) {
  name: 'cloister-${installationKey}-defender'
}

module regulatoryCompliance '../modules/authorization/policy-assignment/main.bicep' = {
  name: 'cloister-${installationKey}-policy'
  params: {
    regulatoryInitiative: regulatoryInitiative
    location: location
    enforcementMode: policyEnforcementMode
  }
}

// ---------------------------------------------------------------- monitoring and network

module logAnalytics '../modules/operational-insights/workspace/main.bicep' = {
  name: 'log-analytics'
  scope: platformResourceGroup
  params: {
    name: names.logAnalytics
    location: location
    tags: allTags
    retentionInDays: logRetentionInDays
    onboardToSentinel: true
  }
}

module nsgHub '../modules/network/network-security-group/main.bicep' = {
  name: 'nsg-hub'
  scope: platformResourceGroup
  params: {
    name: names.nsgHub
    location: location
    tags: allTags
    securityRules: [
      {
        name: 'deny-internet-inbound'
        priority: 4000
        direction: 'Inbound'
        access: 'Deny'
        protocol: '*'
        sourceAddressPrefix: 'Internet'
        destinationAddressPrefix: '*'
        destinationPortRange: '*'
        description: 'The control plane is private: nothing comes in from the internet.'
      }
      {
        name: 'allow-project-gateway-https-inbound'
        priority: 100
        direction: 'Inbound'
        access: 'Allow'
        protocol: 'Tcp'
        sourceAddressPrefix: spokeAddressPool
        destinationAddressPrefix: containerAppsSubnetPrefix
        destinationPortRange: '443'
        description: 'Project VMs stage outputs through the worker\'s secure gateway (Container Apps ingress, HTTPS).'
      }
      {
        name: 'deny-project-networks-inbound'
        priority: 4010
        direction: 'Inbound'
        access: 'Deny'
        protocol: '*'
        sourceAddressPrefix: spokeAddressPool
        destinationAddressPrefix: '*'
        destinationPortRange: '*'
        description: 'Nothing else of the hub (database, cache, vault, endpoints) takes traffic from project networks.'
      }
    ]
    logAnalyticsWorkspaceResourceId: logAnalytics.outputs.resourceId
  }
}

module hubNetwork '../modules/network/virtual-network/main.bicep' = {
  name: 'hub-network'
  scope: platformResourceGroup
  params: {
    name: names.vnet
    location: location
    tags: allTags
    addressPrefixes: [
      hubAddressPrefix
    ]
    subnets: [
      {
        name: subnetNames.containerApps
        addressPrefix: containerAppsSubnetPrefix
        networkSecurityGroupResourceId: nsgHub.outputs.resourceId
        delegation: 'Microsoft.App/environments'
      }
      {
        name: subnetNames.endpoints
        addressPrefix: cidrSubnet(hubAddressPrefix, 24, 2)
        networkSecurityGroupResourceId: nsgHub.outputs.resourceId
      }
      {
        name: subnetNames.postgres
        addressPrefix: cidrSubnet(hubAddressPrefix, 24, 3)
        networkSecurityGroupResourceId: nsgHub.outputs.resourceId
        delegation: 'Microsoft.DBforPostgreSQL/flexibleServers'
      }
    ]
    logAnalyticsWorkspaceResourceId: logAnalytics.outputs.resourceId
  }
}

var endpointsSubnetId = '${platformResourceGroup.id}/providers/Microsoft.Network/virtualNetworks/${names.vnet}/subnets/${subnetNames.endpoints}'
var containerAppsSubnetId = '${platformResourceGroup.id}/providers/Microsoft.Network/virtualNetworks/${names.vnet}/subnets/${subnetNames.containerApps}'
var postgresSubnetId = '${platformResourceGroup.id}/providers/Microsoft.Network/virtualNetworks/${names.vnet}/subnets/${subnetNames.postgres}'

module dnsZones '../modules/network/private-dns-zone/main.bicep' = [
  for zone in zoneList: {
    name: 'dns-${replace(zone, '.', '-')}'
    scope: platformResourceGroup
    params: {
      name: zone
      tags: allTags
      virtualNetworkResourceIds: [
        hubNetwork.outputs.resourceId
      ]
    }
  }
]

func zoneId(rgId string, zone string) string => '${rgId}/providers/Microsoft.Network/privateDnsZones/${zone}'

// ---------------------------------------------------------------- airlock

module publicStorage '../modules/storage/storage-account/main.bicep' = {
  name: 'storage-public'
  scope: platformResourceGroup
  params: {
    name: names.publicStorage
    location: location
    tags: allTags
    // Researchers' browsers upload here (user delegation SAS) and collect released exports; the data
    // moves on through the Data Factory's managed private endpoint. No keys, no anonymous access.
    publicNetworkAccess: 'Enabled'
    versioningEnabled: false
    softDeleteRetentionDays: 0
    malwareScanningOnUpload: true
    containers: [
      {
        name: containerNames.uploads
      }
      {
        name: containerNames.exports
      }
    ]
    privateEndpoints: [
      {
        groupId: 'blob'
        subnetResourceId: endpointsSubnetId
        privateDnsZoneResourceIds: [
          zoneId(platformResourceGroup.id, zoneNames.blob)
        ]
      }
    ]
    logAnalyticsWorkspaceResourceId: logAnalytics.outputs.resourceId
  }
  dependsOn: [
    dnsZones
    hubNetwork
  ]
}

module dataFactory '../modules/data-factory/factory/main.bicep' = {
  name: 'data-factory'
  scope: platformResourceGroup
  params: {
    name: names.dataFactory
    location: location
    tags: allTags
    publicStorageAccountName: publicStorage.outputs.name
    uploadsContainerName: containerNames.uploads
    exportsContainerName: containerNames.exports
    managedPrivateEndpoints: [
      {
        name: 'public-storage-blob'
        privateLinkResourceId: publicStorage.outputs.resourceId
        groupId: 'blob'
      }
    ]
    privateEndpoints: [
      {
        groupId: 'dataFactory'
        subnetResourceId: endpointsSubnetId
        privateDnsZoneResourceIds: [
          zoneId(platformResourceGroup.id, zoneNames.dataFactory)
        ]
      }
    ]
    logAnalyticsWorkspaceResourceId: logAnalytics.outputs.resourceId
  }
  dependsOn: [
    dnsZones
    hubNetwork
  ]
}

module dataFactoryOnPublicStorage '../modules/authorization/role-assignment/main.bicep' = {
  name: 'role-adf-public-storage'
  scope: platformResourceGroup
  params: {
    principalId: dataFactory.outputs.systemAssignedMIPrincipalId
    principalKey: names.dataFactory
    roleDefinitionGuid: roles.storageBlobDataContributor
    roleDescription: 'Airlock: the Data Factory moves files out of uploads and into exports.'
  }
}

module exportNotifications '../modules/logic/workflow/main.bicep' = {
  name: 'export-notifications'
  scope: platformResourceGroup
  params: {
    name: names.logicApp
    location: location
    tags: allTags
    notificationWebhookUrl: notificationWebhookUrl
    logAnalyticsWorkspaceResourceId: logAnalytics.outputs.resourceId
    // The worker posts notifications to the trigger (WEBHOOK_URL); its signed URL lives only in Key Vault.
    // A name known before deployment (not keyVault's output), so what-if can evaluate the module's condition.
    secretsExportConfiguration: {
      keyVaultName: names.keyVault
      callbackUrlSecretName: secretNames.webhookUrl
    }
  }
  dependsOn: [
    keyVault
  ]
}

module exportEvents '../modules/event-grid/system-topic/main.bicep' = {
  name: 'export-events'
  scope: platformResourceGroup
  params: {
    name: names.eventGridTopic
    location: location
    tags: allTags
    storageAccountName: names.publicStorage
    containerName: containerNames.exports
    workflowName: names.logicApp
    logAnalyticsWorkspaceResourceId: logAnalytics.outputs.resourceId
  }
  dependsOn: [
    publicStorage
    exportNotifications
  ]
}

module keyVault '../modules/key-vault/vault/main.bicep' = {
  name: 'key-vault'
  scope: platformResourceGroup
  params: {
    name: names.keyVault
    location: location
    tags: allTags
    privateEndpoints: [
      {
        groupId: 'vault'
        subnetResourceId: endpointsSubnetId
        privateDnsZoneResourceIds: [
          zoneId(platformResourceGroup.id, zoneNames.vault)
        ]
      }
    ]
    logAnalyticsWorkspaceResourceId: logAnalytics.outputs.resourceId
  }
  dependsOn: [
    dnsZones
    hubNetwork
  ]
}

// ---------------------------------------------------------------- control plane

module identity '../modules/managed-identity/user-assigned-identity/main.bicep' = {
  name: 'control-plane-identity'
  scope: platformResourceGroup
  params: {
    name: names.identity
    location: location
    tags: allTags
  }
}

module identityRoles '../modules/authorization/role-assignment/main.bicep' = [
  for role in [
    {
      id: roles.storageBlobDataContributor
      why: 'Control plane: issues user delegation SAS for uploads and exports on the public account.'
    }
    {
      id: roles.dataFactoryContributor
      why: 'Control plane: starts and watches airlock pipeline runs.'
    }
    {
      id: roles.keyVaultSecretsUser
      why: 'Control plane: reads its secrets from the platform Key Vault.'
    }
    {
      id: roles.monitoringMetricsPublisher
      why: 'Control plane: publishes its telemetry.'
    }
  ]: {
    name: 'role-control-plane-${role.id}'
    scope: platformResourceGroup
    params: {
      principalId: identity.outputs.principalId
      principalKey: names.identity
      roleDefinitionGuid: role.id
      roleDescription: role.why
    }
  }
]

module postgres '../modules/db-for-postgre-sql/flexible-server/main.bicep' = {
  name: 'postgres'
  scope: platformResourceGroup
  params: {
    name: names.postgres
    location: location
    tags: allTags
    delegatedSubnetResourceId: postgresSubnetId
    privateDnsZoneResourceId: zoneId(platformResourceGroup.id, zoneNames.postgres)
    // The Entra administrator's resource name is the identity's object id, known only once it exists.
    #disable-next-line what-if-short-circuiting
    administrator: {
      objectId: identity.outputs.principalId
      principalName: identity.outputs.name
    }
    logAnalyticsWorkspaceResourceId: logAnalytics.outputs.resourceId
  }
  dependsOn: [
    dnsZones
    hubNetwork
  ]
}

module redis '../modules/cache/redis/main.bicep' = {
  name: 'redis'
  scope: platformResourceGroup
  params: {
    name: names.redis
    location: location
    tags: allTags
    privateEndpoints: [
      {
        groupId: 'redisCache'
        subnetResourceId: endpointsSubnetId
        privateDnsZoneResourceIds: [
          zoneId(platformResourceGroup.id, zoneNames.redis)
        ]
      }
    ]
    logAnalyticsWorkspaceResourceId: logAnalytics.outputs.resourceId
    secretsExportConfiguration: {
      keyVaultName: names.keyVault
      redisUrlSecretName: secretNames.redisUrl
    }
  }
  dependsOn: [
    dnsZones
    hubNetwork
    keyVault
  ]
}

module secureGatewaySecretValue '../modules/key-vault/vault/secret/main.bicep' = {
  name: 'secret-secure-gateway'
  scope: platformResourceGroup
  params: {
    keyVaultName: keyVault.outputs.name
    name: secretNames.secureGatewaySecret
    value: secureGatewaySecret
  }
}

module vmAdminPasswordSecretValue '../modules/key-vault/vault/secret/main.bicep' = {
  name: 'secret-vm-admin-password'
  scope: platformResourceGroup
  params: {
    keyVaultName: keyVault.outputs.name
    name: secretNames.vmAdminPasswordSecret
    value: vmAdminPasswordSecret
  }
}

module webhookSecretValue '../modules/key-vault/vault/secret/main.bicep' = {
  name: 'secret-webhook'
  scope: platformResourceGroup
  params: {
    keyVaultName: keyVault.outputs.name
    name: secretNames.webhookSecret
    value: webhookSecret
  }
}

module containerAppsEnvironment '../modules/app/managed-environment/main.bicep' = {
  name: 'container-apps-environment'
  scope: platformResourceGroup
  params: {
    name: names.containerAppsEnvironment
    location: location
    tags: allTags
    infrastructureSubnetResourceId: containerAppsSubnetId
    logAnalyticsWorkspaceResourceId: logAnalytics.outputs.resourceId
  }
  dependsOn: [
    hubNetwork
  ]
}

// The internal environment's domain resolves to its internal load balancer, in the hub and in every project network
// (each project template links its network to this zone, so its VMs resolve the worker's gateway).
module containerAppsDns '../modules/network/private-dns-zone/main.bicep' = {
  name: 'dns-container-apps'
  scope: platformResourceGroup
  params: {
    // The zone is named after the environment's generated default domain.
    #disable-next-line what-if-short-circuiting
    name: containerAppsEnvironment.outputs.defaultDomain
    tags: allTags
    virtualNetworkResourceIds: [
      hubNetwork.outputs.resourceId
    ]
    aRecords: {
      '*': containerAppsEnvironment.outputs.staticIp
    }
  }
}

// Configuration of the API and the worker, named as libs/config's zod schemas (apiEnvSchema, workerEnvSchema) read it;
// libs/config/src/azure-deployment-contract.spec.ts checks the compiled template against those schemas.
var portalUrl = 'https://${names.portal}.${containerAppsEnvironment.outputs.defaultDomain}'
var workspaceGatewayUrl = 'https://${names.worker}.${containerAppsEnvironment.outputs.defaultDomain}'
// The API and the portal are for people, never for project VMs (see the worker's ingress).
var refuseProjectNetworks = [
  {
    name: 'project-networks'
    ipAddressRange: spokeAddressPool
    action: 'Deny'
    description: 'Project VMs reach only the worker\'s gateway.'
  }
]
var sharedSettings = {
  CLOISTER_MODE: 'azure'
  NODE_ENV: 'production'
  // DefaultAzureCredential signs in as this user-assigned identity (storage, Data Factory, ARM, PostgreSQL tokens).
  AZURE_CLIENT_ID: identity.outputs.clientId
  // Microsoft Entra authentication: the user is the identity (the server's Entra admin); the password is a token
  // the process fetches for each new connection. pg treats sslmode=require as verify-full; say so explicitly.
  DATABASE_URL: 'postgres://${identity.outputs.name}@${postgres.outputs.fqdn}:5432/${postgres.outputs.databaseName}?sslmode=verify-full'
  PUBLIC_STORAGE_BLOB_URL: publicStorage.outputs.primaryBlobEndpoint
  PUBLIC_STORAGE_ACCOUNT: publicStorage.outputs.name
  PUBLIC_BASE_URL: portalUrl
  // The environment's ingress proxies connect from its subnet: their X-Forwarded-For is the caller audit events record.
  TRUSTED_PROXIES: containerAppsSubnetPrefix
}
var sharedSecrets = {
  REDIS_URL: redis.outputs.redisUrlSecretUri
  SECURE_GATEWAY_SECRET: secureGatewaySecretValue.outputs.uri
  WEBHOOK_URL: exportNotifications.outputs.callbackUrlSecretUri
  WEBHOOK_SECRET: webhookSecretValue.outputs.uri
}

module worker '../modules/app/container-app/main.bicep' = {
  name: 'container-app-worker'
  scope: platformResourceGroup
  params: {
    name: names.worker
    location: location
    tags: allTags
    environmentResourceId: containerAppsEnvironment.outputs.resourceId
    image: workerImage
    // The secure gateway: the API reads secure blobs through it (signed grants) and project VMs stage outputs
    // through it (workspace credentials). "External" in an internal environment means the virtual network, never
    // the internet; the allow list narrows that to the environment's own subnet (the API) and the project networks.
    // The gateway keeps its own app rather than the API's ingress: the VMs must not reach the API (people's
    // sessions, uploads, comments would be a way out of the enclave that skips the airlock), and NSGs cannot tell
    // apps apart behind the environment's one load balancer address, so each app's ingress restricts the callers.
    targetPort: workerPort
    ingressExternal: true
    ingressIpRules: [
      {
        name: 'control-plane'
        ipAddressRange: containerAppsSubnetPrefix
        action: 'Allow'
        description: 'The API (and the other apps of the environment).'
      }
      {
        name: 'project-networks'
        ipAddressRange: spokeAddressPool
        action: 'Allow'
        description: 'The workspace agent on project VMs.'
      }
    ]
    userAssignedIdentityResourceId: identity.outputs.resourceId
    environmentVariables: union(sharedSettings, {
      WORKER_HOST: '0.0.0.0'
      WORKER_PORT: string(workerPort)
      // Written into each workspace credential: the name the VMs resolve through the environment's zone (the
      // app's own fqdn output cannot be read here; VNet-visible ingress is <app>.<default domain>).
      WORKSPACE_GATEWAY_URL: workspaceGatewayUrl
      AZURE_SUBSCRIPTION_ID: subscription().subscriptionId
      AZURE_LOCATION: location
      AZURE_RESOURCE_GROUP: resourceGroupName
      AZURE_DATA_FACTORY_NAME: dataFactory.outputs.name
      // New project networks come from the range the hub's NSG and the gateway's ingress admit.
      AZURE_SPOKE_ADDRESS_POOL: spokeAddressPool
      // The platform outputs every project deployment takes as parameters. No secure account: the worker uses each
      // project's own (its provisioning output), through the spoke's private endpoint across the peering.
      AZURE_PLATFORM_PARAMETERS: string({
        logAnalyticsWorkspaceResourceId: logAnalytics.outputs.resourceId
        dataFactoryResourceId: dataFactory.outputs.resourceId
        dataFactoryPrincipalId: dataFactory.outputs.systemAssignedMIPrincipalId
        hubVirtualNetworkResourceId: hubNetwork.outputs.resourceId
        controlPlaneSubnetAddressPrefix: containerAppsSubnetPrefix
        controlPlanePrincipalId: identity.outputs.principalId
        controlPlaneDnsZoneName: containerAppsEnvironment.outputs.defaultDomain
      })
    })
    // Only the worker deploys projects, so only it reads the secret the VM admin passwords derive from.
    environmentVariablesFromVault: union(sharedSecrets, {
      VM_ADMIN_PASSWORD_SECRET: vmAdminPasswordSecretValue.outputs.uri
    })
    logAnalyticsWorkspaceResourceId: logAnalytics.outputs.resourceId
  }
  // Key Vault references are resolved when the revision starts: the identity must already read secrets.
  dependsOn: [
    identityRoles
  ]
}

module api '../modules/app/container-app/main.bicep' = {
  name: 'container-app-api'
  scope: platformResourceGroup
  params: {
    name: names.api
    location: location
    tags: allTags
    environmentResourceId: containerAppsEnvironment.outputs.resourceId
    image: apiImage
    targetPort: apiPort
    ingressIpRules: refuseProjectNetworks
    userAssignedIdentityResourceId: identity.outputs.resourceId
    // No secure-account setting reaches the API: it reads secure blobs only through the worker's gateway.
    environmentVariables: union(sharedSettings, {
      API_HOST: '0.0.0.0'
      API_PORT: string(apiPort)
      DEV_TOKEN_ENABLED: 'false'
      OIDC_ISSUER: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
      OIDC_AUDIENCE: oidcAudience
      OIDC_CLIENT_ID: portalClientId
      SECURE_GATEWAY_URL: 'https://${worker.outputs.fqdn}'
    })
    environmentVariablesFromVault: sharedSecrets
    logAnalyticsWorkspaceResourceId: logAnalytics.outputs.resourceId
  }
  dependsOn: [
    identityRoles
  ]
}

module portal '../modules/app/container-app/main.bicep' = {
  name: 'container-app-portal'
  scope: platformResourceGroup
  params: {
    name: names.portal
    location: location
    tags: allTags
    environmentResourceId: containerAppsEnvironment.outputs.resourceId
    image: portalImage
    targetPort: portalPort
    ingressIpRules: refuseProjectNetworks
    userAssignedIdentityResourceId: identity.outputs.resourceId
    environmentVariables: {
      CLOISTER_API_BASE_URL: 'https://${api.outputs.fqdn}'
    }
    logAnalyticsWorkspaceResourceId: logAnalytics.outputs.resourceId
  }
}

// ---------------------------------------------------------------- outputs (stored by Cloister)

@description('Name of the platform resource group.')
output resourceGroupName string = platformResourceGroup.name

@description('Resource id of the Log Analytics workspace (pass to every project deployment).')
output logAnalyticsWorkspaceResourceId string = logAnalytics.outputs.resourceId

@description('Resource id of the hub virtual network (pass to every project deployment: it peers with the hub and uses the hub\'s private DNS zones).')
output hubVirtualNetworkResourceId string = hubNetwork.outputs.resourceId

@description('Address prefix of the control plane\'s (Container Apps) subnet (pass to every project deployment: its endpoints accept HTTPS from it, and its VMs reach the gateway in it).')
output controlPlaneSubnetAddressPrefix string = containerAppsSubnetPrefix

@description('Name of the hub\'s private DNS zone of the Container Apps environment (its default domain; pass to every project deployment: the project network is linked to it so the VMs resolve the gateway).')
output controlPlaneDnsZoneName string = containerAppsEnvironment.outputs.defaultDomain

@description('URL at which project VMs reach the worker\'s secure gateway (the worker\'s WORKSPACE_GATEWAY_URL).')
output workspaceGatewayUrl string = workspaceGatewayUrl

@description('Name of the public staging storage account.')
output publicStorageAccountName string = publicStorage.outputs.name

@description('Resource id of the public staging storage account.')
output publicStorageAccountResourceId string = publicStorage.outputs.resourceId

@description('Container names of the public account.')
output publicContainers {
  uploads: string
  exports: string
} = containerNames

@description('Resource id of the airlock Data Factory (pass to every project deployment).')
output dataFactoryResourceId string = dataFactory.outputs.resourceId

@description('Name of the airlock Data Factory.')
output dataFactoryName string = dataFactory.outputs.name

@description('Principal id of the Data Factory\'s managed identity (pass to every project deployment).')
output dataFactoryPrincipalId string = dataFactory.outputs.systemAssignedMIPrincipalId

@description('Name of the ingress pipeline.')
output ingressPipelineName string = dataFactory.outputs.ingressPipelineName

@description('Name of the egress pipeline.')
output egressPipelineName string = dataFactory.outputs.egressPipelineName

@description('Name of the export-notification Logic App.')
output exportNotificationLogicAppName string = exportNotifications.outputs.name

@description('Name of the platform Key Vault.')
output keyVaultName string = keyVault.outputs.name

@description('Client id of the control plane\'s managed identity.')
output controlPlaneIdentityClientId string = identity.outputs.clientId

@description('Principal id of the control plane\'s managed identity (give it Contributor and User Access Administrator on the subscription so the worker can create project resource groups).')
output controlPlaneIdentityPrincipalId string = identity.outputs.principalId

@description('Private FQDN of the API.')
output apiFqdn string = api.outputs.fqdn

@description('Private FQDN of the portal.')
output portalFqdn string = portal.outputs.fqdn

@description('FQDN of the PostgreSQL server.')
output postgresFqdn string = postgres.outputs.fqdn

@description('Host name of the Redis cache.')
output redisHostName string = redis.outputs.hostName

@description('Resource id of the regulatory initiative assignment.')
output policyAssignmentResourceId string = regulatoryCompliance.outputs.resourceId
