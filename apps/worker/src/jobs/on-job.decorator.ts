import { SetMetadata } from '@nestjs/common';
import type { JobName, QueueName } from '@cloister/domain';

export const ON_JOB = 'cloister:on-job';

export interface OnJobTarget {
  readonly queue: QueueName;
  readonly name: string;
}

/** Marks a method as the handler of one job type; the registry finds it at boot. */
export const OnJob = <Q extends QueueName>(queue: Q, name: JobName<Q>) => SetMetadata(ON_JOB, { queue, name } satisfies OnJobTarget);
