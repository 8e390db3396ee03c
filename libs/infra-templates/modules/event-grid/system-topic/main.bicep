metadata name = 'Event Grid system topic for export notifications'
metadata description = 'A system topic on a storage account with one WebHook subscription: BlobCreated events under a container go to a Logic App\'s HTTP trigger.'

import { tagsType } from '../../types.bicep'

@description('Required. Topic name.')
param name string

@description('Optional. Location; defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('Optional. Tags.')
param tags tagsType?

@description('Required. Name of the storage account (in this resource group) whose events are published.')
param storageAccountName string

@description('Required. Container whose new blobs are reported.')
param containerName string

@description('Required. Name of the Logic App workflow (in this resource group) that receives the events.')
param workflowName string

@description('Required. Log Analytics workspace that receives the diagnostic logs and metrics.')
param logAnalyticsWorkspaceResourceId string

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource workflow 'Microsoft.Logic/workflows@2019-05-01' existing = {
  name: workflowName

  resource trigger 'triggers' existing = {
    name: 'manual'
  }
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    source: storageAccount.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

resource subscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: topic
  name: 'export-released'
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: workflow::trigger.listCallbackUrl().value
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      subjectBeginsWith: '/blobServices/default/containers/${containerName}/'
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'cloister-diagnostics'
  scope: topic
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

@description('Resource id of the topic.')
output resourceId string = topic.id

@description('Name of the topic.')
output name string = topic.name

@description('Location of the topic.')
output location string = topic.location

@description('Name of the resource group the topic is in.')
output resourceGroupName string = resourceGroup().name
