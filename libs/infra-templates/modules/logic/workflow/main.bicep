metadata name = 'Logic App (Consumption) for export notifications'
metadata description = 'A Consumption Logic App with an HTTP (Request) trigger. Event Grid calls it when a released export lands in the public account; Cloister\'s worker can call it directly. It forwards a compact notification to a webhook (e.g. the requester\'s mail or chat connector) and answers 202.'

import { tagsType } from '../../types.bicep'

@description('Required. Workflow name.')
param name string

@description('Optional. Location; defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('Optional. Tags.')
param tags tagsType?

@description('Optional. HTTPS webhook the notification is forwarded to; empty sends nothing (the run history still records it).')
@secure()
param notificationWebhookUrl string = ''

@description('Required. Log Analytics workspace that receives the diagnostic logs and metrics.')
param logAnalyticsWorkspaceResourceId string

@description('Optional. Write the HTTP trigger\'s callback URL (it carries a signature, so it is a secret) to a Key Vault in this resource group.')
param secretsExportConfiguration {
  @description('Required. Name of the Key Vault (same resource group).')
  keyVaultName: string

  @description('Required. Name of the secret that receives the callback URL.')
  callbackUrlSecretName: string
}?

resource workflow 'Microsoft.Logic/workflows@2019-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    state: 'Enabled'
    parameters: {
      notificationWebhookUrl: {
        value: notificationWebhookUrl
      }
    }
    definition: {
      '$schema': 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#'
      contentVersion: '1.0.0.0'
      parameters: {
        notificationWebhookUrl: {
          type: 'SecureString'
          defaultValue: ''
        }
      }
      triggers: {
        manual: {
          type: 'Request'
          kind: 'Http'
          inputs: {
            method: 'POST'
            schema: {
              type: 'array'
              items: {
                type: 'object'
                properties: {
                  id: {
                    type: 'string'
                  }
                  eventType: {
                    type: 'string'
                  }
                  subject: {
                    type: 'string'
                  }
                  eventTime: {
                    type: 'string'
                  }
                  data: {
                    type: 'object'
                  }
                }
              }
            }
          }
        }
      }
      actions: {
        Forward_notification: {
          type: 'If'
          expression: {
            and: [
              {
                not: {
                  equals: [
                    '@parameters(\'notificationWebhookUrl\')'
                    ''
                  ]
                }
              }
            ]
          }
          actions: {
            Post_to_webhook: {
              type: 'Http'
              inputs: {
                method: 'POST'
                uri: '@parameters(\'notificationWebhookUrl\')'
                body: {
                  source: 'cloister'
                  kind: 'export-released'
                  events: '@triggerBody()'
                }
              }
              runtimeConfiguration: {
                secureData: {
                  properties: [
                    'inputs'
                  ]
                }
              }
            }
          }
          runAfter: {}
        }
        Respond: {
          type: 'Response'
          kind: 'Http'
          inputs: {
            statusCode: 202
          }
          runAfter: {
            Forward_notification: [
              'Succeeded'
              'Failed'
              'Skipped'
            ]
          }
        }
      }
      outputs: {}
    }
  }
}

resource manualTrigger 'Microsoft.Logic/workflows/triggers@2019-05-01' existing = {
  parent: workflow
  name: 'manual'
}

module callbackUrlSecret '../../key-vault/vault/secret/main.bicep' = if (secretsExportConfiguration != null) {
  name: take('${deployment().name}-secret-callback', 64)
  params: {
    keyVaultName: secretsExportConfiguration!.keyVaultName
    name: secretsExportConfiguration!.callbackUrlSecretName
    value: manualTrigger.listCallbackUrl().value
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'cloister-diagnostics'
  scope: workflow
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

@description('Resource id of the workflow.')
output resourceId string = workflow.id

@description('Name of the workflow.')
output name string = workflow.name

@description('Location of the workflow.')
output location string = workflow.location

@description('Name of the resource group the workflow is in.')
output resourceGroupName string = resourceGroup().name

@description('Name of the HTTP trigger (its callback URL is a secret: read it with listCallbackUrl, never from outputs).')
output triggerName string = manualTrigger.name

@description('Versionless Key Vault URI of the exported callback URL secret (empty without secretsExportConfiguration).')
output callbackUrlSecretUri string = secretsExportConfiguration != null ? callbackUrlSecret!.outputs.uri : ''
