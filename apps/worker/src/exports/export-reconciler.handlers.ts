import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { jobIdFor } from '@cloister/adapters';
import { type Db, ExportRequestsRepository } from '@cloister/persistence';
import type { Queue } from 'bullmq';
import { DATABASE } from '../core-tokens';
import { OnJob } from '../jobs/on-job.decorator';

/** A request untouched this long in a state that has a job behind it has lost its job. */
export const STUCK_AFTER_MS = 10 * 60_000;
const SWEEP_EVERY_MS = 5 * 60_000;

/**
 * The API commits a submission or an approval and then enqueues its job; a crash between the two would leave the
 * request waiting forever. This sweep finds such requests and enqueues their job again. Both jobs are idempotent,
 * so a request whose job is merely slow is not harmed by a second one.
 */
@Injectable()
export class ExportReconcilerHandlers implements OnApplicationBootstrap {
  private readonly logger = new Logger('export-reconciler');
  private readonly requests: ExportRequestsRepository;

  constructor(
    @Inject(DATABASE) db: Db,
    @InjectQueue('export-check') private readonly checks: Queue,
    @InjectQueue('release') private readonly releases: Queue,
  ) {
    this.requests = new ExportRequestsRepository(db);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.checks.upsertJobScheduler('reconcile-requests', { every: SWEEP_EVERY_MS }, { name: 'reconcile-requests', data: {} });
  }

  @OnJob('export-check', 'reconcile-requests')
  async reconcile(): Promise<string> {
    const cutoff = new Date(Date.now() - STUCK_AFTER_MS);
    // One retry per request per sweep window: the job id changes only when the window does.
    const window = Math.floor(Date.now() / SWEEP_EVERY_MS);
    const stuckChecks = await this.requests.stuck(['submitted', 'checking'], cutoff);
    for (const r of stuckChecks) {
      await this.checks.add('check-request', { requestId: r.id, round: r.round }, { jobId: jobIdFor(`export-check:${r.id}:${r.round}:reconcile:${window}`) });
    }
    const stuckReleases = await this.requests.stuck(['approved', 'releasing'], cutoff);
    for (const r of stuckReleases) {
      await this.releases.add('release-request', { requestId: r.id }, { jobId: jobIdFor(`release:${r.id}:reconcile:${window}`) });
    }
    if (stuckChecks.length + stuckReleases.length) this.logger.warn(`re-enqueued ${stuckChecks.length} check(s) and ${stuckReleases.length} release(s)`);
    return `checks=${stuckChecks.length} releases=${stuckReleases.length}`;
  }
}
