import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable } from '@nestjs/common';
import { type ExportOutbox, invalidateRequestsHolding, transactWithNotices } from '@cloister/airlock';
import {
  conflict, DomainError, EXPORT_STAGING_CONTAINER, normaliseFileNames, notFound, type SecureStorageDirectoryPort, stagedBlobName,
  validationError,
} from '@cloister/domain';
import { AuditRepository, type Db, ProjectsRepository, type StagedOutputRecord, StagedOutputsRepository } from '@cloister/persistence';
import { DATABASE, NOTIFICATION_OUTBOX, SECURE_STORAGE_DIRECTORY } from '../core-tokens';
import { outputContentType } from './output-content-type';
import type { WorkspaceCaller } from './workspace-authenticator';

/** The largest single output the gateway accepts. */
export const MAX_OUTPUT_BYTES = 5 * 1024 ** 3;

export interface RequestMeta {
  readonly requestId: string;
  readonly sourceIp: string | null;
}

/** Counts and hashes the bytes passing through, and fails the stream once it exceeds the cap. */
class HashingMeter extends Transform {
  private readonly hash = createHash('sha256');
  size = 0;

  constructor(private readonly cap: number) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.cap) return done(tooLarge(this.cap));
    this.hash.update(chunk);
    done(null, chunk);
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

const tooLarge = (cap: number) => new DomainError('payload_too_large', 'OUTPUT_TOO_LARGE', `an output may be at most ${cap} bytes`);

/** Validates a staging path with the ingress file-name policy, naming the query field on refusal. */
export function stagingPath(raw: string): string {
  try {
    return normaliseFileNames([raw], 'path')[0]!;
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    const rename = (s: string) => s.replace(/^path\[0\]\.path/, 'query.path');
    throw new DomainError(e.kind, e.code, rename(e.message), e.details && { ...e.details, field: 'query.path' });
  }
}

/**
 * Researchers' staged outputs: bytes in the `export` container of the project's secure account, metadata in `staged_outputs`, every change
 * audited as the researcher. Writes to one path are serialised in this process, so the row always describes the
 * bytes last written.
 */
