/**
 * Where export files live. Researchers stage in the secure account's `export` container under
 * `<project>/<user>/`; a submitted request's files are frozen (copied and sealed) under
 * `<project>/requests/<request>/` in the same container; released bytes go to the public account's `exports`
 * container under `<project>/<request>/`.
 */
export const EXPORT_STAGING_CONTAINER = 'export';
export const EXPORT_PUBLIC_CONTAINER = 'exports';

export const stagedBlobName = (projectId: string, userId: string, path: string) => `${projectId}/${userId}/${path}`;
export const frozenPrefix = (projectId: string, requestId: string) => `${projectId}/requests/${requestId}/`;
export const frozenBlobName = (projectId: string, requestId: string, fileId: string) => `${frozenPrefix(projectId, requestId)}${fileId}`;
export const releasedPrefix = (projectId: string, requestId: string) => `${projectId}/${requestId}/`;
export const releasedBlobName = (projectId: string, requestId: string, path: string) => `${releasedPrefix(projectId, requestId)}${path}`;
