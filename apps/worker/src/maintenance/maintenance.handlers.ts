import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditRepository, type Db } from '@cloister/persistence';
import type { Redis } from 'ioredis';
import { DATABASE, REDIS } from '../core-tokens';
import { OnJob } from '../jobs/on-job.decorator';

export const HEARTBEAT_KEY = 'cloister:worker:heartbeat';

@Injectable()
export class MaintenanceHandlers {
  private readonly logger = new Logger('maintenance');

  constructor(@Inject(DATABASE) private readonly db: Db, @Inject(REDIS) private readonly redis: Redis) {}

  /** Proves a worker is taking jobs: the API's health report reads this key. */
  @OnJob('maintenance', 'heartbeat')
  async heartbeat(): Promise<void> {
    await this.redis.set(HEARTBEAT_KEY, new Date().toISOString(), 'EX', 600);
  }

  /** Recomputes the audit chain daily and records the result in the chain itself. */
  @OnJob('maintenance', 'audit-verify')
  async verifyAudit(): Promise<{ ok: boolean; checked: number }> {
    const audit = new AuditRepository(this.db);
    const result = await audit.verify();
    if (!result.ok) this.logger.error(`audit chain broken at ${result.firstBrokenId}`);
    await audit.appendStandalone({ actorId: null, actorEmail: null, action: 'audit.verified', targetType: 'audit_log', targetId: null, projectId: null, requestId: null, sourceIp: null, details: { ...result, scheduled: true } });
    return result;
  }
}