@Injectable()
export class StagedOutputsService {
  private readonly outputs: StagedOutputsRepository;
  private readonly projects: ProjectsRepository;
  private readonly audit: AuditRepository;
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    @Inject(DATABASE) private readonly db: Db,
    @Inject(SECURE_STORAGE_DIRECTORY) private readonly secureStorages: SecureStorageDirectoryPort,
    @Inject(NOTIFICATION_OUTBOX) private readonly outbox: ExportOutbox,
  ) {
    this.outputs = new StagedOutputsRepository(db);
    this.projects = new ProjectsRepository(db);
    this.audit = new AuditRepository(db);
  }

  async stage(caller: WorkspaceCaller, path: string, body: NodeJS.ReadableStream, declaredLength: number | null, meta: RequestMeta): Promise<StagedOutputRecord> {
    await this.requireActive(caller.projectId);
    if (declaredLength !== null && declaredLength > MAX_OUTPUT_BYTES) throw tooLarge(MAX_OUTPUT_BYTES);
    const storage = await this.secureStorages.forProject(caller.projectId);
    const blobName = stagedBlobName(caller.projectId, caller.researcher.id, path);
    return this.serialised(blobName, async () => {
      const meter = new HashingMeter(MAX_OUTPUT_BYTES);
      const contentType = outputContentType(path);
      // The request feeds the meter; a client that disconnects (or an oversized body) fails the pipeline, and the
      // upload fails with it, so the blob is never committed. A failed upload stops the feeding in turn.
      const feeding = pipeline(body, meter);
      const writing = storage.write(EXPORT_STAGING_CONTAINER, blobName, meter, contentType);
      writing.catch((e: unknown) => meter.destroy(e instanceof Error ? e : new Error(String(e))));
      const [wrote, fed] = await Promise.allSettled([writing, feeding]);
      if (fed.status === 'rejected') {
        if (fed.reason instanceof DomainError || (wrote.status === 'rejected' && wrote.reason === fed.reason)) throw fed.reason;
        // The request stream itself failed: the workspace went away before sending every byte.
        throw validationError('UPLOAD_INCOMPLETE', 'the upload ended before the whole body arrived; nothing was staged');
      }
      if (wrote.status === 'rejected') throw wrote.reason;
      const written = wrote.value;
      if (written.size !== meter.size) throw new Error(`secure storage holds ${written.size} bytes of ${blobName} after ${meter.size} were sent`);
      const sha256 = meter.digest();
      return transactWithNotices(this.db, this.outbox, async (trx, notify) => {
        const previous = await this.outputs.find(caller.projectId, caller.researcher.id, path, trx);
        const record = await this.outputs.upsert({
          projectId: caller.projectId, userId: caller.researcher.id, path, blobName, size: meter.size, sha256, contentType, versionId: written.versionId,
          modifiedAt: written.lastModified,
        }, trx);
        await this.audit.append(trx, {
          actorId: caller.researcher.id, actorEmail: caller.researcher.email, action: 'export.output.staged', targetType: 'staged_output', targetId: record.id,
          projectId: caller.projectId, requestId: meta.requestId, sourceIp: meta.sourceIp,
          details: { path, size: meter.size, sha256, via: 'workspace-agent', credentialId: caller.credentialId },
        });
        if (previous && previous.sha256 !== sha256) notify(await invalidateRequestsHolding(trx, record.id, path, 'changed'));
        return record;
      });
    });
  }

  async remove(caller: WorkspaceCaller, path: string, meta: RequestMeta): Promise<StagedOutputRecord> {
    await this.requireActive(caller.projectId);
    const storage = await this.secureStorages.forProject(caller.projectId);
    const blobName = stagedBlobName(caller.projectId, caller.researcher.id, path);
    return this.serialised(blobName, async () => {
      const record = await this.outputs.find(caller.projectId, caller.researcher.id, path);
      if (!record) throw notFound('STAGED_OUTPUT_NOT_FOUND', `query.path: ${path} is not staged for ${caller.researcher.email}`);
      await storage.delete(EXPORT_STAGING_CONTAINER, record.blobName);
      await transactWithNotices(this.db, this.outbox, async (trx, notify) => {
        notify(await invalidateRequestsHolding(trx, record.id, path, 'removed'));
        await this.outputs.remove(record.id, trx);
        await this.audit.append(trx, {
          actorId: caller.researcher.id, actorEmail: caller.researcher.email, action: 'export.output.removed', targetType: 'staged_output', targetId: record.id,
          projectId: caller.projectId, requestId: meta.requestId, sourceIp: meta.sourceIp,
          details: { path, size: record.size, sha256: record.sha256, via: 'workspace-agent', credentialId: caller.credentialId },
        });
      });
      return record;
    });
  }

  list(caller: WorkspaceCaller): Promise<StagedOutputRecord[]> {
    return this.outputs.list(caller.projectId, caller.researcher.id);
  }

  private async requireActive(projectId: string): Promise<void> {
    const project = await this.projects.findById(projectId);
    if (project?.status !== 'active') throw conflict('PROJECT_NOT_ACTIVE', `the project is ${project?.status ?? 'unknown'}; outputs can be staged only while it is active`);
  }

  /** Runs `fn` after any earlier write to the same blob in this process has finished. */
  private async serialised<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const before = this.inFlight.get(key) ?? Promise.resolve();
    const run = before.catch(() => undefined).then(fn);
    const settled = run.catch(() => undefined);
    this.inFlight.set(key, settled);
    try {
      return await run;
    } finally {
      if (this.inFlight.get(key) === settled) this.inFlight.delete(key);
    }
  }
}
