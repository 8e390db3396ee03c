import type { DatasetClassification, DatasetStatus } from '@cloister/domain';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema';
import type { Executor } from './audit.repository';

export type Classification = DatasetClassification;

export interface DatasetRecord {
  readonly id: string;
  readonly projectId: string;
  readonly name: string;
  readonly description: string;
  readonly classification: Classification;
  readonly ownerId: string;
  readonly createdAt: Date;
}

export interface DatasetVersionRecord {
  readonly id: string;
  readonly datasetId: string;
  readonly version: number;
  readonly status: DatasetStatus;
  readonly failureReason: string | null;
  readonly createdAt: Date;
  readonly uploadExpiresAt: Date | null;
  readonly timeline: Readonly<Record<'uploadStarted' | 'submitted' | 'transferStarted' | 'verificationStarted' | 'available' | 'failed' | 'rejected' | 'sealed', Date | null>>;
}

export interface DatasetFileRecord {
  readonly id: string;
  readonly versionId: string;
  readonly path: string;
  readonly size: number;
  readonly contentType: string;
  readonly stagingBlob: string;
  readonly sourceSha256: string | null;
  readonly sha256: string | null;
  readonly copiedAt: Date | null;
  readonly verifiedAt: Date | null;
  readonly originalDeletedAt: Date | null;
}

type VersionRow = {
  id: string; dataset_id: string; version: number; status: string; failure_reason: string | null; created_at: Date; upload_expires_at: Date | null;
  upload_started_at: Date | null; submitted_at: Date | null; transfer_started_at: Date | null; verification_started_at: Date | null;
  available_at: Date | null; failed_at: Date | null; rejected_at: Date | null; sealed_at: Date | null;
};

const toDataset = (r: { id: string; project_id: string; name: string; description: string; classification: string; owner_id: string; created_at: Date }): DatasetRecord => ({
  id: r.id, projectId: r.project_id, name: r.name, description: r.description, classification: r.classification as Classification, ownerId: r.owner_id, createdAt: r.created_at,
});
const toVersion = (r: VersionRow): DatasetVersionRecord => ({
  id: r.id, datasetId: r.dataset_id, version: r.version, status: r.status as DatasetStatus, failureReason: r.failure_reason, createdAt: r.created_at,
  uploadExpiresAt: r.upload_expires_at,
  timeline: {
    uploadStarted: r.upload_started_at, submitted: r.submitted_at, transferStarted: r.transfer_started_at, verificationStarted: r.verification_started_at,
    available: r.available_at, failed: r.failed_at, rejected: r.rejected_at, sealed: r.sealed_at,
  },
});
const toFile = (r: {
  id: string; version_id: string; path: string; size: string; content_type: string; staging_blob: string; source_sha256: string | null; sha256: string | null;
  copied_at: Date | null; verified_at: Date | null; original_deleted_at: Date | null;
}): DatasetFileRecord => ({
  id: r.id, versionId: r.version_id, path: r.path, size: Number(r.size), contentType: r.content_type, stagingBlob: r.staging_blob, sourceSha256: r.source_sha256,
  sha256: r.sha256, copiedAt: r.copied_at, verifiedAt: r.verified_at, originalDeletedAt: r.original_deleted_at,
});

/** The time column each status records when it is entered. */
const STATUS_TIME_COLUMN: Partial<Record<DatasetStatus, keyof Database['dataset_versions']>> = {
  uploading: 'upload_started_at', submitted: 'submitted_at', transferring: 'transfer_started_at', verifying: 'verification_started_at',
  available: 'available_at', failed: 'failed_at', rejected: 'rejected_at',
};

