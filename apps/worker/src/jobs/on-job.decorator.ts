import { SetMetadata } from '@nestjs/common';
import type { JobName, JobPayload, QueueName } from '@cloister/domain';
import type { JobContext } from './job-handler-registry';

export const ON_JOB = 'cloister:on-job';

export interface OnJobTarget {
  readonly queue: QueueName;
  readonly name: string;
}

/** What a handler of (queue, name) must accept: the job map's payload for it (checked before it runs) and the context. */
export type JobHandlerMethod<Q extends QueueName, N extends JobName<Q>> = (payload: JobPayload<Q, N>, context: JobContext) => Promise<unknown>;

/**
 * Marks a method as the handler of one job type; the registry finds it at boot. The descriptor's type makes the
 * method take that job's payload type, so a handler reads `payload.requestId`, not `String(payload['requestId'])`.
 */
export function OnJob<Q extends QueueName, N extends JobName<Q>>(queue: Q, name: N) {
  // Generic in the method's own type: a descriptor's type is invariant, and a handler may return something narrower.
  return <M extends JobHandlerMethod<Q, N>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<M>): void => {
    SetMetadata(ON_JOB, { queue, name } satisfies OnJobTarget)(target, key, descriptor);
  };
}
