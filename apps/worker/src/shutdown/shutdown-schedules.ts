import { getQueueToken } from '@nestjs/bullmq';
import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';

/** How often each sweep runs. The schedule sweep runs every minute so a 19:00 stop happens at 19:00. */
export const SWEEP_EVERY_MS = { schedule: 60_000, idle: 5 * 60_000, budget: 5 * 60_000 } as const;

/**
 * Registers the shutdown sweeps as BullMQ job schedulers: upserting is idempotent, and the scheduler produces one
 * job per tick in Redis, so however many worker replicas run, each tick is processed once.
 */
export class ShutdownSchedules implements OnApplicationBootstrap {
  constructor(@Inject(getQueueToken('shutdown')) private readonly shutdown: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.shutdown.upsertJobScheduler('schedule-sweep', { every: SWEEP_EVERY_MS.schedule }, { name: 'schedule-sweep', data: {} });
    await this.shutdown.upsertJobScheduler('idle-sweep', { every: SWEEP_EVERY_MS.idle }, { name: 'idle-sweep', data: {} });
    await this.shutdown.upsertJobScheduler('budget-sweep', { every: SWEEP_EVERY_MS.budget }, { name: 'budget-sweep', data: {} });
  }
}
