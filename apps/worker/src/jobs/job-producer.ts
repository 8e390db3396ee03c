import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { BullJobQueue } from '@cloister/adapters';
import type { Redis } from 'ioredis';
import { REDIS } from '../core-tokens';

/**
 * The worker's own producer side (sweeps enqueue workspace jobs, state changes enqueue notification deliveries, the
 * reconciler re-enqueues lost work): one set of queue clients for the whole process, closed with the app.
 */
@Injectable()
export class JobProducer implements OnModuleDestroy {
  readonly queue: BullJobQueue;

  constructor(@Inject(REDIS) redis: Redis) {
    this.queue = new BullJobQueue(redis);
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close();
  }
}
