/** Where ingress keeps things: the public account's staging container and the secure account's import path. */
export const STAGING_CONTAINER = 'uploads';
export const IMPORT_CONTAINER = 'import';

/** `<project>/<dataset>/v<n>/` — under it: `files/<path>` and `manifest.json`; sealed once verified. */
export const importPrefix = (projectId: string, datasetId: string, version: number) => `${projectId}/${datasetId}/v${version}/`;
