import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { type DynamicModule, Inject, Module, type OnApplicationBootstrap, type Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BlobObjectStorage, createRedisConnection, DEFAULT_JOB_OPTIONS } from '@cloister/adapters';
import type { WorkerEnv } from '@cloister/config';
import { QUEUE_NAMES } from '@cloister/domain';
import { createDatabase } from '@cloister/persistence';
import type { Queue } from 'bullmq';
import { DATABASE, PUBLIC_STORAGE, REDIS, SECURE_STORAGE, WORKER_CONFIG } from './core-tokens';
import { WorkerHealthController } from './health/worker-health.controller';
import { JobHandlerRegistry } from './jobs/job-handler-registry';
import { JobMetrics } from './jobs/job-metrics';
import { createQueueProcessor } from './jobs/queue-processor.factory';
import { MaintenanceHandlers } from './maintenance/maintenance.handlers';
import { ProvisioningHandlers } from './provisioning/provisioning.handlers';

function redisConnection(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname, port: Number(u.port || 6379), ...(u.password && { password: decodeURIComponent(u.password) }),
    ...(u.username && { username: decodeURIComponent(u.username) }), ...(u.protocol === 'rediss:' && { tls: {} }), maxRetriesPerRequest: null,
  };
}

/** Registers the recurring sweeps once; BullMQ job schedulers make each tick run once across all replicas. */
class Schedules implements OnApplicationBootstrap {
  constructor(@Inject(getQueueToken('maintenance')) private readonly maintenance: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.maintenance.upsertJobScheduler('heartbeat', { every: 60_000 }, { name: 'heartbeat', data: { at: 'scheduled' } });
    await this.maintenance.upsertJobScheduler('audit-verify', { pattern: '17 3 * * *', tz: 'UTC' }, { name: 'audit-verify', data: {} });
  }
}

@Module({})
export class WorkerModule {
  static forRoot(config: WorkerEnv): DynamicModule {
    const providers: Provider[] = [
      { provide: WORKER_CONFIG, useValue: config },
      { provide: DATABASE, useFactory: () => createDatabase(config.DATABASE_URL, config.DATABASE_POOL_SIZE) },
      { provide: REDIS, useFactory: () => createRedisConnection(config.REDIS_URL) },
      {
        provide: SECURE_STORAGE,
        useFactory: () => new BlobObjectStorage({ account: 'secure', blobUrl: config.SECURE_STORAGE_BLOB_URL, accountName: config.SECURE_STORAGE_ACCOUNT, ...(config.SECURE_STORAGE_KEY && { accountKey: config.SECURE_STORAGE_KEY }) }),
      },
      {
        provide: PUBLIC_STORAGE,
        useFactory: () => new BlobObjectStorage({ account: 'public', blobUrl: config.PUBLIC_STORAGE_BLOB_URL, accountName: config.PUBLIC_STORAGE_ACCOUNT, ...(config.PUBLIC_STORAGE_KEY && { accountKey: config.PUBLIC_STORAGE_KEY }) }),
      },
      JobMetrics,
      JobHandlerRegistry,
      ProvisioningHandlers,
      MaintenanceHandlers,
      Schedules,
      ...QUEUE_NAMES.map((q) => createQueueProcessor(q, config.WORKER_CONCURRENCY)),
    ];
    return {
      module: WorkerModule,
      imports: [
        DiscoveryModule,
        BullModule.forRoot({ connection: redisConnection(config.REDIS_URL), prefix: 'cloister', defaultJobOptions: DEFAULT_JOB_OPTIONS }),
        // Each queue is declared exactly once, from the domain's job map.
        ...QUEUE_NAMES.map((name) => BullModule.registerQueue({ name })),
      ],
      controllers: [WorkerHealthController],
      providers,
    };
  }
}
