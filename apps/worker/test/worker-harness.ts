import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BullJobQueue, createLogger, createRedisConnection } from '@cloister/adapters';
import { loadWorkerConfig } from '@cloister/config';
import { freePort, type LocalStack, startLocalStack } from '@cloister/local-stack';
import { createDatabase, type Db, seedDemoData } from '@cloister/persistence';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Redis } from 'ioredis';
import { closeWorkerApp, createWorkerApp } from '../src/create-worker';

export interface WorkerHarness {
  readonly stack: LocalStack;
  readonly worker: NestExpressApplication;
  readonly db: Db;
  readonly redis: Redis;
  readonly jobs: BullJobQueue;
  /** The seeded demo project. */
  readonly projectId: string;
  close(): Promise<void>;
}

/** A real worker app in this process over the local stack (PGlite, Redis, Azurite), with the demo data seeded. */
export async function startWorkerHarness(name: string, env: Record<string, string> = {}): Promise<WorkerHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), `cloister-${name}-`));
  const workerPort = await freePort();
  const stack = await startLocalStack({ dataDir, ephemeral: true, apiPort: await freePort(), idpPort: await freePort(), workerPort });
  const worker = await createWorkerApp(loadWorkerConfig(stack.workerEnv({ LOG_LEVEL: 'silent', ...env })), createLogger('silent', `${name}-test`));
  await worker.listen(workerPort, '127.0.0.1');
  const db = createDatabase(stack.databaseUrl, 2);
  const { projectId } = await seedDemoData(db);
  const redis = createRedisConnection(stack.redisUrl);
  const jobs = new BullJobQueue(redis);
  return {
    stack, worker, db, redis, jobs, projectId,
    async close() {
      await jobs.close();
      redis.disconnect();
      await db.destroy();
      await closeWorkerApp(worker);
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
