import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { DomainError, type ErrorKind } from '@cloister/domain';
import { mintSecureGrant, type SecureGatewayContainer, type SecureGrantPurpose } from './grant';

export interface SecureGatewayClientOptions {
  /** The worker's gateway, e.g. http://127.0.0.1:4402 (SECURE_GATEWAY_URL). */
  readonly baseUrl: string;
  /** SECURE_GATEWAY_SECRET, shared with the worker. */
  readonly secret: string;
  /** Lifetime of each grant; default 30 s (at most 60 s). */
  readonly grantTtlMs?: number;
}

export interface SecureReadRequest {
  readonly blob: string;
  /** Who the bytes are for (the viewer, e.g. the assigned checker). */
  readonly userId: string;
  readonly purpose: SecureGrantPurpose;
  readonly maxBytes: number;
  readonly container?: SecureGatewayContainer;
  /** Refuse (409 BLOB_VERSION_CHANGED) unless this is the blob's current version; Azure only. */
  readonly versionId?: string;
}

export interface SecureRead {
  /** At most `maxBytes` bytes of the blob. */
  readonly stream: Readable;
  readonly contentType: string;
  /** Bytes in `stream`. */
  readonly size: number;
  /** The whole blob's size; larger than `size` when the read was cut at `maxBytes`. */
  readonly blobSize: number;
  readonly truncated: boolean;
}

const KIND_BY_STATUS: Record<number, ErrorKind> = { 400: 'validation', 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 409: 'conflict' };

/**
 * The API's way to read bytes from the secure side: mints a short-lived grant for one blob and streams it from the
 * worker's `/internal/v1/secure-blobs`. The API holds only the grant secret, never the secure account's key.
 */
export class SecureGatewayClient {
  constructor(private readonly options: SecureGatewayClientOptions) {}

  async openRead(request: SecureReadRequest): Promise<SecureRead> {
    const grant = mintSecureGrant(this.options.secret, { ...request, ...(this.options.grantTtlMs !== undefined && { ttlMs: this.options.grantTtlMs }) });
    const url = new URL('/internal/v1/secure-blobs', this.options.baseUrl);
    url.searchParams.set('grant', grant);
    let res: Response;
    try {
      res = await fetch(url, { redirect: 'error' });
    } catch (e) {
      throw new DomainError('unavailable', 'SECURE_GATEWAY_UNAVAILABLE', `the secure gateway did not answer (${e instanceof Error ? e.message : String(e)})`);
    }
    if (!res.ok || !res.body) {
      const body = await res.json().catch(() => null) as { code?: unknown; message?: unknown } | null;
      const code = typeof body?.code === 'string' ? body.code : 'SECURE_GATEWAY_ERROR';
      const message = typeof body?.message === 'string' ? body.message : `the secure gateway answered ${res.status}`;
      throw new DomainError(KIND_BY_STATUS[res.status] ?? 'unavailable', code, message);
    }
    const size = Number(res.headers.get('content-length') ?? NaN);
    const blobSize = Number(res.headers.get('x-cloister-blob-size') ?? NaN);
    return {
      stream: Readable.fromWeb(res.body as WebReadableStream<Uint8Array>),
      contentType: res.headers.get('content-type') ?? 'application/octet-stream',
      size, blobSize, truncated: blobSize > size,
    };
  }
}
