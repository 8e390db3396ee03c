import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  canChangeDataset, canSeeDatasetVersion, canTransitionDataset, conflict, DATASET_SETTLED, datasetActorOf, type DatasetActor, type DatasetStatus,
  DomainError, extensionOf, forbidden,
  isDeniedForIngress, type JobQueuePort, normaliseFileNames, quotaVerdict, STAGING_CONTAINER, validationError, notFound, type ObjectStoragePort, type ProjectRole,
} from '@cloister/domain';
import {
  AuditRepository, type Classification, type DatasetFileRecord, type DatasetRecord, DatasetsRepository, type DatasetVersionRecord, type Db,
} from '@cloister/persistence';
import { type AuditContext, auditBase } from '../core/request-context';
import { DATABASE, JOB_QUEUE, PUBLIC_STORAGE } from '../core/tokens';

/** Each write-only upload URL lives at most this long; the browser asks again to resume. */
export const UPLOAD_URL_TTL_MS = 15 * 60 * 1000;
/** An upload session nobody submits is cleaned after this long without new upload URLs. */
export const UPLOAD_SESSION_TTL_MS = 48 * 60 * 60 * 1000;
export const BLOCK_SIZE_BYTES = 8 * 1024 * 1024;

export interface Viewer {
  readonly userId: string;
  readonly roles: readonly ProjectRole[];
}

export interface VersionView {
  readonly version: DatasetVersionRecord;
  readonly files: DatasetFileRecord[];
}

/** Staging blob name: derived from the path so a resumed upload of the same file writes the same blob. */
export const stagingBlobName = (projectId: string, datasetId: string, version: number, path: string) =>
  `${projectId}/${datasetId}/v${version}/${createHash('sha256').update(path).digest('hex').slice(0, 40)}`;

/** Dataset ingress use cases on the API side: creating datasets, minting upload URLs, sealing a version for transfer. */
@Injectable()
export class DatasetsService {
  private readonly datasets: DatasetsRepository;
  private readonly audit: AuditRepository;

  constructor(
    @Inject(DATABASE) private readonly db: Db,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueuePort,
    @Inject(PUBLIC_STORAGE) private readonly publicStorage: ObjectStoragePort,
  ) {
    this.datasets = new DatasetsRepository(db);
    this.audit = new AuditRepository(db);
  }

  async create(projectId: string, input: { name: string; description: string; classification: Classification }, viewer: Viewer, ctx: AuditContext) {
    return this.db.transaction().execute(async (trx) => {
      if (await this.datasets.findByName(projectId, input.name, trx)) {
        throw conflict('DATASET_NAME_TAKEN', `name: this project already has a dataset called "${input.name}"`, { field: 'name' });
      }
      const dataset = await this.datasets.create({ projectId, ...input, ownerId: viewer.userId }, trx);
      const version = await this.datasets.createVersion(dataset.id, 1, viewer.userId, trx);
      await this.audit.append(trx, { ...auditBase(ctx, projectId), action: 'dataset.created', targetType: 'dataset', targetId: dataset.id, details: { name: dataset.name, classification: dataset.classification } });
      return { dataset, versions: [{ version, files: [] as DatasetFileRecord[] }] };
    });
  }

  async list(projectId: string, viewer: Viewer): Promise<{ dataset: DatasetRecord; versions: VersionView[] }[]> {
    const result = [];
    for (const dataset of await this.datasets.list(projectId)) {
      const versions = await this.visibleVersions(dataset, viewer);
      if (versions.length) result.push({ dataset, versions });
    }
    return result;
  }

  async get(projectId: string, datasetId: string, viewer: Viewer) {
    const dataset = await this.datasets.find(projectId, datasetId);
    const versions = dataset ? await this.visibleVersions(dataset, viewer) : [];
    if (!dataset || !versions.length) throw notFound('DATASET_NOT_FOUND', `no dataset ${datasetId} that you can see`);
    return { dataset, versions };
  }

  async newVersion(projectId: string, datasetId: string, viewer: Viewer, ctx: AuditContext) {
    const dataset = await this.ownedDataset(projectId, datasetId, viewer);
    return this.db.transaction().execute(async (trx) => {
      const versions = await this.datasets.versions(dataset.id, trx);
      const latest = versions[versions.length - 1];
      if (latest && !DATASET_SETTLED.includes(latest.status)) {
        throw conflict('VERSION_IN_PROGRESS', `version ${latest.version} is still ${latest.status}; finish or wait for it first`);
      }
      const version = await this.datasets.createVersion(dataset.id, (latest?.version ?? 0) + 1, viewer.userId, trx);
      await this.audit.append(trx, { ...auditBase(ctx, projectId), action: 'dataset.version_created', targetType: 'dataset', targetId: dataset.id, details: { version: version.version } });
      return { dataset, versions: [...versions, version].map((v) => ({ version: v, files: [] as DatasetFileRecord[] })) };
    });
  }

