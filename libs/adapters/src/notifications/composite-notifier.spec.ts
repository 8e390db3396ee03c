import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NotificationDeliveriesRepository, NotificationsRepository, UsersRepository } from '@cloister/persistence';
import { createTestDatabase, type TestDatabase } from '@cloister/persistence/testing';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../observability/logger';
import { type RunningRedis, startRedisServer } from '../local/redis-server';
import { BullJobQueue, jobIdFor } from '../queue/bull-job-queue';
import { createRedisConnection } from '../queue/redis-connection';
import { createNotifier } from './notifier-wiring';
import { WebhookDeliveryError, WebhookSender } from './webhook-sender';

const settings = { SMTP_URL: 'smtp://127.0.0.1:1', MAIL_FROM: 'cloister@localhost', WEBHOOK_URL: 'http://127.0.0.1:1/hook', WEBHOOK_SECRET: 'a-secret-of-16+chars' };

describe('composite notifier', () => {
  let t: TestDatabase;
  let redisServer: RunningRedis;
  let redis: Redis;
  let jobs: BullJobQueue;
  let alice: string;
  let bob: string;
  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    redisServer = await startRedisServer();
    redis = createRedisConnection(redisServer.url);
    jobs = new BullJobQueue(redis);
    const users = new UsersRepository(t.db);
    alice = (await users.ensureByEmail('alice@example.org', 'Alice')).id;
    bob = (await users.ensureByEmail('bob@example.org', 'Bob')).id;
  });
  afterAll(async () => {
    await jobs.close().catch(() => undefined);
    redis.disconnect();
    await redisServer.stop();
    await t.close();
  });

  const notifierWith = (queue: BullJobQueue) => createNotifier(settings, {
    store: new NotificationsRepository(t.db), log: new NotificationDeliveriesRepository(t.db), jobs: queue, logger: createLogger('silent', 'test'),
  });

  it('stores in-app rows and queues one email per recipient and one webhook call, once per idempotency key', async () => {
    const n = { recipients: [alice, bob], subject: 'Review', body: 'Please review', projectId: null, link: '/x', kind: 'export.in_review', idempotencyKey: 'k-1' };
    await notifierWith(jobs).send(n);
    await notifierWith(jobs).send(n);
    const inApp = new NotificationsRepository(t.db);
    expect((await inApp.listForUser(alice, { limit: 10, offset: 0, unreadOnly: false })).total).toBe(1);
    const deliveries = await new NotificationDeliveriesRepository(t.db).list({ limit: 10 });
    expect(deliveries.map((d) => d.channel).sort()).toEqual(['email', 'email', 'webhook']);
    const queue = jobs.queue('notifications');
    for (const d of deliveries) {
      const job = await queue.getJob(jobIdFor(`notify-${d.channel}:${d.id}`));
      expect(job?.name).toBe(d.channel === 'email' ? 'send-email' : 'deliver-webhook');
      expect(job?.data).toMatchObject({ deliveryId: d.id });
    }
    expect(await queue.count()).toBe(3);
  });

  it('keeps the in-app row and returns normally when the queue is down, recording why nothing went out', async () => {
    const deadRedis = createRedisConnection(redisServer.url);
    const deadJobs = new BullJobQueue(deadRedis);
    await deadJobs.close();
    deadRedis.disconnect();
    await expect(notifierWith(deadJobs).send({ recipients: [bob], subject: 'Queue down', body: 'b', projectId: null, link: null, kind: 'k.down' })).resolves.toBeUndefined();
    const page = await new NotificationsRepository(t.db).listForUser(bob, { limit: 10, offset: 0, unreadOnly: false });
    expect(page.items.map((i) => i.subject)).toContain('Queue down');
    const failed = (await new NotificationDeliveriesRepository(t.db).list({ limit: 10 })).filter((d) => d.kind === 'k.down');
    expect(failed.map((d) => d.channel).sort()).toEqual(['email', 'webhook']);
    expect(failed.every((d) => d.status === 'failed' && d.lastError?.startsWith('could not be queued'))).toBe(true);
  });

  it('refuses a webhook URL without a signing secret', () => {
    expect(() => createNotifier({ ...settings, WEBHOOK_SECRET: undefined }, {
      store: new NotificationsRepository(t.db), log: new NotificationDeliveriesRepository(t.db), jobs, logger: createLogger('silent', 'test'),
    })).toThrow(/WEBHOOK_SECRET/);
  });
});

describe('webhook sender', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    // Never answers: the sender must give up on its own.
    server = createServer(() => undefined);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('fails a call the receiver does not answer within the timeout', async () => {
    const sender = new WebhookSender({ url, secret: 'a-secret-of-16+chars', timeoutMs: 300 });
    const err = await sender.post('d-1', 'k', [{ a: 1 }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WebhookDeliveryError);
    expect((err as Error).message).toBe('webhook not delivered: no answer within 300 ms');
  });
});