export class DatasetsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(d: { projectId: string; name: string; description: string; classification: Classification; ownerId: string }, ex: Executor): Promise<DatasetRecord> {
    const r = await ex.insertInto('datasets').values({ project_id: d.projectId, name: d.name, description: d.description, classification: d.classification, owner_id: d.ownerId })
      .returningAll().executeTakeFirstOrThrow();
    return toDataset(r);
  }

  async findByName(projectId: string, name: string, ex: Executor = this.db): Promise<DatasetRecord | null> {
    const r = await ex.selectFrom('datasets').selectAll().where('project_id', '=', projectId).where(sql`lower(name)`, '=', name.toLowerCase()).executeTakeFirst();
    return r ? toDataset(r) : null;
  }

  async find(projectId: string, datasetId: string, ex: Executor = this.db): Promise<DatasetRecord | null> {
    const r = await ex.selectFrom('datasets').selectAll().where('project_id', '=', projectId).where('id', '=', datasetId).executeTakeFirst();
    return r ? toDataset(r) : null;
  }

  async findById(datasetId: string, ex: Executor = this.db): Promise<DatasetRecord | null> {
    const r = await ex.selectFrom('datasets').selectAll().where('id', '=', datasetId).executeTakeFirst();
    return r ? toDataset(r) : null;
  }

  async list(projectId: string): Promise<DatasetRecord[]> {
    return (await this.db.selectFrom('datasets').selectAll().where('project_id', '=', projectId).orderBy('name').execute()).map(toDataset);
  }

  async createVersion(datasetId: string, version: number, createdBy: string, ex: Executor): Promise<DatasetVersionRecord> {
    const r = await ex.insertInto('dataset_versions').values({ dataset_id: datasetId, version, status: 'draft', created_by: createdBy }).returningAll().executeTakeFirstOrThrow();
    return toVersion(r);
  }

  async versions(datasetId: string, ex: Executor = this.db): Promise<DatasetVersionRecord[]> {
    return (await ex.selectFrom('dataset_versions').selectAll().where('dataset_id', '=', datasetId).orderBy('version').execute()).map(toVersion);
  }

  async findVersion(datasetId: string, version: number, ex: Executor = this.db): Promise<DatasetVersionRecord | null> {
    const r = await ex.selectFrom('dataset_versions').selectAll().where('dataset_id', '=', datasetId).where('version', '=', version).executeTakeFirst();
    return r ? toVersion(r) : null;
  }

  async findVersionById(id: string, ex: Executor = this.db): Promise<DatasetVersionRecord | null> {
    const r = await ex.selectFrom('dataset_versions').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toVersion(r) : null;
  }

  /** Locks the version row for the transaction, so its status changes serialise. */
  async lockVersion(id: string, ex: Executor): Promise<DatasetVersionRecord | null> {
    const r = await ex.selectFrom('dataset_versions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    return r ? toVersion(r) : null;
  }

  async setStatus(id: string, status: DatasetStatus, ex: Executor, extra: { failureReason?: string | null; uploadExpiresAt?: Date | null } = {}): Promise<void> {
    const column = STATUS_TIME_COLUMN[status];
    await ex.updateTable('dataset_versions')
      .set({
        status,
        ...(column && { [column]: new Date() }),
        ...(extra.failureReason !== undefined && { failure_reason: extra.failureReason }),
        ...(extra.uploadExpiresAt !== undefined && { upload_expires_at: extra.uploadExpiresAt }),
      })
      .where('id', '=', id).execute();
  }

  async markSealed(id: string, ex: Executor): Promise<void> {
    await ex.updateTable('dataset_versions').set({ sealed_at: new Date() }).where('id', '=', id).where('sealed_at', 'is', null).execute();
  }

  /** Adds files to a version, or updates the size of a file being uploaded again (a resumed or replaced upload). */
  async upsertFiles(versionId: string, files: readonly { path: string; size: number; contentType: string; stagingBlob: string }[], ex: Executor): Promise<DatasetFileRecord[]> {
    if (!files.length) return [];
    const rows = await ex.insertInto('dataset_files')
      .values(files.map((f) => ({ version_id: versionId, path: f.path, size: f.size, content_type: f.contentType, staging_blob: f.stagingBlob })))
      .onConflict((oc) => oc.columns(['version_id', 'path']).doUpdateSet((eb) => ({ size: eb.ref('excluded.size'), content_type: eb.ref('excluded.content_type') })))
      .returningAll().execute();
    return rows.map(toFile);
  }

  async files(versionId: string, ex: Executor = this.db): Promise<DatasetFileRecord[]> {
    return (await ex.selectFrom('dataset_files').selectAll().where('version_id', '=', versionId).orderBy('path').execute()).map(toFile);
  }

  async markCopied(fileId: string, sourceSha256: string): Promise<void> {
    await this.db.updateTable('dataset_files').set({ copied_at: new Date(), source_sha256: sourceSha256 }).where('id', '=', fileId).execute();
  }

  /** A copy that failed verification is copied again (and its upload re-hashed) when the version is retried. */
  async forgetCopy(fileId: string): Promise<void> {
    await this.db.updateTable('dataset_files').set({ copied_at: null, source_sha256: null }).where('id', '=', fileId).where('verified_at', 'is', null).execute();
  }

  async markVerified(fileId: string, sha256: string): Promise<void> {
    await this.db.updateTable('dataset_files').set({ verified_at: new Date(), sha256 }).where('id', '=', fileId).execute();
  }

  async markOriginalDeleted(fileId: string): Promise<void> {
    await this.db.updateTable('dataset_files').set({ original_deleted_at: new Date() }).where('id', '=', fileId).execute();
  }

  /** Bytes a project holds or has reserved: every file of every version that was not rejected. */
  async projectUsageBytes(projectId: string, ex: Executor = this.db): Promise<number> {
    const r = await ex.selectFrom('dataset_files')
      .innerJoin('dataset_versions', 'dataset_versions.id', 'dataset_files.version_id')
      .innerJoin('datasets', 'datasets.id', 'dataset_versions.dataset_id')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('dataset_files.size'), sql<string>`0`).as('bytes'))
      .where('datasets.project_id', '=', projectId).where('dataset_versions.status', '!=', 'rejected')
      .executeTakeFirstOrThrow();
    return Number(r.bytes);
  }

  async projectQuotaBytes(projectId: string, ex: Executor = this.db): Promise<number> {
    const r = await ex.selectFrom('projects').select('storage_quota_bytes').where('id', '=', projectId).executeTakeFirstOrThrow();
    return Number(r.storage_quota_bytes);
  }

  /**
   * The quota, with the project row locked until the transaction ends: two upload requests for the same project
   * check and reserve one after the other, so together they cannot pass a quota each would pass alone.
   */
  async lockProjectQuotaBytes(projectId: string, trx: Executor): Promise<number> {
    const r = await trx.selectFrom('projects').select('storage_quota_bytes').where('id', '=', projectId).forUpdate().executeTakeFirstOrThrow();
    return Number(r.storage_quota_bytes);
  }

  async expiredUploads(now: Date): Promise<DatasetVersionRecord[]> {
    return (await this.db.selectFrom('dataset_versions').selectAll().where('status', '=', 'uploading').where('upload_expires_at', '<', now).execute()).map(toVersion);
  }
}
