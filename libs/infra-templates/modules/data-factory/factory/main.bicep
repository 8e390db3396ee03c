metadata name = 'Data Factory (airlock)'
metadata description = 'The airlock\'s Data Factory: a managed virtual network with an auto-resolve integration runtime, managed private endpoints, one parameterised blob linked service and binary dataset, and the ingress and egress copy pipelines. Public network access is disabled; Cloister starts runs through the management plane.'

import { privateEndpointType, tagsType } from '../../types.bicep'

@description('A managed private endpoint from the factory\'s managed virtual network.')
type managedPrivateEndpointType = {
  @description('Required. Name of the managed private endpoint.')
  name: string

  @description('Required. Resource id of the target resource.')
  privateLinkResourceId: string

  @description('Required. Sub-resource of the target, e.g. blob.')
  groupId: string
}

@description('Required. Factory name.')
param name string

@description('Optional. Location; defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('Optional. Tags.')
param tags tagsType?

@description('Required. Name of the public (staging) storage account that holds uploads and released exports.')
param publicStorageAccountName string

@description('Optional. Container of the public account that researchers\' uploads land in.')
param uploadsContainerName string = 'uploads'

@description('Optional. Container of the public account that released exports are copied to.')
param exportsContainerName string = 'exports'

@description('Optional. Managed private endpoints to create in the managed virtual network (each must be approved on its target).')
param managedPrivateEndpoints managedPrivateEndpointType[] = []

@description('Required. Private endpoints to the factory itself (group id dataFactory).')
param privateEndpoints privateEndpointType[]

@description('Required. Log Analytics workspace that receives the diagnostic logs and metrics.')
param logAnalyticsWorkspaceResourceId string

var integrationRuntimeName = 'cloister-managed-ir'
var linkedServiceName = 'CloisterBlobStorage'
var datasetName = 'CloisterBinary'
var fileDatasetName = 'CloisterBinaryFile'

resource factory 'Microsoft.DataFactory/factories@2018-06-01' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
  }
}

resource managedVirtualNetwork 'Microsoft.DataFactory/factories/managedVirtualNetworks@2018-06-01' = {
  parent: factory
  name: 'default'
  properties: {}
}

resource integrationRuntime 'Microsoft.DataFactory/factories/integrationRuntimes@2018-06-01' = {
  parent: factory
  name: integrationRuntimeName
  properties: {
    type: 'Managed'
    managedVirtualNetwork: {
      type: 'ManagedVirtualNetworkReference'
      referenceName: managedVirtualNetwork.name
    }
    typeProperties: {
      computeProperties: {
        location: 'AutoResolve'
        dataFlowProperties: {
          computeType: 'General'
          coreCount: 8
          timeToLive: 0
        }
      }
    }
  }
}

resource factoryManagedPrivateEndpoints 'Microsoft.DataFactory/factories/managedVirtualNetworks/managedPrivateEndpoints@2018-06-01' = [
  for endpoint in managedPrivateEndpoints: {
    parent: managedVirtualNetwork
    name: endpoint.name
    properties: {
      #disable-next-line use-resource-id-functions // a resource-id field of the managedPrivateEndpoints parameter
      privateLinkResourceId: endpoint.privateLinkResourceId
      groupId: endpoint.groupId
    }
  }
]

// One linked service for every storage account the airlock touches: the account name is a parameter and
// the factory authenticates with its managed identity (no keys, no SAS), through the managed runtime.
resource linkedService 'Microsoft.DataFactory/factories/linkedservices@2018-06-01' = {
  parent: factory
  name: linkedServiceName
  properties: {
    type: 'AzureBlobStorage'
    description: 'Any Cloister storage account, by name, through the managed virtual network with the factory\'s managed identity.'
    parameters: {
      storageAccountName: {
        type: 'String'
      }
    }
    typeProperties: {
      serviceEndpoint: 'https://@{linkedService().storageAccountName}.blob.${environment().suffixes.storage}/'
      accountKind: 'StorageV2'
    }
    connectVia: {
      referenceName: integrationRuntime.name
      type: 'IntegrationRuntimeReference'
    }
  }
}

