import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { type ContentDigest, digestStream } from '@cloister/adapters';
import type { DataMoverPort, JobPayload, MalwareScannerPort, MalwareVerdict, ObjectStoragePort, SecureStorageDirectoryPort } from '@cloister/domain';
import { DATASET_SETTLED, extensionOf, IMPORT_CONTAINER, importPrefix, isDeniedForIngress, quotaVerdict, STAGING_CONTAINER } from '@cloister/domain';
import { type DatasetFileRecord, DatasetsRepository, type Db, SealRegistryRepository } from '@cloister/persistence';
import { DATA_MOVER, DATABASE, MALWARE_SCANNER, PUBLIC_STORAGE, SECURE_STORAGE_DIRECTORY } from '../core-tokens';
import type { JobContext } from '../jobs/job-handler-registry';
import { OnJob } from '../jobs/on-job.decorator';
import { transitionVersion } from './dataset-transitions';


/** Files hashed and copied at once; each holds one stream, so memory stays flat whatever the file sizes. */
const TRANSFER_PARALLELISM = 4;

/** Runs `fn` over `items` with at most `limit` at a time; the first failure stops new work and is rethrown. */
async function inParallel<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  let failure: unknown = null;
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, async () => {
    for (let item = queue.shift(); item !== undefined && failure === null; item = queue.shift()) {
      try {
        await fn(item);
      } catch (e) {
        failure ??= e;
      }
    }
  }));
  if (failure !== null) throw failure;
}

/** Thrown for problems with the data itself (not the platform): the version fails and nothing is deleted. */
class IngressRejected extends Error {}

/** Thrown for content that may never enter (a refused file type, a malware verdict): the version is rejected. */
class IngressRefused extends Error {}

function requireClean(f: DatasetFileRecord, verdict: MalwareVerdict): void {
  if (verdict === 'malicious') throw new IngressRefused(`${f.path}: the malware scan flagged this file`);
  // Defender scans on upload; until its verdict is written the job retries with backoff.
  if (verdict === 'not_scanned') throw new Error(`${f.path}: waiting for the malware scan verdict`);
}

/**
 * Moves a submitted dataset version into the project's secure import path (`import/<project>/<dataset>/v<n>/files/…`
 * plus `manifest.json`, in the project's secure account): copy, verify every byte count and SHA-256 against
 * the source, write manifest.json, seal the prefix, and only then delete the originals. Each step is recorded per
 * file, so a worker killed at any point resumes where it stopped and never deletes an unverified original.
 */
@Injectable()
export class IngressHandlers {
  private readonly logger = new Logger('ingress');
  private readonly datasets: DatasetsRepository;
  private readonly seals: SealRegistryRepository;

  constructor(
    @Inject(DATABASE) private readonly db: Db,
    @Inject(PUBLIC_STORAGE) private readonly publicStorage: ObjectStoragePort,
    @Inject(SECURE_STORAGE_DIRECTORY) private readonly secureStorages: SecureStorageDirectoryPort,
    @Inject(DATA_MOVER) private readonly mover: DataMoverPort,
    @Inject(MALWARE_SCANNER) private readonly scanner: MalwareScannerPort,
  ) {
    this.datasets = new DatasetsRepository(db);
    this.seals = new SealRegistryRepository(db);
  }

