import { createHash, randomUUID } from 'node:crypto';
import { AUDIT_GENESIS_HASH, auditHashMaterial, type AuditEvent, type AuditEventInput } from '@cloister/domain';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../schema';
import { inTexts, inUuids } from './id-list';

// Serialises appends across every process and connection so the chain never forks.
const AUDIT_CHAIN_LOCK_KEY = 4_242_002;

export type Executor = Kysely<Database> | Transaction<Database>;

export interface AuditQuery {
  readonly projectId?: string;
  readonly projectIds?: readonly string[];
  /** Events about any of these targets (a request and its files, say). */
  readonly targetIds?: readonly string[];
  readonly actorId?: string;
  readonly action?: string;
  readonly from?: Date;
  readonly to?: Date;
  readonly afterSeq?: number;
  readonly limit: number;
}

export interface ChainVerification {
  readonly ok: boolean;
  readonly checked: number;
  readonly firstBrokenId: string | null;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function toEvent(row: {
  id: string; seq: string; occurred_at: Date; actor_id: string | null; actor_email: string | null; action: string; target_type: string;
  target_id: string | null; project_id: string | null; request_id: string | null; source_ip: string | null; details: Record<string, unknown>; prev_hash: string; hash: string;
}): AuditEvent {
  return {
    id: row.id, seq: Number(row.seq), occurredAt: row.occurred_at.toISOString(), actorId: row.actor_id, actorEmail: row.actor_email,
    action: row.action, targetType: row.target_type, targetId: row.target_id, projectId: row.project_id, requestId: row.request_id,
    sourceIp: row.source_ip, details: row.details, prevHash: row.prev_hash, hash: row.hash,
  };
}

/** The append-only, hash-chained audit trail. Appends must run inside the transaction of the change they record. */
export class AuditRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Appends inside `trx` (the caller's transaction), so the event commits or rolls back with the change. */
  async append(trx: Transaction<Database>, input: AuditEventInput): Promise<AuditEvent> {
    await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`.execute(trx);
    const head = await trx.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const unhashed = {
      ...input,
      id: randomUUID(),
      seq: head ? Number(head.seq) + 1 : 1,
      occurredAt: new Date().toISOString(),
      prevHash: head?.hash ?? AUDIT_GENESIS_HASH,
    };
    const event: AuditEvent = { ...unhashed, hash: sha256(auditHashMaterial(unhashed)) };
    await trx
      .insertInto('audit_events')
      .values({
        id: event.id, seq: String(event.seq), occurred_at: event.occurredAt, actor_id: event.actorId, actor_email: event.actorEmail,
        action: event.action, target_type: event.targetType, target_id: event.targetId, project_id: event.projectId,
        request_id: event.requestId, source_ip: event.sourceIp, details: JSON.stringify(event.details), prev_hash: event.prevHash, hash: event.hash,
      })
      .execute();
    return event;
  }

  /** Appends in a transaction of its own, for events that record a read rather than a change. */
  async appendStandalone(input: AuditEventInput): Promise<AuditEvent> {
    return this.db.transaction().execute((trx) => this.append(trx, input));
  }

  /** How many events of these actions a project has (inside the caller's transaction). */
  async count(ex: Executor, projectId: string, actions: readonly string[]): Promise<number> {
    const r = await ex.selectFrom('audit_events').select((eb) => eb.fn.countAll<string>().as('n'))
      .where('project_id', '=', projectId).where('action', 'in', [...actions]).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** The most recent of these actions recorded for a project (inside the caller's transaction), or null. */
  async latestAction(ex: Executor, projectId: string, actions: readonly string[]): Promise<string | null> {
    const r = await ex.selectFrom('audit_events').select('action')
      .where('project_id', '=', projectId).where('action', 'in', [...actions]).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    return r?.action ?? null;
  }

  async list(q: AuditQuery): Promise<AuditEvent[]> {
    let query = this.db.selectFrom('audit_events').selectAll().orderBy('seq', 'asc').limit(q.limit);
    if (q.projectId) query = query.where('project_id', '=', q.projectId);
    if (q.projectIds) query = q.projectIds.length ? query.where(inUuids('project_id', [...new Set(q.projectIds)])) : query.where(sql<boolean>`false`);
    if (q.targetIds) query = q.targetIds.length ? query.where(inTexts('target_id', [...new Set(q.targetIds)])) : query.where(sql<boolean>`false`);
    if (q.actorId) query = query.where('actor_id', '=', q.actorId);
    if (q.action) query = query.where('action', '=', q.action);
    if (q.from) query = query.where('occurred_at', '>=', q.from);
    if (q.to) query = query.where('occurred_at', '<', q.to);
    if (q.afterSeq !== undefined) query = query.where('seq', '>', String(q.afterSeq));
    return (await query.execute()).map(toEvent);
  }

  /** Pages through matching events without holding them all in memory. */
  async *stream(q: Omit<AuditQuery, 'limit' | 'afterSeq'>, pageSize = 500): AsyncGenerator<AuditEvent> {
    let afterSeq = 0;
    for (;;) {
      const page = await this.list({ ...q, afterSeq, limit: pageSize });
      yield* page;
      if (page.length < pageSize) return;
      afterSeq = page[page.length - 1]!.seq;
    }
  }

  /** Recomputes every hash and link; reports the first event whose content or position no longer matches. */
  async verify(pageSize = 1000): Promise<ChainVerification> {
    let prevHash = AUDIT_GENESIS_HASH;
    let expectedSeq = 1;
    let checked = 0;
    for await (const event of this.stream({}, pageSize)) {
      const { hash, ...unhashed } = event;
      const intact = event.seq === expectedSeq && event.prevHash === prevHash && sha256(auditHashMaterial(unhashed)) === hash;
      if (!intact) return { ok: false, checked: checked + 1, firstBrokenId: event.id };
      checked += 1;
      expectedSeq += 1;
      prevHash = hash;
    }
    return { ok: true, checked, firstBrokenId: null };
  }
}
