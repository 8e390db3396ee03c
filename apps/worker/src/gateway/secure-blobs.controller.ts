import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Controller, Get, Inject, Logger, Req, Res, UseFilters } from '@nestjs/common';
import { verifySecureGrant } from '@cloister/adapters';
import type { WorkerEnv } from '@cloister/config';
import { conflict, notFound, type SecureStorageDirectoryPort } from '@cloister/domain';
import type { Request, Response } from 'express';
import { SECURE_STORAGE_DIRECTORY, WORKER_CONFIG } from '../core-tokens';
import { GatewayErrorFilter } from './gateway-error.filter';
import { grantQuery, parseInput } from './gateway-input';

/** The first `limit` bytes of a stream; stops reading (and releases the source) once it has them. */
async function* firstBytes(source: NodeJS.ReadableStream, limit: number): AsyncGenerator<Buffer> {
  let left = limit;
  if (left <= 0) return;
  for await (const chunk of source as AsyncIterable<Buffer>) {
    const buf = chunk.length > left ? chunk.subarray(0, left) : chunk;
    left -= buf.length;
    yield buf;
    if (left <= 0) return;
  }
}

/**
 * Reads of secure storage on the API's behalf (previews): one blob per grant, which the API signs with the shared
 * SECURE_GATEWAY_SECRET for at most a minute. Every export blob name starts with `<projectId>/` (staged and frozen
 * alike), so the signed name itself says which project's secure account to read. The bytes go back to the API
 * process only as a stream; nothing here writes them anywhere.
 */
@Controller('internal/v1/secure-blobs')
@UseFilters(GatewayErrorFilter)
export class SecureBlobsController {
  private readonly logger = new Logger('gateway');

  constructor(@Inject(WORKER_CONFIG) private readonly config: WorkerEnv, @Inject(SECURE_STORAGE_DIRECTORY) private readonly secureStorages: SecureStorageDirectoryPort) {}

  @Get()
  async read(@Req() req: Request, @Res() res: Response): Promise<void> {
    const { grant: token } = parseInput('query', grantQuery, req.query);
    const grant = verifySecureGrant(this.config.SECURE_GATEWAY_SECRET, token);
    // A verified grant's blob name has no empty segment, so the first one is the project.
    const storage = await this.secureStorages.forProject(grant.blob.split('/')[0]!);
    const info = await storage.stat(grant.container, grant.blob);
    if (!info) throw notFound('SECURE_BLOB_NOT_FOUND', 'the granted blob does not exist');
    if (grant.versionId && info.versionId && info.versionId !== grant.versionId) {
      throw conflict('BLOB_VERSION_CHANGED', 'the blob changed after the grant was issued', { expected: grant.versionId, current: info.versionId });
    }
    const length = Math.min(info.size, grant.maxBytes);
    const source = await storage.openRead(grant.container, grant.blob);
    // setHeader, not Express's set(): the stored content type is passed on exactly, without an invented charset.
    res.status(200);
    for (const [name, value] of Object.entries({
      'content-type': info.contentType ?? 'application/octet-stream', 'content-length': String(length), 'x-cloister-blob-size': String(info.size),
      'cache-control': 'no-store', 'x-content-type-options': 'nosniff',
    })) res.setHeader(name, value);
    this.logger.log(`grant read ${grant.container}/${grant.blob} for ${grant.userId} (${grant.purpose}, ${length} of ${info.size} bytes)`);
    try {
      await pipeline(Readable.from(firstBytes(source, length)), res);
    } finally {
      (source as Readable).destroy?.();
    }
  }
}