  @OnJob('ingress', 'transfer-dataset')
  async transfer({ versionId }: JobPayload<'ingress', 'transfer-dataset'>, ctx: JobContext): Promise<string> {
    const version = await this.datasets.findVersionById(versionId);
    if (!version) return 'version gone';
    if (DATASET_SETTLED.includes(version.status)) return `already ${version.status}`;
    const dataset = await this.datasets.findById(version.datasetId);
    if (!dataset) return 'dataset gone';
    const prefix = importPrefix(dataset.projectId, dataset.id, version.version);
    const move = (from: Parameters<typeof transitionVersion>[4], to: Parameters<typeof transitionVersion>[5], details: Record<string, unknown> = {}) =>
      transitionVersion(this.db, versionId, dataset.projectId, dataset.id, from, to, details);

    try {
      // Before anything moves: a project without a secure account yet (azure) fails here and the job retries.
      const secure = await this.secureStorages.forProject(dataset.projectId);
      if (version.status === 'submitted') {
        // Checked at upload time too; this catches a quota lowered since, before a byte reaches the secure side.
        // The project's usage already counts this version's files (reserved at upload), so they are taken out of
        // `used` and asked about as the bytes being added: the same question the API asks at upload time.
        const adding = (await this.datasets.files(versionId)).reduce((sum, f) => sum + f.size, 0);
        const [used, quota] = [await this.datasets.projectUsageBytes(dataset.projectId) - adding, await this.datasets.projectQuotaBytes(dataset.projectId)];
        const verdict = quotaVerdict({ usedBytes: used, addingBytes: adding, quotaBytes: quota });
        if (!verdict.ok) throw new IngressRefused(`over quota: the project holds or has reserved ${verdict.totalBytes} bytes, more than its ${quota}-byte quota`);
        await move('submitted', 'transferring');
      }
      await this.copyAll(secure, versionId, prefix, ctx);
      await move('transferring', 'verifying');
      const files = await this.verifyAll(secure, versionId, prefix);
      await this.sealVersion(secure, versionId, prefix, dataset.name, version.version, files);
      await inParallel(files.filter((f) => !f.originalDeletedAt), TRANSFER_PARALLELISM, async (f) => {
        await this.publicStorage.delete(STAGING_CONTAINER, f.stagingBlob);
        await this.datasets.markOriginalDeleted(f.id);
      });
      await move('verifying', 'available', { files: files.length, bytes: files.reduce((s, f) => s + f.size, 0) });
      return 'available';
    } catch (e) {
      const current = (await this.datasets.findVersionById(versionId))?.status;
      if (e instanceof IngressRefused) {
        if (current === 'submitted' || current === 'transferring') await move(current, 'rejected', { reason: e.message });
        this.logger.warn(`dataset version ${versionId} rejected: ${e.message}`);
        return 'rejected';
      }
      if (e instanceof IngressRejected || ctx.finalAttempt) {
        const reason = e instanceof IngressRejected ? e.message : `gave up after ${ctx.attempt} attempts: ${e instanceof Error ? e.message : String(e)}`;
        if (current === 'submitted' || current === 'transferring' || current === 'verifying') await move(current, 'failed', { reason });
        this.logger.warn(`dataset version ${versionId} failed: ${reason}`);
        return 'failed';
      }
      throw e;
    }
  }

  private async copyAll(secure: ObjectStoragePort, versionId: string, prefix: string, ctx: JobContext): Promise<void> {
    const files = await this.datasets.files(versionId);
    let done = files.filter((f) => f.copiedAt).length;
    await inParallel(files.filter((f) => !f.copiedAt), TRANSFER_PARALLELISM, async (f) => {
      const source = await this.publicStorage.stat(STAGING_CONTAINER, f.stagingBlob);
      if (!source) throw new IngressRejected(`${f.path}: the uploaded file is missing from the staging area`);
      if (source.size !== f.size) throw new IngressRejected(`${f.path}: staged size ${source.size} differs from the declared ${f.size}`);
      if (isDeniedForIngress(f.path)) throw new IngressRefused(`${f.path}: files of type .${extensionOf(f.path)} may not enter a secure environment`);
      const digest = await this.hashAndCopy(f, prefix);
      await this.datasets.markCopied(f.id, digest.sha256);
      // Verified as soon as it is copied, while other files are still copying (the storage service is busy with
      // copies while the worker hashes). verifyAll then re-checks that every file was verified, after a crash too.
      await this.verifyCopy(secure, prefix, { ...f, sourceSha256: digest.sha256 });
      done += 1;
      await ctx.updateProgress({ step: 'transferring', done, total: files.length });
    });
  }

