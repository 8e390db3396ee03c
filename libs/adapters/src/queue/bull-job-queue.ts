import type { JobName, JobPayload, JobQueuePort, QueueName } from '@cloister/domain';
import { QUEUE_NAMES } from '@cloister/domain';
import { type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';

/** Retried with exponential backoff; finished jobs are kept a while for Bull Board and debugging. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 5000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/** BullMQ job ids may not contain ':'; idempotency keys are free text, so they are encoded. */
export const jobIdFor = (idempotencyKey: string) => idempotencyKey.replace(/:/g, '~');

/** The producer side of every queue. The idempotency key becomes the job id, so a duplicate enqueue is a no-op. */
export class BullJobQueue implements JobQueuePort {
  private readonly queues: Map<QueueName, Queue>;

  constructor(connection: Redis, prefix = 'cloister') {
    this.queues = new Map(QUEUE_NAMES.map((q) => [q, new Queue(q, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS })]));
  }

  async enqueue<Q extends QueueName, N extends JobName<Q>>(queue: Q, name: N, payload: JobPayload<Q, N>, idempotencyKey: string): Promise<void> {
    await this.queue(queue).add(name, { ...payload, idempotencyKey }, { jobId: jobIdFor(idempotencyKey) });
  }

  queue(name: QueueName): Queue {
    const q = this.queues.get(name);
    if (!q) throw new Error(`unknown queue ${name}`);
    return q;
  }

  all(): Queue[] {
    return [...this.queues.values()];
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