resource dataset 'Microsoft.DataFactory/factories/datasets@2018-06-01' = {
  parent: factory
  name: datasetName
  properties: {
    type: 'Binary'
    linkedServiceName: {
      referenceName: linkedService.name
      type: 'LinkedServiceReference'
      parameters: {
        storageAccountName: {
          value: '@dataset().storageAccountName'
          type: 'Expression'
        }
      }
    }
    parameters: {
      storageAccountName: {
        type: 'String'
      }
      container: {
        type: 'String'
      }
      folderPath: {
        type: 'String'
      }
    }
    typeProperties: {
      location: {
        type: 'AzureBlobStorageLocation'
        container: {
          value: '@dataset().container'
          type: 'Expression'
        }
        folderPath: {
          value: '@dataset().folderPath'
          type: 'Expression'
        }
      }
    }
  }
}

// One named file, for ingress: the worker copies file by file (renaming staged blobs to their dataset paths) and
// deletes the originals itself, only after it has verified every copy.
resource fileDataset 'Microsoft.DataFactory/factories/datasets@2018-06-01' = {
  parent: factory
  name: fileDatasetName
  properties: {
    type: 'Binary'
    linkedServiceName: {
      referenceName: linkedService.name
      type: 'LinkedServiceReference'
      parameters: {
        storageAccountName: {
          value: '@dataset().storageAccountName'
          type: 'Expression'
        }
      }
    }
    parameters: {
      storageAccountName: {
        type: 'String'
      }
      container: {
        type: 'String'
      }
      folderPath: {
        type: 'String'
      }
      fileName: {
        type: 'String'
      }
    }
    typeProperties: {
      location: {
        type: 'AzureBlobStorageLocation'
        container: {
          value: '@dataset().container'
          type: 'Expression'
        }
        folderPath: {
          value: '@dataset().folderPath'
          type: 'Expression'
        }
        fileName: {
          value: '@dataset().fileName'
          type: 'Expression'
        }
      }
    }
  }
}

// A plain copy of one file: nothing is deleted, because the worker deletes originals only after verification.
var copyFileActivity = {
  name: 'CopyFile'
  type: 'Copy'
  policy: {
    timeout: '0.12:00:00'
    retry: 2
    retryIntervalInSeconds: 60
    secureInput: false
    secureOutput: false
  }
  typeProperties: {
    source: {
      type: 'BinarySource'
      storeSettings: {
        type: 'AzureBlobStorageReadSettings'
        recursive: false
        deleteFilesAfterCompletion: false
      }
      formatSettings: {
        type: 'BinaryReadSettings'
      }
    }
    sink: {
      type: 'BinarySink'
      storeSettings: {
        type: 'AzureBlobStorageWriteSettings'
      }
    }
    enableStaging: false
    validateDataConsistency: true
  }
}

// A copy that moves: the source files are deleted once copied, so nothing lingers in the staging area.
var moveActivity = {
  name: 'MoveFiles'
  type: 'Copy'
  policy: {
    timeout: '0.12:00:00'
    retry: 2
    retryIntervalInSeconds: 60
    secureInput: false
    secureOutput: false
  }
  typeProperties: {
    source: {
      type: 'BinarySource'
      storeSettings: {
        type: 'AzureBlobStorageReadSettings'
        recursive: true
        wildcardFileName: '*'
        deleteFilesAfterCompletion: true
      }
      formatSettings: {
        type: 'BinaryReadSettings'
      }
    }
    sink: {
      type: 'BinarySink'
      storeSettings: {
        type: 'AzureBlobStorageWriteSettings'
      }
    }
    enableStaging: false
    validateDataConsistency: true
  }
}

