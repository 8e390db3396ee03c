import type { BlobInfo, ObjectStoragePort } from '@cloister/domain';
import {
  BlobSASPermissions, BlobServiceClient, type ContainerClient, generateBlobSASQueryParameters, RestError, SASProtocol, StorageSharedKeyCredential,
  type StoragePipelineOptions,
} from '@azure/storage-blob';
import type { TokenCredential } from '@azure/identity';

export interface BlobAccountOptions {
  readonly account: 'public' | 'secure';
  /** Blob endpoint: `http://127.0.0.1:10000/<account>` for Azurite, `https://<name>.blob.core.windows.net` in Azure. */
  readonly blobUrl: string;
  readonly accountName: string;
  /** Shared key (Azurite). In azure mode shared-key access is disabled and `credential` is used instead. */
  readonly accountKey?: string;
  readonly credential?: TokenCredential;
  /** Replaces the SDK's HTTP transport (tests plug in an in-process fake of Azure Storage). */
  readonly httpClient?: StoragePipelineOptions['httpClient'];
}

/**
 * The object-storage port over the Azure Blob SDK. Local mode points it at Azurite with a shared key; azure mode at
 * the real account with an Entra ID credential. Same code, so local tests exercise the production path.
 */
export class BlobObjectStorage implements ObjectStoragePort {
  readonly account: 'public' | 'secure';
  private readonly service: BlobServiceClient;
  private readonly sharedKey: StorageSharedKeyCredential | null = null;

  constructor(options: BlobAccountOptions) {
    this.account = options.account;
    if (options.accountKey) {
      this.sharedKey = new StorageSharedKeyCredential(options.accountName, options.accountKey);
      this.service = new BlobServiceClient(options.blobUrl, this.sharedKey);
    } else if (options.credential) {
      this.service = new BlobServiceClient(options.blobUrl, options.credential, options.httpClient ? { httpClient: options.httpClient } : {});
    } else {
      throw new Error(`storage ${options.account}: neither an account key nor a token credential was configured`);
    }
  }

  get client(): BlobServiceClient {
    return this.service;
  }

  async ping(): Promise<void> {
    // Listing one container proves reachability and that the credential is accepted.
    await this.service.listContainers().byPage({ maxPageSize: 1 }).next();
  }

  async ensureContainer(container: string): Promise<void> {
    await this.container(container).createIfNotExists();
  }

  async *list(container: string, prefix: string): AsyncIterable<BlobInfo> {
    for await (const b of this.container(container).listBlobsFlat({ prefix })) {
      yield { name: b.name, size: b.properties.contentLength ?? 0, lastModified: b.properties.lastModified, contentType: b.properties.contentType ?? null, versionId: b.versionId ?? null };
    }
  }

  async stat(container: string, name: string): Promise<BlobInfo | null> {
    try {
      const p = await this.container(container).getBlobClient(name).getProperties();
      return { name, size: p.contentLength ?? 0, lastModified: p.lastModified ?? new Date(0), contentType: p.contentType ?? null, versionId: p.versionId ?? null };
    } catch (e) {
      if (e instanceof RestError && e.statusCode === 404) return null;
      throw e;
    }
  }

  async openRead(container: string, name: string): Promise<NodeJS.ReadableStream> {
    const res = await this.container(container).getBlobClient(name).download();
    if (!res.readableStreamBody) throw new Error(`storage ${this.account}: no body for ${container}/${name}`);
    return res.readableStreamBody;
  }

  async write(container: string, name: string, body: Buffer | NodeJS.ReadableStream, contentType?: string): Promise<BlobInfo> {
    const blob = this.container(container).getBlockBlobClient(name);
    const headers = contentType ? { blobHTTPHeaders: { blobContentType: contentType } } : {};
    if (Buffer.isBuffer(body)) await blob.uploadData(body, headers);
    else await blob.uploadStream(body as NodeJS.ReadableStream & import('node:stream').Readable, 4 * 1024 * 1024, 4, headers);
    const info = await this.stat(container, name);
    if (!info) throw new Error(`storage ${this.account}: ${container}/${name} missing right after write`);
    return info;
  }

  /**
   * Uploads a stream as a block blob in 4 MiB blocks, one in memory at a time (a 100 GB blob is 25,600
   * blocks, within the 50,000 limit): for copies that must pass through this process, whatever their size.
   */
  async writeStream(container: string, name: string, body: NodeJS.ReadableStream, contentType?: string): Promise<void> {
    const headers = contentType ? { blobHTTPHeaders: { blobContentType: contentType } } : {};
    await this.container(container).getBlockBlobClient(name).uploadStream(body as NodeJS.ReadableStream & import('node:stream').Readable, 4 * 1024 * 1024, 1, headers);
  }

  async delete(container: string, name: string): Promise<void> {
    await this.container(container).getBlobClient(name).deleteIfExists();
  }

  async createUploadUrl(container: string, name: string, expiresOn: Date): Promise<string> {
    // Create + write only: the holder can upload blocks and commit them, but not read, list or delete.
    return this.sasUrl(container, name, BlobSASPermissions.parse('cw'), expiresOn);
  }

  /** A blob's index tags (Defender for Storage writes its malware verdict there). */
  async tags(container: string, name: string): Promise<Record<string, string>> {
    return (await this.container(container).getBlobClient(name).getTags()).tags;
  }

  /** A read-only URL for one blob, used as the source of a server-side copy into the other account. */
  async createReadUrl(container: string, name: string, expiresOn: Date): Promise<string> {
    return this.sasUrl(container, name, BlobSASPermissions.parse('r'), expiresOn);
  }

  /** Server-side copy of a blob from a URL (e.g. the other account's read SAS) into this account. */
  async copyFromUrl(sourceUrl: string, container: string, name: string): Promise<void> {
    const poller = await this.container(container).getBlockBlobClient(name).beginCopyFromURL(sourceUrl, { intervalInMs: 200 });
    const result = await poller.pollUntilDone();
    if (result.copyStatus !== 'success') throw new Error(`copy into ${this.account}/${container}/${name} ended ${result.copyStatus}`);
  }

  private async sasUrl(container: string, name: string, permissions: BlobSASPermissions, expiresOn: Date): Promise<string> {
    const blob = this.container(container).getBlobClient(name);
    // Clock skew between us and the storage service must not make a fresh URL "not yet valid".
    const startsOn = new Date(Date.now() - 5 * 60 * 1000);
    const protocol = blob.url.startsWith('https:') ? SASProtocol.Https : SASProtocol.HttpsAndHttp;
    const base = { containerName: container, blobName: name, permissions, startsOn, expiresOn, protocol };
    if (this.sharedKey) return `${blob.url}?${generateBlobSASQueryParameters(base, this.sharedKey).toString()}`;
    const key = await this.service.getUserDelegationKey(startsOn, expiresOn);
    return `${blob.url}?${generateBlobSASQueryParameters(base, key, this.service.accountName).toString()}`;
  }

  private container(name: string): ContainerClient {
    return this.service.getContainerClient(name);
  }
}
