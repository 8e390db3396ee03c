import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ObjectStoragePort } from '@cloister/domain';
import type { Db } from '@cloister/persistence';
import type { Response } from 'express';
import type { Redis } from 'ioredis';
import { sql } from 'kysely';
import { Public } from '../auth/route-policy.decorator';
import { DATABASE, PUBLIC_STORAGE, REDIS } from '../core/tokens';

type Check = { ok: boolean; latencyMs: number; error?: string };

async function check(fn: () => Promise<unknown>): Promise<Check> {
  const start = performance.now();
  try {
    await Promise.race([fn(), new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 3s')), 3000))]);
    return { ok: true, latencyMs: Math.round(performance.now() - start) };
  } catch (e) {
    return { ok: false, latencyMs: Math.round(performance.now() - start), error: e instanceof Error ? e.message : String(e) };
  }
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATABASE) private readonly db: Db,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(PUBLIC_STORAGE) private readonly storage: ObjectStoragePort,
  ) {}

  /** Reports each dependency; 503 when any is down so load balancers take the instance out. */
  @Get()
  @Public('probes and load balancers call it without credentials')
  async health(@Res({ passthrough: true }) res: Response) {
    const [database, redis, storage] = await Promise.all([
      check(() => sql`select 1`.execute(this.db)),
      check(() => this.redis.ping()),
      check(() => this.storage.ping()),
    ]);
    const ok = database.ok && redis.ok && storage.ok;
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'degraded', checks: { database, redis, storage } };
  }
}
