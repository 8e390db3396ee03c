import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import type { ObjectStoragePort } from '@cloister/domain';
import type { Db } from '@cloister/persistence';
import type { Response } from 'express';
import type { Redis } from 'ioredis';
import { sql } from 'kysely';
import { DATABASE, REDIS, SECURE_STORAGE } from '../core-tokens';
import { JobMetrics } from '../jobs/job-metrics';

/** The worker's only HTTP surface: liveness of its dependencies and job metrics, bound to loopback by default. */
@Controller()
export class WorkerHealthController {
  constructor(
    @Inject(DATABASE) private readonly db: Db,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(SECURE_STORAGE) private readonly secure: ObjectStoragePort,
    private readonly metrics: JobMetrics,
  ) {}

  @Get('health')
  async health(@Res({ passthrough: true }) res: Response) {
    const run = async (fn: () => Promise<unknown>) => {
      try { await fn(); return { ok: true }; } catch (e) { return { ok: false, error: e instanceof Error ? e.message : String(e) }; }
    };
    const [database, redis, secureStorage] = await Promise.all([run(() => sql`select 1`.execute(this.db)), run(() => this.redis.ping()), run(() => this.secure.ping())]);
    const ok = database.ok && redis.ok && secureStorage.ok;
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'degraded', checks: { database, redis, secureStorage } };
  }

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4')
  metricsText(): string {
    return this.metrics.render();
  }
}
