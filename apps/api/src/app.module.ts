import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { BlobObjectStorage, BullJobQueue, createRedisConnection, SecureGatewayClient } from '@cloister/adapters';
import type { ApiConfig } from '@cloister/config';
import { DefaultAzureCredential } from '@azure/identity';
import { createAccessTokenVerifier } from '@cloister/local-idp';
import { AuditRepository, createDatabase, type Db, ProjectsRepository, UsersRepository } from '@cloister/persistence';
import type { Redis } from 'ioredis';
import { AccessGuard } from './auth/access.guard';
import { AuthenticationService } from './auth/authentication.service';
import { DevTokenController } from './auth/dev-token.controller';
import { AuditController } from './audit/audit.controller';
import { ClientConfigController } from './client-config/client-config.controller';
import { ACCESS_TOKEN_VERIFIER, API_CONFIG, DATABASE, JOB_QUEUE, PUBLIC_STORAGE, REDIS, SECURE_GATEWAY } from './core/tokens';
import { ExportsController, MyExportReviewsController } from './exports/exports.controller';
import { ExportsService } from './exports/exports.service';
import { HealthController } from './health/health.controller';
import { ValidationInterceptor } from './http/validation.interceptor';
import { MeController } from './me/me.controller';
import { ProjectMembersController } from './projects/project-members.controller';
import { ProjectsController } from './projects/projects.controller';
import { ProjectsService } from './projects/projects.service';
import { DatasetsController } from './datasets/datasets.controller';
import { EnvironmentsController } from './environments/environments.controller';
import { DatasetsService } from './datasets/datasets.service';
import { QueueBoardSessionController } from './queues/queue-board-session.controller';
import { ComputePolicyController } from './compute-policy/compute-policy.controller';
import { ComputePolicyService } from './compute-policy/compute-policy.service';
import { PostureController } from './posture/posture.controller';
import { PostureService } from './posture/posture.service';
import { MyWorkspacesController, WorkspacesController } from './workspaces/workspaces.controller';
import { WorkspacesService } from './workspaces/workspaces.service';
import { DevMailboxController } from './notifications/dev-mailbox.controller';
import { notificationProviders } from './notifications/notification.providers';
import { NotificationsController } from './notifications/notifications.controller';

/** The whole API. Built from an already-parsed config so tests can run it against their own services. */
@Module({})
export class AppModule {
  static forRoot(config: ApiConfig): DynamicModule {
    const providers: Provider[] = [
      { provide: API_CONFIG, useValue: config },
      { provide: DATABASE, useFactory: () => createDatabase(config.DATABASE_URL, config.DATABASE_POOL_SIZE, { mode: config.CLOISTER_MODE }) },
      { provide: REDIS, useFactory: () => createRedisConnection(config.REDIS_URL) },
      { provide: BullJobQueue, useFactory: (redis: Redis) => new BullJobQueue(redis), inject: [REDIS] },
      { provide: JOB_QUEUE, useExisting: BullJobQueue },
      AuthenticationService,
      {
        provide: PUBLIC_STORAGE,
        useFactory: () => new BlobObjectStorage({
          account: 'public', blobUrl: config.PUBLIC_STORAGE_BLOB_URL, accountName: config.PUBLIC_STORAGE_ACCOUNT,
          // Azure mode disables shared keys: the API's managed identity is used instead.
          ...(config.PUBLIC_STORAGE_KEY ? { accountKey: config.PUBLIC_STORAGE_KEY } : { credential: new DefaultAzureCredential() }),
        }),
      },
      {
        provide: ACCESS_TOKEN_VERIFIER,
        useFactory: () => createAccessTokenVerifier({ issuer: config.OIDC_ISSUER, audience: config.OIDC_AUDIENCE, ...(config.OIDC_JWKS_URI && { jwksUri: config.OIDC_JWKS_URI }) }),
      },
      { provide: UsersRepository, useFactory: (db: Db) => new UsersRepository(db), inject: [DATABASE] },
      { provide: ProjectsRepository, useFactory: (db: Db) => new ProjectsRepository(db), inject: [DATABASE] },
      { provide: AuditRepository, useFactory: (db: Db) => new AuditRepository(db), inject: [DATABASE] },
      ProjectsService,
      DatasetsService,
      WorkspacesService,
      ComputePolicyService,
      PostureService,
      ExportsService,
      { provide: SECURE_GATEWAY, useFactory: () => new SecureGatewayClient({ baseUrl: config.SECURE_GATEWAY_URL, secret: config.SECURE_GATEWAY_SECRET }) },
      ...notificationProviders(config),
      { provide: APP_GUARD, useClass: AccessGuard },
      { provide: APP_INTERCEPTOR, useClass: ValidationInterceptor },
    ];
    return {
      module: AppModule,
      controllers: [
        HealthController, ClientConfigController, MeController, ProjectsController, ProjectMembersController, AuditController, QueueBoardSessionController, DatasetsController, EnvironmentsController, ExportsController, MyExportReviewsController,
        WorkspacesController, MyWorkspacesController, ComputePolicyController, PostureController,
        // The dev token route does not exist at all unless local mode enabled it.
        ...(config.DEV_TOKEN_ENABLED ? [DevTokenController] : []),
        NotificationsController,
        // Only local mode catches mail in a dev mailbox.
        ...(config.CLOISTER_MODE === 'local' ? [DevMailboxController] : []),
      ],
      providers,
    };
  }
}
