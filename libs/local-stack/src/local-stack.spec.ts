import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobObjectStorage, BullJobQueue, createRedisConnection, type RunningRedis, startRedisServer } from '@cloister/adapters';
import { createDatabase, DEMO_PROJECT, ProjectsRepository } from '@cloister/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type LocalStack, startLocalStack } from './local-stack';

/** What `npm start` does with a data dir: the real embedded stack, file-backed, started and stopped twice. */
describe('local stack on a persistent data dir', () => {
  let dataDir: string;
  let ports: { apiPort: number; idpPort: number; workerPort: number };
  // Nothing listens here, so the stack has to start its own redis-server.
  let silentRedisUrl: string;
  let stack: LocalStack | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cloister-stack-'));
    ports = { apiPort: await freePort(), idpPort: await freePort(), workerPort: await freePort() };
    silentRedisUrl = `redis://127.0.0.1:${await freePort()}`;
  });
  afterAll(async () => {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const publicStorage = (s: LocalStack) => {
    const env = s.apiEnv();
    return new BlobObjectStorage({ account: 'public', blobUrl: env['PUBLIC_STORAGE_BLOB_URL']!, accountName: 'public', accountKey: env['PUBLIC_STORAGE_KEY']! });
  };

  it('seeds a new data dir, and starts Redis with an append-only file under it when nothing answers at the URL', async () => {
    stack = await startLocalStack({ dataDir, ...ports, redisUrl: silentRedisUrl });
    expect(stack.seeded).toBe(true);
    expect(stack.demoProjectId).toEqual(expect.any(String));
    expect(stack.redisStarted).toBe(true);
    expect(stack.redisUrl).not.toBe(silentRedisUrl);

    const redis = createRedisConnection(stack.redisUrl);
    expect(await redis.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
    expect(await redis.config('GET', 'dir')).toEqual(['dir', join(dataDir, 'redis')]);
    const jobs = new BullJobQueue(redis);
    await jobs.enqueue('maintenance', 'heartbeat', { at: 'before restart' }, 'stack-restart-test');
    await jobs.close();
    redis.disconnect();

    const storage = publicStorage(stack);
    await storage.ensureContainer('restart-test');
    await storage.write('restart-test', 'kept.txt', Buffer.from('still here'));

    const db = createDatabase(stack.databaseUrl, 1);
    // A renamed demo project must not come back on the next start: seeding is for new data dirs only.
    try {
      await new ProjectsRepository(db).update(stack.demoProjectId!, { name: 'Renamed study' }, db);
    } finally {
      await db.destroy();
      await stack.stop();
      stack = undefined;
    }
  });

  it('reuses the data on a second start: no new seed, the same rows, queued jobs and blobs', async () => {
    stack = await startLocalStack({ dataDir, ...ports, redisUrl: silentRedisUrl });
    expect(stack.seeded).toBe(false);
    expect(stack.demoProjectId).toBeNull();

    const db = createDatabase(stack.databaseUrl, 1);
    try {
      const projects = new ProjectsRepository(db);
      expect(await projects.findByName(DEMO_PROJECT.name)).toBeNull();
      expect(await projects.findByName('Renamed study')).not.toBeNull();
      const users = await db.selectFrom('users').select('email').execute();
      expect(users).toHaveLength(7);
      const seedEvents = await db.selectFrom('audit_events').select('id').where('action', '=', 'platform.demo_data_seeded').execute();
      expect(seedEvents).toHaveLength(1);
    } finally {
      await db.destroy();
    }

    const redis = createRedisConnection(stack.redisUrl);
    const jobs = new BullJobQueue(redis);
    const job = await jobs.queue('maintenance').getJob('stack-restart-test');
    expect(job?.data).toMatchObject({ at: 'before restart', idempotencyKey: 'stack-restart-test' });
    await jobs.close();
    redis.disconnect();

    const body = await publicStorage(stack).openRead('restart-test', 'kept.txt');
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(Buffer.from(chunk as Buffer));
    expect(Buffer.concat(chunks).toString()).toBe('still here');
  });
});

describe('local stack with a Redis that answers', () => {
  let redis: RunningRedis;
  let dataDir: string;
  beforeAll(async () => {
    redis = await startRedisServer();
    dataDir = mkdtempSync(join(tmpdir(), 'cloister-stack-'));
  });
  afterAll(async () => {
    await redis.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('uses it and starts no redis-server of its own; the API gets only the public account key, which opens nothing else', async () => {
    const stack = await startLocalStack({ dataDir, ephemeral: true, apiPort: await freePort(), idpPort: await freePort(), workerPort: await freePort(), redisUrl: redis.url });
    try {
      expect(stack.redisUrl).toBe(redis.url);
      expect(stack.redisStarted).toBe(false);

      const api = stack.apiEnv();
      const worker = stack.workerEnv();
      expect(Object.keys(api).filter((k) => k.startsWith('SECURE_STORAGE'))).toEqual([]);
      expect(worker['SECURE_STORAGE_KEY']).toEqual(expect.any(String));
      expect(worker['SECURE_STORAGE_KEY']).not.toBe(api['PUBLIC_STORAGE_KEY']);
      // Two real Azurite accounts: each key opens its own account and is refused by the other.
      const account = (name: 'public' | 'secure', key: string) =>
        new BlobObjectStorage({ account: name, blobUrl: `${stack.blobEndpoint}/${name}`, accountName: name, accountKey: key });
      await account('public', api['PUBLIC_STORAGE_KEY']!).ping();
      await account('secure', worker['SECURE_STORAGE_KEY']!).ping();
      await expect(account('secure', api['PUBLIC_STORAGE_KEY']!).ping()).rejects.toThrow();
    } finally {
      await stack.stop();
    }
  });
});
