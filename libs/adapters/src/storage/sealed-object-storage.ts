import type { BlobInfo, ObjectStoragePort } from '@cloister/domain';
import { DomainError } from '@cloister/domain';

/** Knows which prefixes are sealed (immutable) in an account. */
export interface SealRegistry {
  isSealed(account: string, container: string, name: string): Promise<boolean>;
}

export class SealedPrefixError extends DomainError {
  constructor(container: string, name: string) {
    super('conflict', 'SEALED', `${container}/${name} is under a sealed prefix and cannot be changed`);
  }
}

/**
 * Local stand-in for Azure's version-level immutability: every write or delete under a sealed prefix is refused
 * here, in the one storage object the worker writes through. (Azurite has no immutability policies.)
 */
export class SealedObjectStorage implements ObjectStoragePort {
  readonly account: 'public' | 'secure';

  constructor(private readonly inner: ObjectStoragePort, private readonly seals: SealRegistry) {
    this.account = inner.account;
  }

  ping(): Promise<void> { return this.inner.ping(); }
  ensureContainer(container: string): Promise<void> { return this.inner.ensureContainer(container); }
  list(container: string, prefix: string): AsyncIterable<BlobInfo> { return this.inner.list(container, prefix); }
  stat(container: string, name: string): Promise<BlobInfo | null> { return this.inner.stat(container, name); }
  openRead(container: string, name: string): Promise<NodeJS.ReadableStream> { return this.inner.openRead(container, name); }

  async write(container: string, name: string, body: Buffer | NodeJS.ReadableStream, contentType?: string): Promise<BlobInfo> {
    await this.refuseIfSealed(container, name);
    return this.inner.write(container, name, body, contentType);
  }

  async delete(container: string, name: string): Promise<void> {
    await this.refuseIfSealed(container, name);
    return this.inner.delete(container, name);
  }

  async createUploadUrl(container: string, name: string, expiresOn: Date): Promise<string> {
    await this.refuseIfSealed(container, name);
    return this.inner.createUploadUrl(container, name, expiresOn);
  }

  private async refuseIfSealed(container: string, name: string): Promise<void> {
    if (await this.seals.isSealed(this.account, container, name)) throw new SealedPrefixError(container, name);
  }
}
