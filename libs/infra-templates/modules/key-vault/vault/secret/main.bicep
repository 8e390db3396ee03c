metadata name = 'Key Vault secret'
metadata description = 'One secret in an existing Key Vault, written through Azure Resource Manager (so it works while the vault\'s public network access is disabled). Container apps reference it by its versionless URI.'

@description('Required. Name of the Key Vault (in this resource group).')
param keyVaultName string

@description('Required. Secret name: letters, digits and hyphens.')
@minLength(1)
@maxLength(127)
param name string

@description('Required. Secret value.')
@secure()
param value string

@description('Optional. Content type shown with the secret, e.g. text/plain.')
param contentType string = 'text/plain'

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: name
  properties: {
    value: value
    contentType: contentType
    attributes: {
      enabled: true
    }
  }
}

@description('Resource id of the secret.')
output resourceId string = secret.id

@description('Name of the secret.')
output name string = secret.name

@description('Name of the resource group the secret is in.')
output resourceGroupName string = resourceGroup().name

@description('Versionless URI of the secret: readers always get its current version.')
output uri string = secret.properties.secretUri
