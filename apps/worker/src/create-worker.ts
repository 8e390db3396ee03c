import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import { PinoNestLogger } from '@cloister/adapters';
import type { WorkerEnv } from '@cloister/config';
import { type Db, migrate } from '@cloister/persistence';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { DATABASE, REDIS } from './core-tokens';
import { WorkerModule } from './worker.module';

/** Builds the worker: migrations first, then processors start taking jobs when the app initialises. */
export async function createWorkerApp(config: WorkerEnv, logger: Logger): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(WorkerModule.forRoot(config), {
    logger: new PinoNestLogger(logger), abortOnError: false,
    // No body parsing: the secure gateway streams request bodies (staged outputs) straight into storage.
    bodyParser: false,
  });
  // req.ip is the caller as the trusted proxies in front report it (the gateway's audit events record it).
  app.set('trust proxy', config.TRUSTED_PROXIES);
  await migrate(app.get<Db>(DATABASE));
  app.enableShutdownHooks();
  return app;
}

export async function closeWorkerApp(app: NestExpressApplication): Promise<void> {
  const db = app.get<Db>(DATABASE);
  const redis = app.get<Redis>(REDIS);
  await app.close();
  await db.destroy();
  redis.disconnect();
}
