import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { BullJobQueue } from '@cloister/adapters';
import type { Redis } from 'ioredis';
import { REDIS } from '../core-tokens';

/** The sweeps' producer side: they enqueue workspace jobs, each under its due-action idempotency key. */
@Injectable()
export class WorkspaceJobProducer implements OnModuleDestroy {
  readonly queue: BullJobQueue;

  constructor(@Inject(REDIS) redis: Redis) {
    this.queue = new BullJobQueue(redis);
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close();
  }
}
