/** Blob storage for one account (public or secure). Local: Azurite; azure: Azure Storage. */
export interface BlobInfo {
  readonly name: string;
  readonly size: number;
  readonly lastModified: Date;
  readonly contentType: string | null;
  readonly versionId: string | null;
}

export interface ObjectStoragePort {
  /** Which account this is, for logs and health. */
  readonly account: 'public' | 'secure';
  ping(): Promise<void>;
  ensureContainer(container: string): Promise<void>;
  list(container: string, prefix: string): AsyncIterable<BlobInfo>;
  stat(container: string, name: string): Promise<BlobInfo | null>;
  openRead(container: string, name: string): Promise<NodeJS.ReadableStream>;
  write(container: string, name: string, body: Buffer | NodeJS.ReadableStream, contentType?: string): Promise<BlobInfo>;
  delete(container: string, name: string): Promise<void>;
  /**
   * A URL that lets its holder create and write one blob (block uploads and the final block list) and nothing else,
   * until `expiresOn`. Local: a shared-key SAS; azure: a user-delegation SAS.
   */
  createUploadUrl(container: string, name: string, expiresOn: Date): Promise<string>;
}
