import { Redis, type RedisOptions } from 'ioredis';

/** BullMQ needs `maxRetriesPerRequest: null` on connections used by workers and blocking commands. */
export function createRedisConnection(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false, ...extra });
}
