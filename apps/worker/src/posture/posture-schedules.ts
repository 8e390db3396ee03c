import { getQueueToken } from '@nestjs/bullmq';
import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';

/**
 * Azure Policy re-evaluates on resource changes and about once a day, so reading every 30 minutes keeps the posture
 * view current without load; the first tick runs at boot.
 */
export const POSTURE_SWEEP_EVERY_MS = 30 * 60_000;

/** Registers the posture sweep as a BullMQ job scheduler: one job per tick however many worker replicas run. */
export class PostureSchedules implements OnApplicationBootstrap {
  constructor(@Inject(getQueueToken('maintenance')) private readonly maintenance: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.maintenance.upsertJobScheduler('posture-sweep', { every: POSTURE_SWEEP_EVERY_MS }, { name: 'posture-sweep', data: {} });
  }
}
