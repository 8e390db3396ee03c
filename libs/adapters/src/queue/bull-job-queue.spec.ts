import { QUEUE_NAMES } from '@cloister/domain';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningRedis, startRedisServer } from '../local/redis-server';
import { BullJobQueue } from './bull-job-queue';
import { createRedisConnection } from './redis-connection';

describe('BullJobQueue', () => {
  let redis: RunningRedis;
  let connection: Redis;
  let jobs: BullJobQueue;
  beforeAll(async () => {
    redis = await startRedisServer();
    connection = createRedisConnection(redis.url);
    jobs = new BullJobQueue(connection);
  });
  afterAll(async () => {
    await jobs.close();
    connection.disconnect();
    await redis.stop();
  });

  it('declares each queue of the job map exactly once', () => {
    expect(jobs.all().map((q) => q.name)).toEqual([...QUEUE_NAMES]);
    expect(new Set(QUEUE_NAMES).size).toBe(QUEUE_NAMES.length);
  });

  it('keys every job by its idempotency key and retries it with exponential backoff', async () => {
    await jobs.enqueue('maintenance', 'heartbeat', { at: 'first' }, 'heartbeat:probe:1');
    await jobs.enqueue('maintenance', 'heartbeat', { at: 'second' }, 'heartbeat:probe:1');
    const queue = jobs.queue('maintenance');
    const waiting = await queue.getJobs(['waiting', 'delayed', 'prioritized']);
    expect(waiting).toHaveLength(1);
    const [job] = waiting;
    // The duplicate enqueue was a no-op: the first payload stands, and the key travels with it.
    expect(job?.data).toEqual({ at: 'first', idempotencyKey: 'heartbeat:probe:1' });
    expect(job?.id).toBe('heartbeat~probe~1');
    expect(job?.opts.attempts).toBeGreaterThan(1);
    expect(job?.opts.backoff).toEqual({ type: 'exponential', delay: expect.any(Number) });
  });
});