  /** Validates names and quota, records the files, and returns one write-only URL per file. */
  async requestUploads(projectId: string, datasetId: string, versionNumber: number, files: { path: string; size: number; contentType?: string | undefined }[], viewer: Viewer, ctx: AuditContext) {
    const dataset = await this.ownedDataset(projectId, datasetId, viewer);
    const names = normaliseFileNames(files.map((f) => f.path));
    const denied = names.findIndex(isDeniedForIngress);
    if (denied >= 0) {
      throw validationError('DISALLOWED_FILE_TYPE', `files[${denied}].path: "${names[denied]}" — files of type .${extensionOf(names[denied]!)} may not enter a secure environment`, { field: `files[${denied}].path` });
    }
    const prepared = files.map((f, i) => ({
      path: names[i]!, size: f.size, contentType: f.contentType ?? 'application/octet-stream',
      stagingBlob: stagingBlobName(projectId, datasetId, versionNumber, names[i]!),
    }));
    const expiresAt = new Date(Date.now() + UPLOAD_URL_TTL_MS);
    await this.db.transaction().execute(async (trx) => {
      const found = await this.datasets.findVersion(dataset.id, versionNumber, trx);
      if (!found) throw notFound('DATASET_VERSION_NOT_FOUND', `dataset ${dataset.name} has no version ${versionNumber}`);
      const version = await this.datasets.lockVersion(found.id, trx);
      if (!version || (version.status !== 'draft' && version.status !== 'uploading')) {
        throw conflict('VERSION_NOT_OPEN', `version ${versionNumber} is ${version?.status}; uploads are only accepted before it is submitted`);
      }
      const existing = new Map((await this.datasets.files(version.id, trx)).map((f) => [f.path, f.size]));
      const added = prepared.reduce((sum, f) => sum + f.size - (existing.get(f.path) ?? 0), 0);
      const quota = await this.datasets.lockProjectQuotaBytes(projectId, trx);
      // `used` still counts this version's files at their old sizes; `added` is the change these uploads make to them.
      const used = await this.datasets.projectUsageBytes(projectId, trx);
      const verdict = quotaVerdict({ usedBytes: used, addingBytes: added, quotaBytes: quota });
      if (!verdict.ok) {
        throw new DomainError('payload_too_large', 'QUOTA_EXCEEDED', `files: these uploads need ${added} bytes but the project has ${verdict.headroomBytes} of its ${quota}-byte quota left`, { field: 'files', usedBytes: used, quotaBytes: quota });
      }
      await this.datasets.upsertFiles(version.id, prepared, trx);
      const sessionExpiry = new Date(Date.now() + UPLOAD_SESSION_TTL_MS);
      if (version.status === 'draft') {
        await this.datasets.setStatus(version.id, 'uploading', trx, { uploadExpiresAt: sessionExpiry });
        await this.audit.append(trx, { ...auditBase(ctx, projectId), action: 'dataset.upload_started', targetType: 'dataset', targetId: dataset.id, details: { version: versionNumber } });
      } else {
        await this.datasets.setStatus(version.id, 'uploading', trx, { uploadExpiresAt: sessionExpiry });
      }
    });
    await this.publicStorage.ensureContainer(STAGING_CONTAINER);
    const urls = await Promise.all(prepared.map(async (f) => ({
      path: f.path, uploadUrl: await this.publicStorage.createUploadUrl(STAGING_CONTAINER, f.stagingBlob, expiresAt), expiresAt: expiresAt.toISOString(), blockSizeBytes: BLOCK_SIZE_BYTES,
    })));
    return urls;
  }

