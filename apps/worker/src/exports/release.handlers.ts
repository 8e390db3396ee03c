import { createReadStream } from 'node:fs';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { applySystemMoveIfAt, type ExportOutbox } from '@cloister/airlock';
import {
  EXPORT_PUBLIC_CONTAINER, EXPORT_STAGING_CONTAINER, type ExportStatus, type JobPayload, type ObjectStoragePort, releasedBlobName,
  type SecureStorageDirectoryPort,
} from '@cloister/domain';
import { type Db, type ExportFileRecord, ExportRequestsRepository } from '@cloister/persistence';
import { DATABASE, NOTIFICATION_OUTBOX, PUBLIC_STORAGE, SECURE_STORAGE_DIRECTORY } from '../core-tokens';
import type { JobContext } from '../jobs/job-handler-registry';
import { OnJob } from '../jobs/on-job.decorator';
import { withSpooledCopy } from './spool-hashed';

/** The frozen bytes no longer hash to what was approved: nothing of this file may leave. */
class IntegrityViolation extends Error {}

/**
 * Releases an approved request: each approved output's frozen copy is read on the secure side and hashed; only
 * if it matches the SHA-256 recorded at submission are those same bytes (from a local copy, never a second read)
 * written to the public `exports/<project>/<request>/` area. Progress is recorded per file, so a worker killed
 * mid-release finishes the rest after a restart without duplicating or losing a file.
 */
@Injectable()
export class ReleaseHandlers {
  private readonly logger = new Logger('release');
  private readonly requests: ExportRequestsRepository;

  constructor(
    @Inject(DATABASE) private readonly db: Db,
    @Inject(SECURE_STORAGE_DIRECTORY) private readonly secureStorages: SecureStorageDirectoryPort,
    @Inject(PUBLIC_STORAGE) private readonly publicStorage: ObjectStoragePort,
    @Inject(NOTIFICATION_OUTBOX) private readonly outbox: ExportOutbox,
  ) {
    this.requests = new ExportRequestsRepository(db);
  }

  @OnJob('release', 'release-request')
  async release({ requestId }: JobPayload<'release', 'release-request'>, ctx: JobContext): Promise<string> {
    const request = await this.requests.findById(requestId);
    if (!request) return 'not-applicable';
    if (request.status === 'released') return 'already-done';
    if (request.status === 'approved') await this.move(requestId, 'approved', 'releasing', {});
    else if (request.status !== 'releasing') return 'not-applicable';

    const outputs = (await this.requests.files(requestId)).filter((f) => f.role === 'output');
    try {
      for (const [i, f] of outputs.entries()) {
        await ctx.updateProgress({ file: f.path, done: i, total: outputs.length });
        if (f.releasedSha256 === f.sha256) continue;
        await this.releaseFile(request.projectId, requestId, f);
      }
    } catch (e) {
      const integrity = e instanceof IntegrityViolation;
      if (!integrity && !ctx.finalAttempt) throw e;
      const reason = e instanceof Error ? e.message : String(e);
      await this.move(requestId, 'releasing', 'failed', { reason, integrity }, reason);
      return 'failed';
    }
    const released = await this.requests.files(requestId);
    await this.move(requestId, 'releasing', 'released', {
      files: released.filter((f) => f.role === 'output').map((f) => ({ path: f.path, blob: f.releasedBlob, sha256: f.releasedSha256 })),
    });
    return 'released';
  }

  private async releaseFile(projectId: string, requestId: string, f: ExportFileRecord): Promise<void> {
    if (!f.frozenBlob) throw new IntegrityViolation(`"${f.path}" has no frozen copy; it was never checked`);
    const secure = await this.secureStorages.forProject(projectId);
    await withSpooledCopy(await secure.openRead(EXPORT_STAGING_CONTAINER, f.frozenBlob), async (local, { sha256 }) => {
      if (sha256 !== f.sha256) throw new IntegrityViolation(`release refused: "${f.path}" hashes to ${sha256}, not the ${f.sha256} recorded at submission`);
      const target = releasedBlobName(projectId, requestId, f.path);
      await this.publicStorage.write(EXPORT_PUBLIC_CONTAINER, target, createReadStream(local), f.contentType);
      await this.requests.recordRelease(f.id, target, sha256);
      this.logger.log(`released ${f.path} of ${requestId}`);
    });
  }

  private async move(requestId: string, from: ExportStatus, to: ExportStatus, details: Record<string, unknown>, reason: string | null = null) {
    await applySystemMoveIfAt(this.db, this.outbox, requestId, from, to, details, reason);
  }
}
