import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import type { ObjectStoragePort } from '@cloister/domain';
import type { Db } from '@cloister/persistence';
import type { Response } from 'express';
import type { Redis } from 'ioredis';
import { sql } from 'kysely';
import { DATABASE, REDIS, SHARED_SECURE_STORAGE } from '../core-tokens';
import { JobMetrics } from '../jobs/job-metrics';

/** The worker's only HTTP surface: liveness of its dependencies and job metrics, bound to loopback by default. */
@Controller()
export class WorkerHealthController {
  constructor(
    @Inject(DATABASE) private readonly db: Db,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(SHARED_SECURE_STORAGE) private readonly secure: ObjectStoragePort | null,
    private readonly metrics: JobMetrics,
  ) {}

  @Get('health')
  async health(@Res({ passthrough: true }) res: Response) {
    const run = async (fn: () => Promise<unknown>) => {
      try { await fn(); return { ok: true }; } catch (e) { return { ok: false, error: e instanceof Error ? e.message : String(e) }; }
    };
    const secure = this.secure;
    // Azure mode has no single secure account to probe (each project has its own, reached when a job needs it).
    const [database, redis, secureStorage] = await Promise.all([
      run(() => sql`select 1`.execute(this.db)), run(() => this.redis.ping()), secure ? run(() => secure.ping()) : Promise.resolve(null),
    ]);
    const ok = database.ok && redis.ok && (secureStorage?.ok ?? true);
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'degraded', checks: { database, redis, ...(secureStorage && { secureStorage }) } };
  }

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4')
  metricsText(): string {
    return this.metrics.render();
  }
}
