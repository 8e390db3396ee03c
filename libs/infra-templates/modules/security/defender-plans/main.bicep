metadata name = 'Microsoft Defender for Cloud plans'
metadata description = 'Turns on the Defender plans Cloister relies on, for the whole subscription.'

targetScope = 'subscription'

@description('A Defender plan.')
type planType = {
  @description('Required. Plan name, e.g. VirtualMachines, StorageAccounts, KeyVaults.')
  name: string

  @description('Optional. Sub-plan, e.g. P2 or DefenderForStorageV2.')
  subPlan: string?

  @description('Optional. Plan extensions, e.g. OnUploadMalwareScanning.')
  extensions: {
    @description('Required. Extension name.')
    name: string

    @description('Required. True or False.')
    isEnabled: 'True' | 'False'
  }[]?
}

@description('Optional. Plans set to the Standard tier.')
param plans planType[] = [
  {
    name: 'VirtualMachines'
    subPlan: 'P2'
  }
  {
    name: 'StorageAccounts'
    subPlan: 'DefenderForStorageV2'
    extensions: [
      {
        name: 'OnUploadMalwareScanning'
        isEnabled: 'True'
      }
      {
        name: 'SensitiveDataDiscovery'
        isEnabled: 'True'
      }
    ]
  }
  {
    name: 'KeyVaults'
    subPlan: 'PerKeyVault'
  }
  {
    name: 'Arm'
    subPlan: 'PerSubscription'
  }
  {
    name: 'OpenSourceRelationalDatabases'
  }
  {
    name: 'Containers'
  }
  {
    name: 'CloudPosture'
  }
]

// Pricings of one subscription must be written one at a time.
@batchSize(1)
resource pricings 'Microsoft.Security/pricings@2024-01-01' = [
  for plan in plans: {
    name: plan.name
    properties: {
      pricingTier: 'Standard'
      subPlan: plan.?subPlan
      extensions: plan.?extensions
    }
  }
]

@description('Names of the plans set to Standard.')
output planNames string[] = [for plan in plans: plan.name]
