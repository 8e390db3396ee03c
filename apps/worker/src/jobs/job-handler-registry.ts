import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { JOB_NAMES, type QueueName, QUEUE_NAMES } from '@cloister/domain';
import { ON_JOB, type OnJobTarget } from './on-job.decorator';

/** A registered handler; the processor hands it only a payload that passed the job map's check (payloadProblem). */
export type JobHandler = (payload: unknown, context: JobContext) => Promise<unknown>;

export interface JobContext {
  readonly jobId: string;
  readonly attempt: number;
  readonly idempotencyKey: string;
  /** No retry follows if this attempt fails: the handler should record a lasting failure. */
  readonly finalAttempt: boolean;
  updateProgress(progress: number | Record<string, unknown>): Promise<void>;
}

/** Thrown at boot when the job map and the handlers disagree; the worker must not start half-able. */
export class JobHandlerMismatchError extends Error {}

/**
 * Finds every `@OnJob` method at boot and checks it against the domain's job map: a job type with no handler, two
 * handlers, or a handler for an unknown job stops the worker before it takes any work.
 */
@Injectable()
export class JobHandlerRegistry implements OnModuleInit {
  private readonly handlers = new Map<string, JobHandler>();

  constructor(private readonly discovery: DiscoveryService, private readonly scanner: MetadataScanner, private readonly reflector: Reflector) {}

  onModuleInit(): void {
    const problems: string[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const proto = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const fn = instance[method];
        if (typeof fn !== 'function') continue;
        const target = this.reflector.get<OnJobTarget | undefined>(ON_JOB, fn as () => unknown);
        if (!target) continue;
        const key = `${target.queue}/${target.name}`;
        if (!(JOB_NAMES[target.queue] as readonly string[] | undefined)?.includes(target.name)) problems.push(`${key}: handler for a job the job map does not define`);
        else if (this.handlers.has(key)) problems.push(`${key}: more than one handler`);
        else this.handlers.set(key, (fn as JobHandler).bind(instance));
      }
    }
    for (const queue of QUEUE_NAMES) {
      for (const name of JOB_NAMES[queue]) if (!this.handlers.has(`${queue}/${name}`)) problems.push(`${queue}/${name}: no handler`);
    }
    if (problems.length) throw new JobHandlerMismatchError(`worker refuses to start:\n  ${problems.join('\n  ')}`);
  }

  handlerFor(queue: QueueName, name: string): JobHandler | undefined {
    return this.handlers.get(`${queue}/${name}`);
  }
}
