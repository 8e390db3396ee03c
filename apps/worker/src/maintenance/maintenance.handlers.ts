import { Inject, Injectable, Logger } from '@nestjs/common';
import { type ObjectStoragePort, STAGING_CONTAINER } from '@cloister/domain';
import { AuditRepository, DatasetsRepository, type Db } from '@cloister/persistence';
import { transitionVersion } from '../ingress/dataset-transitions';
import type { Redis } from 'ioredis';
import { DATABASE, PUBLIC_STORAGE, REDIS } from '../core-tokens';
import { OnJob } from '../jobs/on-job.decorator';

export const HEARTBEAT_KEY = 'cloister:worker:heartbeat';

@Injectable()
export class MaintenanceHandlers {
  private readonly logger = new Logger('maintenance');

  constructor(
    @Inject(DATABASE) private readonly db: Db,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(PUBLIC_STORAGE) private readonly publicStorage: ObjectStoragePort,
  ) {}

  /** Proves a worker is taking jobs: the API's health report reads this key. */
  @OnJob('maintenance', 'heartbeat')
  async heartbeat(): Promise<void> {
    await this.redis.set(HEARTBEAT_KEY, new Date().toISOString(), 'EX', 600);
  }

  /** Recomputes the audit chain daily and records the result in the chain itself. */
  @OnJob('maintenance', 'audit-verify')
  async verifyAudit(): Promise<{ ok: boolean; checked: number }> {
    const audit = new AuditRepository(this.db);
    const result = await audit.verify();
    if (!result.ok) this.logger.error(`audit chain broken at ${result.firstBrokenId}`);
    await audit.appendStandalone({ actorId: null, actorEmail: null, action: 'audit.verified', targetType: 'audit_log', targetId: null, projectId: null, requestId: null, sourceIp: null, details: { ...result, scheduled: true } });
    return result;
  }

  /** Uploads nobody submitted in time: their staged blobs are deleted and the version is rejected. */
  @OnJob('maintenance', 'expire-uploads')
  async expireUploads(): Promise<number> {
    const datasets = new DatasetsRepository(this.db);
    const expired = await datasets.expiredUploads(new Date());
    for (const version of expired) {
      for (const f of await datasets.files(version.id)) await this.publicStorage.delete(STAGING_CONTAINER, f.stagingBlob);
      const dataset = await datasets.findById(version.datasetId);
      if (dataset) await transitionVersion(this.db, version.id, dataset.projectId, dataset.id, 'uploading', 'rejected', { reason: 'the upload expired before it was submitted' });
    }
    return expired.length;
  }
}
