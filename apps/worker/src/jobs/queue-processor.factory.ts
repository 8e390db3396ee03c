import { Inject, Logger, type Type } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { withSpan } from '@cloister/adapters';
import { SpanKind } from '@opentelemetry/api';
import { payloadProblem, type QueueName } from '@cloister/domain';
import { type Job, UnrecoverableError } from 'bullmq';
import { JobHandlerRegistry } from './job-handler-registry';
import { JobMetrics } from './job-metrics';

/**
 * One BullMQ processor per queue, dispatching by job name to the handler the registry found. Handlers must be
 * idempotent: a job is retried with backoff, and a worker killed mid-job runs it again from the start.
 */
export function createQueueProcessor(queue: QueueName, concurrency: number, lockDurationMs: number): Type<WorkerHost> {
  // A job whose worker was killed is taken up again after its lock expires; it may stall a few times before failing.
  @Processor(queue, { concurrency, lockDuration: lockDurationMs, stalledInterval: lockDurationMs, maxStalledCount: 10 })
  class QueueProcessor extends WorkerHost {
    private readonly logger = new Logger(`queue:${queue}`);

    constructor(@Inject(JobHandlerRegistry) private readonly registry: JobHandlerRegistry, @Inject(JobMetrics) private readonly metrics: JobMetrics) {
      super();
    }

    async process(job: Job<unknown>): Promise<unknown> {
      const handler = this.registry.handlerFor(queue, job.name);
      if (!handler) throw new UnrecoverableError(`no handler for ${queue}/${job.name}`);
      const started = performance.now();
      try {
        // Data from Redis is untyped (an older version's job, a hand-made one): it fails for good, naming the field,
        // rather than running, or being retried, with "undefined" for an id.
        const problem = payloadProblem(queue, job.name, job.data);
        if (problem) throw new UnrecoverableError(`${queue}/${job.name} payload refused: ${problem}`);
        const { idempotencyKey: key } = job.data as { idempotencyKey?: unknown };
        const idempotencyKey = typeof key === 'string' ? key : job.id ?? '';
        const attributes = { 'messaging.destination.name': queue, 'cloister.job.name': job.name, 'cloister.job.id': job.id ?? '', 'cloister.job.attempt': job.attemptsMade + 1 };
        const result = await withSpan(`job ${queue}/${job.name}`, { kind: SpanKind.CONSUMER, attributes }, () => handler(job.data, {
          jobId: job.id ?? '', attempt: job.attemptsMade + 1, idempotencyKey,
          finalAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
          updateProgress: (p) => job.updateProgress(p),
        }));
        this.metrics.record(queue, job.name, 'completed', performance.now() - started);
        return result;
      } catch (e) {
        this.metrics.record(queue, job.name, 'failed', performance.now() - started);
        this.logger.warn(`${job.name} ${job.id} attempt ${job.attemptsMade + 1} failed: ${e instanceof Error ? e.message : String(e)}`);
        throw e;
      }
    }
  }
  Object.defineProperty(QueueProcessor, 'name', { value: `${queue.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())}QueueProcessor` });
  return QueueProcessor;
}
