import type { ApiClient } from '../../../api/client';
import { expectData } from '../../../api/expectData';
import type { CreateDatasetBody, Dataset, DatasetList, Manifest, UploadGrant, UploadRequestFile } from './Dataset';

export async function fetchDatasets(client: ApiClient, projectId: string): Promise<DatasetList> {
  return expectData(await client.GET('/api/v1/projects/{projectId}/datasets', { params: { path: { projectId } } }));
}

export async function fetchDataset(client: ApiClient, projectId: string, datasetId: string): Promise<Dataset> {
  return expectData(await client.GET('/api/v1/projects/{projectId}/datasets/{datasetId}', { params: { path: { projectId, datasetId } } }));
}

export async function createDataset(client: ApiClient, projectId: string, body: CreateDatasetBody): Promise<Dataset> {
  return expectData(await client.POST('/api/v1/projects/{projectId}/datasets', { params: { path: { projectId } }, body }));
}

export async function createVersion(client: ApiClient, projectId: string, datasetId: string): Promise<Dataset> {
  return expectData(await client.POST('/api/v1/projects/{projectId}/datasets/{datasetId}/versions', { params: { path: { projectId, datasetId } }, body: {} }));
}

/** One write-only URL per file; asking again for a path returns a fresh URL for the same blob. */
export async function requestUploads(client: ApiClient, projectId: string, datasetId: string, version: number, files: UploadRequestFile[]): Promise<UploadGrant[]> {
  const result = expectData(
    await client.POST('/api/v1/projects/{projectId}/datasets/{datasetId}/versions/{version}/uploads', { params: { path: { projectId, datasetId, version } }, body: { files } }),
  );
  return result.files;
}

export async function submitVersion(client: ApiClient, projectId: string, datasetId: string, version: number): Promise<Dataset> {
  return expectData(
    await client.POST('/api/v1/projects/{projectId}/datasets/{datasetId}/versions/{version}/submit', { params: { path: { projectId, datasetId, version } }, body: {} }),
  );
}

export async function retryVersion(client: ApiClient, projectId: string, datasetId: string, version: number): Promise<Dataset> {
  return expectData(
    await client.POST('/api/v1/projects/{projectId}/datasets/{datasetId}/versions/{version}/retry', { params: { path: { projectId, datasetId, version } }, body: {} }),
  );
}

export async function fetchManifest(client: ApiClient, projectId: string, datasetId: string, version: number): Promise<Manifest> {
  return expectData(
    await client.GET('/api/v1/projects/{projectId}/datasets/{datasetId}/versions/{version}/manifest', { params: { path: { projectId, datasetId, version } } }),
  );
}
