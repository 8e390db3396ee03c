import { createReadStream } from 'node:fs';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { applySystemMoveIfAt, type ExportOutbox } from '@cloister/airlock';
import {
  EXPORT_STAGING_CONTAINER, frozenBlobName, hardFailures, isTier, type JobPayload, type JobQueuePort, overallOutcome, type SecureStorageDirectoryPort, TIER_POLICIES,
} from '@cloister/domain';
import { type Db, type ExportFileRecord, ExportRequestsRepository, ProjectsRepository, SealRegistryRepository } from '@cloister/persistence';
import { DATABASE, NOTIFICATION_OUTBOX, SECURE_STORAGE_DIRECTORY } from '../core-tokens';
import type { JobContext } from '../jobs/job-handler-registry';
import { JobProducer } from '../jobs/job-producer';
import { OnJob } from '../jobs/on-job.decorator';
import { inspectExportFile } from './file-inspection';
import { withSpooledCopy } from './spool-hashed';

/** The bytes no longer hash to what the researcher submitted: the request goes back to them. */
class FileChangedSinceSubmission extends Error {}

/**
 * Automated checks of a submitted export request. Each file's recorded bytes are copied aside on the secure side
 * (frozen, sealed) while being hashed; only bytes matching the SHA-256 recorded at submission are inspected and
 * later released. Files unchanged since an earlier round keep their frozen copy and results. Re-running the job
 * is safe: frozen files are skipped and the state moves only from where it is.
 */
@Injectable()
export class ExportCheckHandlers {
  private readonly logger = new Logger('export-check');
  private readonly requests: ExportRequestsRepository;
  private readonly projects: ProjectsRepository;
  private readonly seals: SealRegistryRepository;
  private readonly jobs: JobQueuePort;

  constructor(
    @Inject(DATABASE) private readonly db: Db,
    @Inject(SECURE_STORAGE_DIRECTORY) private readonly secureStorages: SecureStorageDirectoryPort,
    producer: JobProducer,
    @Inject(NOTIFICATION_OUTBOX) private readonly outbox: ExportOutbox,
  ) {
    this.requests = new ExportRequestsRepository(db);
    this.projects = new ProjectsRepository(db);
    this.seals = new SealRegistryRepository(db);
    this.jobs = producer.queue;
  }

  @OnJob('export-check', 'check-request')
  async check({ requestId, round }: JobPayload<'export-check', 'check-request'>, ctx: JobContext): Promise<string> {
    const start = await this.requests.findById(requestId);
    if (!start || start.round !== round) return 'not-applicable';
    if (start.status === 'submitted') await this.move(requestId, 'submitted', 'checking', {});
    else if (start.status !== 'checking') return start.status === 'in_review' ? 'already-done' : 'not-applicable';

    const project = await this.projects.findById(start.projectId);
    if (!project || !isTier(project.tier)) return 'not-applicable';
    const policy = TIER_POLICIES[project.tier];
    const files = await this.requests.files(requestId);
    try {
      for (const [i, f] of files.entries()) {
        await ctx.updateProgress({ file: f.path, done: i, total: files.length });
        if (f.frozenBlob && f.checkOutcome) continue;
        await this.freezeAndInspect(start.projectId, requestId, f, policy);
      }
    } catch (e) {
      if (e instanceof FileChangedSinceSubmission) {
        await this.move(requestId, 'checking', 'returned', { reason: e.message }, e.message);
        return 'invalidated';
      }
      if (!ctx.finalAttempt) throw e;
      const reason = e instanceof Error ? e.message : String(e);
      await this.move(requestId, 'checking', 'failed', { reason }, `the automated checks could not run: ${reason}`);
      return 'failed';
    }

    const checked = await this.requests.files(requestId);
    const blocking = checked.flatMap((f) => hardFailures(f.checks).map((c) => `${f.path}: ${c.message}`));
    if (blocking.length) {
      await this.move(requestId, 'checking', 'blocked', { problems: blocking }, blocking.join('; '));
      return 'blocked';
    }
    await this.move(requestId, 'checking', 'in_review', { outcomes: checked.map((f) => ({ path: f.path, outcome: f.checkOutcome })) });
    return 'in-review';
  }

  /** Copies the recorded bytes aside while hashing them, seals the copy, then inspects it. */
  private async freezeAndInspect(projectId: string, requestId: string, f: ExportFileRecord, policy: (typeof TIER_POLICIES)[keyof typeof TIER_POLICIES]) {
    const frozen = frozenBlobName(projectId, requestId, f.id);
    const secure = await this.secureStorages.forProject(projectId);
    const source = (await this.seals.isSealed(secure.account, EXPORT_STAGING_CONTAINER, frozen))
      ? await secure.openRead(EXPORT_STAGING_CONTAINER, frozen)
      : await secure.openRead(EXPORT_STAGING_CONTAINER, f.sourceBlob);
    await withSpooledCopy(source, async (local, { sha256, size }) => {
      if (sha256 !== f.sha256 || size !== f.size) {
        throw new FileChangedSinceSubmission(`"${f.path}" changed after it was submitted (SHA-256 ${sha256.slice(0, 12)}… ≠ ${f.sha256.slice(0, 12)}…); submit the request again`);
      }
      if (!(await this.seals.isSealed(secure.account, EXPORT_STAGING_CONTAINER, frozen))) {
        await secure.write(EXPORT_STAGING_CONTAINER, frozen, createReadStream(local), f.contentType);
        // With its size and hash, so every later read of the frozen copy (review previews, release) is re-verified.
        await this.seals.seal(secure.account, EXPORT_STAGING_CONTAINER, frozen, [{ name: frozen, size, sha256 }]);
      }
      const inspection = await inspectExportFile(local, { path: f.path, role: f.role, size }, policy);
      await this.requests.recordChecks(f.id, { frozenBlob: frozen, outcome: overallOutcome(inspection.checks), checks: inspection.checks, findings: inspection.findings });
      this.logger.log(`checked ${f.path} of ${requestId}: ${overallOutcome(inspection.checks)}`);
    });
  }

  /** Applies one system move, with its notices, if the request is still where this job expects it; then releases if due. */
  private async move(requestId: string, from: 'submitted' | 'checking', to: 'checking' | 'in_review' | 'blocked' | 'failed' | 'returned', details: Record<string, unknown>, reason: string | null = null) {
    const moved = await applySystemMoveIfAt(this.db, this.outbox, requestId, from, to, details, reason);
    // The same key the API uses when a checker's decision makes the release due, so only one release job runs.
    if (moved.releaseDue) await this.jobs.enqueue('release', 'release-request', { requestId }, `release:${requestId}:${moved.round}`);
  }
}
