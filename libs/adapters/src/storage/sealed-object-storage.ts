import { createHash } from 'node:crypto';
import { pipeline, type Readable, Transform } from 'node:stream';
import type { BlobInfo, ObjectStoragePort } from '@cloister/domain';
import { DomainError } from '@cloister/domain';

/** Knows which prefixes are sealed (immutable) in an account, and what each sealed object's bytes hash to. */
export interface SealRegistry {
  isSealed(account: string, container: string, name: string): Promise<boolean>;
  sealedDigest(account: string, container: string, name: string): Promise<{ size: number; sha256: string } | null>;
}

export class SealedPrefixError extends DomainError {
  constructor(container: string, name: string) {
    super('conflict', 'SEALED', `${container}/${name} is under a sealed prefix and cannot be changed`);
  }
}

/** A sealed object whose bytes no longer hash to what was sealed: the reader must not trust what it read. */
export class SealedContentChangedError extends DomainError {
  constructor(container: string, name: string, detail: string) {
    super('conflict', 'SEALED_CONTENT_CHANGED', `${container}/${name} differs from what was sealed (${detail})`);
  }
}

/**
 * Local stand-in for Azure's version-level immutability: every write or delete under a sealed prefix is refused
 * here, in the one storage object the worker writes through (Azurite has no immutability policies), and every read
 * of a sealed object is re-hashed as it streams: the stream fails at its end if size or SHA-256 differ from what
 * was sealed.
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

  async openRead(container: string, name: string): Promise<NodeJS.ReadableStream> {
    const sealed = await this.seals.sealedDigest(this.account, container, name);
    const stream = await this.inner.openRead(container, name);
    if (!sealed) return stream;
    // pipeline, not pipe: a failing download fails the verified stream too, and both are torn down together.
    return pipeline(stream as Readable, verifyingAgainst(sealed, container, name), () => undefined);
  }

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

/** Passes bytes through unchanged while hashing them; ends with an error instead of `end` if they are not `sealed`. */
function verifyingAgainst(sealed: { size: number; sha256: string }, container: string, name: string): Transform {
  const hash = createHash('sha256');
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
    flush(done) {
      const sha256 = hash.digest('hex');
      if (size === sealed.size && sha256 === sealed.sha256) done();
      else done(new SealedContentChangedError(container, name, `size ${size}/${sealed.size}, sha256 ${sha256.slice(0, 12)}…/${sealed.sha256.slice(0, 12)}…`));
    },
  });
}