resource ingressPipeline 'Microsoft.DataFactory/factories/pipelines@2018-06-01' = {
  parent: factory
  name: 'cloister-ingress'
  properties: {
    description: 'Airlock ingress: copies one uploaded file from the public account into a project\'s secure storage import container (version-level WORM); the worker verifies the copy and deletes the original.'
    parameters: {
      projectStorageAccountName: {
        type: 'String'
      }
      sourceFolderPath: {
        type: 'String'
      }
      sourceFileName: {
        type: 'String'
      }
      sinkFolderPath: {
        type: 'String'
      }
      sinkFileName: {
        type: 'String'
      }
      sinkContainer: {
        type: 'String'
        defaultValue: 'import'
      }
    }
    activities: [
      union(copyFileActivity, {
        inputs: [
          {
            referenceName: fileDataset.name
            type: 'DatasetReference'
            parameters: {
              storageAccountName: publicStorageAccountName
              container: uploadsContainerName
              folderPath: '@pipeline().parameters.sourceFolderPath'
              fileName: '@pipeline().parameters.sourceFileName'
            }
          }
        ]
        outputs: [
          {
            referenceName: fileDataset.name
            type: 'DatasetReference'
            parameters: {
              storageAccountName: '@pipeline().parameters.projectStorageAccountName'
              container: '@pipeline().parameters.sinkContainer'
              folderPath: '@pipeline().parameters.sinkFolderPath'
              fileName: '@pipeline().parameters.sinkFileName'
            }
          }
        ]
      })
    ]
  }
}

resource egressPipeline 'Microsoft.DataFactory/factories/pipelines@2018-06-01' = {
  parent: factory
  name: 'cloister-egress'
  properties: {
    description: 'Airlock egress: moves an approved export from a project\'s secure storage export container (the approved request\'s folder only) to the public account\'s exports container.'
    parameters: {
      projectStorageAccountName: {
        type: 'String'
      }
      sourceFolderPath: {
        type: 'String'
      }
      sinkFolderPath: {
        type: 'String'
      }
      sourceContainer: {
        type: 'String'
        defaultValue: 'export'
      }
    }
    activities: [
      union(moveActivity, {
        inputs: [
          {
            referenceName: dataset.name
            type: 'DatasetReference'
            parameters: {
              storageAccountName: '@pipeline().parameters.projectStorageAccountName'
              container: '@pipeline().parameters.sourceContainer'
              folderPath: '@pipeline().parameters.sourceFolderPath'
            }
          }
        ]
        outputs: [
          {
            referenceName: dataset.name
            type: 'DatasetReference'
            parameters: {
              storageAccountName: publicStorageAccountName
              container: exportsContainerName
              folderPath: '@pipeline().parameters.sinkFolderPath'
            }
          }
        ]
      })
    ]
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'cloister-diagnostics'
  scope: factory
  properties: {
    workspaceId: logAnalyticsWorkspaceResourceId
    logAnalyticsDestinationType: 'Dedicated'
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

module factoryPrivateEndpoints '../../network/private-endpoint/main.bicep' = [
  for (endpoint, i) in privateEndpoints: {
    name: take('${deployment().name}-pe-${endpoint.groupId}', 64)
    params: {
      name: 'pe-${name}-${endpoint.groupId}'
      location: location
      tags: tags
      privateLinkServiceId: factory.id
      groupId: endpoint.groupId
      subnetResourceId: endpoint.subnetResourceId
      privateDnsZoneResourceIds: endpoint.privateDnsZoneResourceIds
    }
  }
]

@description('Resource id of the factory.')
output resourceId string = factory.id

@description('Name of the factory.')
output name string = factory.name

@description('Location of the factory.')
output location string = factory.location

@description('Name of the resource group the factory is in.')
output resourceGroupName string = resourceGroup().name

@description('Principal id of the factory\'s managed identity (needs Storage Blob Data Contributor on every account it moves data between).')
output systemAssignedMIPrincipalId string = factory.identity.principalId

@description('Name of the ingress pipeline.')
output ingressPipelineName string = ingressPipeline.name

@description('Name of the egress pipeline.')
output egressPipelineName string = egressPipeline.name