  /**
   * Hashes the upload and copies it, reading the staged bytes once. A scanner that judges bytes (local) is fed from
   * that same read, and the copy starts only after it passed; a scanner whose verdict is stored elsewhere (Defender's
   * tags) is asked first, and then the hash runs while the mover copies. Nothing is copied without a clean verdict.
   */
  private async hashAndCopy(f: DatasetFileRecord, prefix: string): Promise<ContentDigest> {
    const copy = () => this.mover.copy([{ sourceContainer: STAGING_CONTAINER, sourceBlob: f.stagingBlob, destinationContainer: IMPORT_CONTAINER, destinationBlob: `${prefix}files/${f.path}` }]);
    const check = this.scanner.contentCheck?.();
    if (check) {
      const digest = await digestStream(await this.publicStorage.openRead(STAGING_CONTAINER, f.stagingBlob), (chunk) => check.update(chunk));
      requireClean(f, check.verdict());
      await copy();
      return digest;
    }
    requireClean(f, await this.scanner.verdict(STAGING_CONTAINER, f.stagingBlob));
    const [digest] = await Promise.all([digestStream(await this.publicStorage.openRead(STAGING_CONTAINER, f.stagingBlob)), copy()]);
    return digest;
  }

  /** Every file verified: those a killed worker copied but did not verify are verified now. */
  private async verifyAll(secure: ObjectStoragePort, versionId: string, prefix: string): Promise<DatasetFileRecord[]> {
    await inParallel((await this.datasets.files(versionId)).filter((f) => !f.verifiedAt), TRANSFER_PARALLELISM, (f) => this.verifyCopy(secure, prefix, f));
    const files = await this.datasets.files(versionId);
    const unverified = files.filter((f) => !f.verifiedAt || f.sha256 !== f.sourceSha256);
    if (unverified.length) throw new Error(`${unverified.length} files are not verified yet (${unverified[0]!.path})`);
    return files;
  }

  /** Streams the secure copy and compares its size and SHA-256 with the upload's; a mismatch fails the version. */
  private async verifyCopy(secure: ObjectStoragePort, prefix: string, f: DatasetFileRecord): Promise<void> {
    const digest = await digestStream(await secure.openRead(IMPORT_CONTAINER, `${prefix}files/${f.path}`));
    if (digest.size !== f.size || digest.sha256 !== f.sourceSha256) {
      await this.datasets.forgetCopy(f.id);
      throw new IngressRejected(`${f.path}: the secure copy does not match the upload (size ${digest.size}/${f.size}, sha256 ${digest.sha256.slice(0, 12)}…/${(f.sourceSha256 ?? '').slice(0, 12)}…)`);
    }
    await this.datasets.markVerified(f.id, digest.sha256);
  }

  private async sealVersion(secure: ObjectStoragePort, versionId: string, prefix: string, datasetName: string, version: number, files: DatasetFileRecord[]): Promise<void> {
    if (!(await this.seals.isSealed(secure.account, IMPORT_CONTAINER, prefix))) {
      const manifest = {
        dataset: datasetName, version, sealedAt: new Date().toISOString(),
        files: files.map((f) => ({ path: f.path, size: f.size, sha256: f.sha256, contentType: f.contentType })),
      };
      const manifestBody = Buffer.from(JSON.stringify(manifest, null, 2));
      await secure.write(IMPORT_CONTAINER, `${prefix}manifest.json`, manifestBody, 'application/json');
      // What each sealed object hashes to, so every later read of it is re-verified (SealedObjectStorage).
      await this.seals.seal(secure.account, IMPORT_CONTAINER, prefix, [
        ...files.map((f) => ({ name: `${prefix}files/${f.path}`, size: f.size, sha256: f.sha256 ?? '' })),
        { name: `${prefix}manifest.json`, size: manifestBody.length, sha256: createHash('sha256').update(manifestBody).digest('hex') },
      ]);
    }
    await this.db.transaction().execute((trx) => this.datasets.markSealed(versionId, trx));
  }
}
