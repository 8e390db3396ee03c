import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { type AnyJob, jobWorkKey, type JobQueuePort, type QueueName } from '@cloister/domain';
import { type Db, OwedJobsRepository } from '@cloister/persistence';
import type { JobType, Queue } from 'bullmq';
import { DATABASE } from '../core-tokens';
import { JobProducer } from '../jobs/job-producer';
import { OnJob } from '../jobs/on-job.decorator';

/** How long a record may wait for its job's enqueue (the API commits first, then enqueues) before it counts as lost. */
export const LOST_AFTER_MS = 2 * 60_000;
export const RECONCILE_EVERY_MS = 5 * 60_000;

/** Job states in which the work is still coming (a paused queue's jobs count as waiting): one such job is enough. */
const LIVE_STATES: JobType[] = ['active', 'waiting', 'delayed', 'prioritized', 'waiting-children'];

/**
 * The API and the sweeps commit a state change and then enqueue its job; a crash between the two leaves the record
 * waiting for ever (a project provisioning, a dataset transferring, a workspace starting, an export checking, an
 * e-mail pending). This sweep finds records that have waited past a grace period with no live job for them in the
 * queue and enqueues the job again. Every job is idempotent, and a record whose job is merely slow or backing off is
 * left alone, so the same work never runs twice at once.
 */
@Injectable()
export class LostJobsHandlers implements OnApplicationBootstrap {
  private readonly logger = new Logger('reconcile');
  private readonly owed: OwedJobsRepository;
  private readonly jobs: JobQueuePort & { queue(name: QueueName): Queue };

  constructor(
    @Inject(DATABASE) db: Db,
    producer: JobProducer,
    @Inject(getQueueToken('maintenance')) private readonly maintenance: Queue,
    @Inject(getQueueToken('export-check')) private readonly exportCheck: Queue,
  ) {
    this.owed = new OwedJobsRepository(db);
    this.jobs = producer.queue;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.maintenance.upsertJobScheduler('reconcile-jobs', { every: RECONCILE_EVERY_MS }, { name: 'reconcile-jobs', data: {} });
    // Earlier versions reconciled export requests alone, from this scheduler; this sweep now covers them.
    await this.exportCheck.removeJobScheduler('reconcile-requests');
  }

  @OnJob('maintenance', 'reconcile-jobs')
  async reconcile(): Promise<{ owed: number; reenqueued: string[] }> {
    const owed = await this.owed.find(new Date(Date.now() - LOST_AFTER_MS));
    if (!owed.length) return { owed: 0, reenqueued: [] };
    const live = await this.liveWork(new Set(owed.map((j) => j.queue)));
    // One new job per record per sweep window: a second sweep in the same window adds nothing.
    const window = Math.floor(Date.now() / RECONCILE_EVERY_MS);
    const reenqueued: string[] = [];
    for (const job of owed) {
      const key = jobWorkKey(job.queue, job.name, job.payload);
      if (!key || live.has(key)) continue;
      await this.enqueue(job, `reconcile:${key}:${window}`);
      reenqueued.push(key);
    }
    if (reenqueued.length) this.logger.warn(`re-enqueued ${reenqueued.length} lost job(s): ${reenqueued.slice(0, 20).join(', ')}`);
    return { owed: owed.length, reenqueued };
  }

  /** The work keys of every job still to run or running in the given queues. */
  private async liveWork(queues: ReadonlySet<QueueName>): Promise<Set<string>> {
    const keys = new Set<string>();
    for (const name of queues) {
      for (const job of await this.jobs.queue(name).getJobs(LIVE_STATES)) {
        const key = job ? jobWorkKey(name, job.name, job.data) : null;
        if (key) keys.add(key);
      }
    }
    return keys;
  }

  private async enqueue(job: AnyJob, key: string): Promise<void> {
    // AnyJob only holds (queue, name, payload) triples of the job map; TypeScript cannot pair a union's members itself.
    const enqueue = this.jobs.enqueue.bind(this.jobs) as (q: QueueName, n: string, p: unknown, k: string) => Promise<void>;
    await enqueue(job.queue, job.name, job.payload, key);
  }
}