  /** Seals the expected manifest and hands the version to the worker. Every file must be fully uploaded. */
  async submit(projectId: string, datasetId: string, versionNumber: number, viewer: Viewer, ctx: AuditContext) {
    const dataset = await this.ownedDataset(projectId, datasetId, viewer);
    const found = await this.datasets.findVersion(dataset.id, versionNumber);
    if (!found) throw notFound('DATASET_VERSION_NOT_FOUND', `dataset ${dataset.name} has no version ${versionNumber}`);
    const files = await this.datasets.files(found.id);
    if (!files.length) throw conflict('NO_FILES', 'files: upload at least one file before submitting');
    const incomplete: string[] = [];
    for (const f of files) {
      const blob = await this.publicStorage.stat(STAGING_CONTAINER, f.stagingBlob);
      if (!blob || blob.size !== f.size) incomplete.push(`${f.path} (${blob ? `${blob.size} of ${f.size} bytes` : 'not uploaded'})`);
    }
    if (incomplete.length) throw conflict('UPLOAD_INCOMPLETE', `files: not fully uploaded yet: ${incomplete.slice(0, 20).join(', ')}${incomplete.length > 20 ? ` and ${incomplete.length - 20} more` : ''}`, { files: incomplete });
    await this.transition(projectId, dataset, found.id, 'uploading', 'submitted', 'data_owner', ctx, { manifest: files.map((f) => ({ path: f.path, size: f.size })) });
    await this.jobs.enqueue('ingress', 'transfer-dataset', { versionId: found.id }, `ingress:${found.id}:submitted`);
    return this.get(projectId, datasetId, viewer);
  }

  async retry(projectId: string, datasetId: string, versionNumber: number, viewer: Viewer, ctx: AuditContext) {
    const dataset = await this.datasets.find(projectId, datasetId);
    const actor = dataset ? datasetActorOf(viewer, dataset.ownerId) : null;
    if (!dataset || !actor) throw notFound('DATASET_NOT_FOUND', `no dataset ${datasetId} that you can change`);
    const found = await this.datasets.findVersion(dataset.id, versionNumber);
    if (!found) throw notFound('DATASET_VERSION_NOT_FOUND', `dataset ${dataset.name} has no version ${versionNumber}`);
    await this.transition(projectId, dataset, found.id, 'failed', 'submitted', actor, ctx, {});
    await this.jobs.enqueue('ingress', 'transfer-dataset', { versionId: found.id }, `ingress:${found.id}:retry:${Date.now()}`);
    return this.get(projectId, datasetId, viewer);
  }

  async manifest(projectId: string, datasetId: string, versionNumber: number, viewer: Viewer, ctx: AuditContext) {
    const { dataset, versions } = await this.get(projectId, datasetId, viewer);
    const view = versions.find((v) => v.version.version === versionNumber);
    if (!view) throw notFound('DATASET_VERSION_NOT_FOUND', `dataset ${dataset.name} has no version ${versionNumber} that you can see`);
    await this.audit.appendStandalone({ ...auditBase(ctx, projectId), action: 'dataset.manifest_viewed', targetType: 'dataset', targetId: dataset.id, details: { version: versionNumber } });
    return { dataset, view };
  }

  private async transition(projectId: string, dataset: DatasetRecord, versionId: string, from: DatasetStatus, to: DatasetStatus, actor: DatasetActor, ctx: AuditContext, details: Record<string, unknown>) {
    await this.db.transaction().execute(async (trx) => {
      const version = await this.datasets.lockVersion(versionId, trx);
      if (!version || version.status !== from) throw conflict('INVALID_TRANSITION', `version is ${version?.status}, not ${from}`);
      if (!canTransitionDataset(from, to, actor)) throw forbidden('TRANSITION_NOT_ALLOWED', `a ${actor} may not move a dataset version from ${from} to ${to}`);
      await this.datasets.setStatus(versionId, to, trx, { failureReason: null });
      await this.audit.append(trx, { ...auditBase(ctx, projectId), action: `dataset.${to === 'submitted' && from === 'failed' ? 'retried' : to}`, targetType: 'dataset', targetId: dataset.id, details: { version: version.version, ...details } });
    });
  }

  private async ownedDataset(projectId: string, datasetId: string, viewer: Viewer): Promise<DatasetRecord> {
    const dataset = await this.datasets.find(projectId, datasetId);
    if (!dataset || !canChangeDataset(viewer, dataset.ownerId)) throw notFound('DATASET_NOT_FOUND', `no dataset ${datasetId} that you brought to this project`);
    return dataset;
  }

  private async visibleVersions(dataset: DatasetRecord, viewer: Viewer): Promise<VersionView[]> {
    const versions = (await this.datasets.versions(dataset.id)).filter((v) => canSeeDatasetVersion(viewer, dataset.ownerId, v.status));
    return Promise.all(versions.map(async (version) => ({ version, files: await this.datasets.files(version.id) })));
  }
}
