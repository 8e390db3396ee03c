import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { type DynamicModule, Inject, Module, type OnApplicationBootstrap, type Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { type BlobObjectStorage, createRedisConnection, DEFAULT_JOB_OPTIONS } from '@cloister/adapters';
import type { WorkerEnv } from '@cloister/config';
import { type ObjectStoragePort, QUEUE_NAMES } from '@cloister/domain';
import { createDatabase, type Db } from '@cloister/persistence';
import { ModeAdapters } from './mode-adapters';
import type { Queue } from 'bullmq';
import {
  DATA_MOVER, DATABASE, ENVIRONMENT_PROVISIONER, MALWARE_SCANNER, PUBLIC_STORAGE, REDIS, SECURE_STORAGE_DIRECTORY, SHARED_SECURE_STORAGE, WORKER_CONFIG,
  WORKSPACE_CREDENTIAL_VAULT,
} from './core-tokens';
import { IngressHandlers } from './ingress/ingress.handlers';
import { ExportCheckHandlers } from './exports/export-check.handlers';
import { ReleaseHandlers } from './exports/release.handlers';
import { UnpublishHandlers } from './exports/unpublish.handlers';

import { WorkerHealthController } from './health/worker-health.controller';
import { AgentOutputsController } from './gateway/agent-outputs.controller';
import { SecureBlobsController } from './gateway/secure-blobs.controller';
import { StagedOutputsService } from './gateway/staged-outputs.service';
import { WorkspaceAuthenticator } from './gateway/workspace-authenticator';
import { WorkspaceCredentialIssuer } from './gateway/workspace-credential-issuer';
import { JobHandlerRegistry } from './jobs/job-handler-registry';
import { JobMetrics } from './jobs/job-metrics';
import { JobProducer } from './jobs/job-producer';
import { createQueueProcessor } from './jobs/queue-processor.factory';
import { MaintenanceHandlers } from './maintenance/maintenance.handlers';
import { LostJobsHandlers } from './reconcile/lost-jobs.handlers';
import { workspaceProviders } from './workspaces/workspace.providers';
import { notificationProviders } from './notifications/notification.providers';
import { postureProviders } from './posture/posture.providers';
import { PUBLIC_CONTAINERS, ProvisioningHandlers, SECURE_CONTAINERS } from './provisioning/provisioning.handlers';

function redisConnection(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname, port: Number(u.port || 6379), ...(u.password && { password: decodeURIComponent(u.password) }),
    ...(u.username && { username: decodeURIComponent(u.username) }), ...(u.protocol === 'rediss:' && { tls: {} }), maxRetriesPerRequest: null,
  };
}

/**
 * The containers every installation uses exist before any job runs (creating them is idempotent). In azure mode
 * each project's secure account gets its containers from the project template, so only the public ones are ensured.
 */
class StorageBootstrap implements OnApplicationBootstrap {
  constructor(@Inject(SHARED_SECURE_STORAGE) private readonly secure: ObjectStoragePort | null, @Inject(PUBLIC_STORAGE) private readonly pub: ObjectStoragePort) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.secure) for (const c of SECURE_CONTAINERS) await this.secure.ensureContainer(c);
    for (const c of PUBLIC_CONTAINERS) await this.pub.ensureContainer(c);
  }
}

/** Registers the recurring sweeps once; BullMQ job schedulers make each tick run once across all replicas. */
class Schedules implements OnApplicationBootstrap {
  constructor(@Inject(getQueueToken('maintenance')) private readonly maintenance: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.maintenance.upsertJobScheduler('heartbeat', { every: 60_000 }, { name: 'heartbeat', data: { at: 'scheduled' } });
    await this.maintenance.upsertJobScheduler('audit-verify', { pattern: '17 3 * * *', tz: 'UTC' }, { name: 'audit-verify', data: {} });
    await this.maintenance.upsertJobScheduler('expire-uploads', { every: 15 * 60_000 }, { name: 'expire-uploads', data: {} });
  }
}

@Module({})
export class WorkerModule {
  static forRoot(config: WorkerEnv): DynamicModule {
    const modes = new ModeAdapters(config);
    const providers: Provider[] = [
      { provide: WORKER_CONFIG, useValue: config },
      { provide: DATABASE, useFactory: () => createDatabase(config.DATABASE_URL, config.DATABASE_POOL_SIZE, { mode: config.CLOISTER_MODE }) },
      { provide: REDIS, useFactory: () => createRedisConnection(config.REDIS_URL) },
      { provide: SHARED_SECURE_STORAGE, useFactory: () => modes.sharedSecureStorage() },
      // Every write to a secure account goes through the seal check (Azure adds version-level immutability on top).
      { provide: SECURE_STORAGE_DIRECTORY, useFactory: (db: Db, shared: BlobObjectStorage | null) => modes.secureStorageDirectory(db, shared), inject: [DATABASE, SHARED_SECURE_STORAGE] },
      { provide: PUBLIC_STORAGE, useFactory: () => modes.publicStorage() },
      { provide: ENVIRONMENT_PROVISIONER, useFactory: (db: Db) => modes.provisioner(db), inject: [DATABASE] },
      { provide: MALWARE_SCANNER, useFactory: (pub: BlobObjectStorage) => modes.malwareScanner(pub), inject: [PUBLIC_STORAGE] },
      { provide: DATA_MOVER, useFactory: (db: Db, pub: BlobObjectStorage, shared: BlobObjectStorage | null) => modes.dataMover(db, pub, shared), inject: [DATABASE, PUBLIC_STORAGE, SHARED_SECURE_STORAGE] },
      JobMetrics,
      JobHandlerRegistry,
      JobProducer,
      ProvisioningHandlers,
      IngressHandlers,
      ExportCheckHandlers,
      ReleaseHandlers,
      UnpublishHandlers,
      MaintenanceHandlers,
      LostJobsHandlers,
      ...workspaceProviders(modes),
      ...notificationProviders(config, modes),
      ...postureProviders(modes),
      { provide: WORKSPACE_CREDENTIAL_VAULT, useFactory: (db: Db) => modes.workspaceCredentialVault(db), inject: [DATABASE] },
      WorkspaceCredentialIssuer,
      WorkspaceAuthenticator,
      StagedOutputsService,
      StorageBootstrap,
      Schedules,
      ...QUEUE_NAMES.map((q) => createQueueProcessor(q, config.WORKER_CONCURRENCY, config.WORKER_LOCK_DURATION_MS)),
    ];
    return {
      module: WorkerModule,
      imports: [
        DiscoveryModule,
        BullModule.forRoot({ connection: redisConnection(config.REDIS_URL), prefix: 'cloister', defaultJobOptions: DEFAULT_JOB_OPTIONS }),
        // Each queue is declared exactly once, from the domain's job map.
        ...QUEUE_NAMES.map((name) => BullModule.registerQueue({ name })),
      ],
      controllers: [WorkerHealthController, AgentOutputsController, SecureBlobsController],
      providers,
    };
  }
}
