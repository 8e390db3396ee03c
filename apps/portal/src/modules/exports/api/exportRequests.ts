import type { ApiClient } from '../../../api/client';
import { ApiError } from '../../../api/ApiError';
import { expectData } from '../../../api/expectData';
import type { ExportDetail, ExportRequestList, ExportStatus, RequestBody, StagedOutputList, SubmitReviewBody, VotesBody } from './ExportRequest';

const one = (projectId: string, requestId: string) => ({ params: { path: { projectId, requestId } } });

export async function fetchStagedOutputs(client: ApiClient, projectId: string): Promise<StagedOutputList> {
  return expectData(await client.GET('/api/v1/projects/{projectId}/staged-outputs', { params: { path: { projectId } } }));
}

export async function fetchExportRequests(client: ApiClient, projectId: string, status?: ExportStatus): Promise<ExportRequestList> {
  return expectData(await client.GET('/api/v1/projects/{projectId}/export-requests', { params: { path: { projectId }, query: status ? { status } : {} } }));
}

export async function fetchMyExportReviews(client: ApiClient): Promise<ExportRequestList> {
  return expectData(await client.GET('/api/v1/me/export-reviews'));
}

export async function fetchExportRequest(client: ApiClient, projectId: string, requestId: string): Promise<ExportDetail> {
  return expectData(await client.GET('/api/v1/projects/{projectId}/export-requests/{requestId}', one(projectId, requestId)));
}

export async function createExportRequest(client: ApiClient, projectId: string, body: RequestBody): Promise<ExportDetail> {
  return expectData(await client.POST('/api/v1/projects/{projectId}/export-requests', { params: { path: { projectId } }, body }));
}

export async function updateExportRequest(client: ApiClient, projectId: string, requestId: string, body: RequestBody): Promise<ExportDetail> {
  return expectData(await client.PUT('/api/v1/projects/{projectId}/export-requests/{requestId}', { ...one(projectId, requestId), body }));
}

/** The moves without a body: submit, withdraw, retry, and claiming the request for review. */
export type RequestAction = 'submit' | 'withdraw' | 'retry' | 'review';

export async function actOnExportRequest(client: ApiClient, projectId: string, requestId: string, action: RequestAction): Promise<ExportDetail> {
  const options = { ...one(projectId, requestId), body: {} };
  switch (action) {
    case 'submit':
      return expectData(await client.POST('/api/v1/projects/{projectId}/export-requests/{requestId}/submit', options));
    case 'withdraw':
      return expectData(await client.POST('/api/v1/projects/{projectId}/export-requests/{requestId}/withdraw', options));
    case 'retry':
      return expectData(await client.POST('/api/v1/projects/{projectId}/export-requests/{requestId}/retry', options));
    case 'review':
      return expectData(await client.POST('/api/v1/projects/{projectId}/export-requests/{requestId}/review', options));
  }
}

export async function revokeExportRequest(client: ApiClient, projectId: string, requestId: string, reason: string): Promise<ExportDetail> {
  return expectData(await client.POST('/api/v1/projects/{projectId}/export-requests/{requestId}/revoke', { ...one(projectId, requestId), body: { reason } }));
}

export async function saveVotes(client: ApiClient, projectId: string, requestId: string, body: VotesBody): Promise<ExportDetail> {
  return expectData(await client.PUT('/api/v1/projects/{projectId}/export-requests/{requestId}/review/votes', { ...one(projectId, requestId), body }));
}

export async function submitReview(client: ApiClient, projectId: string, requestId: string, body: SubmitReviewBody): Promise<ExportDetail> {
  return expectData(await client.POST('/api/v1/projects/{projectId}/export-requests/{requestId}/review/submit', { ...one(projectId, requestId), body }));
}

/** A file's bytes as the API streamed them, with what its headers say about them. */
export interface FileBytes {
  blob: Blob;
  contentType: string;
  truncated: boolean;
  sha256: string | null;
}

function fileBytes(result: { data?: Blob; response: Response }): FileBytes {
  if (result.data === undefined) throw new ApiError(result.response.status, 'EMPTY_RESPONSE', 'The server returned no file.');
  const headers = result.response.headers;
  return {
    blob: result.data,
    contentType: headers.get('content-type') ?? 'application/octet-stream',
    truncated: headers.get('x-cloister-truncated') === 'true',
    sha256: headers.get('x-cloister-sha256'),
  };
}

const fileParams = (projectId: string, requestId: string, fileId: string) => ({ params: { path: { projectId, requestId, fileId } }, parseAs: 'blob' as const });

/** At most 5 MiB of a frozen file, for an assigned checker (audited by the API). */
export async function fetchPreview(client: ApiClient, projectId: string, requestId: string, fileId: string): Promise<FileBytes> {
  return fileBytes(await client.GET('/api/v1/projects/{projectId}/export-requests/{requestId}/files/{fileId}/preview', fileParams(projectId, requestId, fileId)));
}

/** A released file (audited by the API). */
export async function fetchDownload(client: ApiClient, projectId: string, requestId: string, fileId: string): Promise<FileBytes> {
  return fileBytes(await client.GET('/api/v1/projects/{projectId}/export-requests/{requestId}/files/{fileId}/download', fileParams(projectId, requestId, fileId)));
}
