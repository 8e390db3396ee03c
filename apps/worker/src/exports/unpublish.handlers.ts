import { Inject, Injectable, Logger } from '@nestjs/common';
import { EXPORT_PUBLIC_CONTAINER, type JobPayload, type ObjectStoragePort, releasedPrefix } from '@cloister/domain';
import { AuditRepository, type Db, ExportRequestsRepository } from '@cloister/persistence';
import { DATABASE, PUBLIC_STORAGE } from '../core-tokens';
import { OnJob } from '../jobs/on-job.decorator';

/**
 * Removes a revoked request's released files from the public export area. Downloads stop on the status at once;
 * this makes sure no copy stays readable by anyone holding its address. A storage error fails the attempt and the
 * queue retries it with backoff; a blob already gone counts as removed. Each file records when its copy was found
 * gone, and the request's `export.unpublished` audit event is written once, by the run that records the last one.
 */
@Injectable()
export class UnpublishHandlers {
  private readonly logger = new Logger('unpublish');
  private readonly requests: ExportRequestsRepository;

  constructor(@Inject(DATABASE) private readonly db: Db, @Inject(PUBLIC_STORAGE) private readonly publicStorage: ObjectStoragePort) {
    this.requests = new ExportRequestsRepository(db);
  }

  @OnJob('release', 'unpublish-request')
  async unpublish({ requestId }: JobPayload<'release', 'unpublish-request'>): Promise<string> {
    const request = await this.requests.findById(requestId);
    if (!request || request.status !== 'revoked') return 'not-applicable';
    const left = await this.requests.publicCopiesLeft(requestId);
    if (!left.length) return 'already-done';
    // Everything under the request's prefix goes, recorded or not (a release attempt cut off before recording its
    // file); every released blob lies under it (releasedBlobName). A blob already gone counts as removed.
    for await (const blob of this.publicStorage.list(EXPORT_PUBLIC_CONTAINER, releasedPrefix(request.projectId, requestId))) {
      await this.publicStorage.delete(EXPORT_PUBLIC_CONTAINER, blob.name);
    }
    await this.db.transaction().execute(async (trx) => {
      // Under the request's lock, so of two runs only the one that records the copies gone audits it.
      await this.requests.lock(requestId, trx);
      let recorded = 0;
      for (const f of left) if (await this.requests.recordUnpublished(f.id, trx)) recorded++;
      if (!recorded) return;
      const released = (await this.requests.files(requestId, trx)).filter((f) => f.releasedBlob);
      await new AuditRepository(trx).append(trx, {
        actorId: null, actorEmail: null, action: 'export.unpublished', targetType: 'export_request', targetId: requestId, projectId: request.projectId,
        requestId: null, sourceIp: null, details: { title: request.title, files: released.map((r) => ({ path: r.path, blob: r.releasedBlob })) },
      });
    });
    this.logger.log(`removed ${left.length} public cop${left.length === 1 ? 'y' : 'ies'} of revoked request ${requestId}`);
    return 'unpublished';
  }
}
