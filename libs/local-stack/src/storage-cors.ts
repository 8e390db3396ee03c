import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';

/** CORS on a storage account for direct browser uploads (block PUTs with SAS URLs) from the given origins. */
export async function allowBrowserUploads(blobUrl: string, accountName: string, accountKey: string, origins: readonly string[]): Promise<void> {
  const service = new BlobServiceClient(blobUrl, new StorageSharedKeyCredential(accountName, accountKey));
  await service.setProperties({
    cors: [{
      allowedOrigins: origins.join(','),
      allowedMethods: 'PUT,GET,HEAD,OPTIONS',
      allowedHeaders: 'x-ms-*,content-type,content-length',
      exposedHeaders: 'x-ms-*,etag',
      maxAgeInSeconds: 3600,
    }],
  });
}
