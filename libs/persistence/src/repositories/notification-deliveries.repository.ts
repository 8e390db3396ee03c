import type { Kysely, Selectable } from 'kysely';
import type { Database, NotificationDeliveriesTable } from '../schema';
import { NotificationsRepository } from './notifications.repository';

export type DeliveryChannel = 'email' | 'webhook';
export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface NewDelivery {
  readonly channel: DeliveryChannel;
  /** Unique per delivery that must happen once, e.g. `email:<notification key>:<user id>`; null when the send had no key. */
  readonly dedupeKey: string | null;
  readonly userId: string | null;
  readonly kind: string;
  readonly projectId: string | null;
  readonly payload: unknown;
}

export interface DeliveryRecord {
  readonly id: string;
  readonly channel: DeliveryChannel;
  readonly userId: string | null;
  readonly kind: string;
  readonly projectId: string | null;
  readonly payload: unknown;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly deliveredAt: Date | null;
}

const toRecord = (r: Selectable<NotificationDeliveriesTable>): DeliveryRecord => ({
  id: r.id, channel: r.channel, userId: r.user_id, kind: r.kind, projectId: r.project_id, payload: r.payload, status: r.status,
  attempts: r.attempts, lastError: r.last_error, createdAt: r.created_at, deliveredAt: r.delivered_at,
});

/** The delivery log of the outgoing channels: what was to be sent, how often it was tried, and why it failed. */
export class NotificationDeliveriesRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Records a delivery to make; with a dedupe key already recorded, returns that one instead (`created: false`). */
  async create(d: NewDelivery): Promise<{ id: string; created: boolean }> {
    const inserted = await this.db.insertInto('notification_deliveries')
      .values({ channel: d.channel, dedupe_key: d.dedupeKey, user_id: d.userId, kind: d.kind, project_id: d.projectId, payload: JSON.stringify(d.payload) })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning('id').executeTakeFirst();
    if (inserted) return { id: inserted.id, created: true };
    const existing = await this.db.selectFrom('notification_deliveries').select('id').where('dedupe_key', '=', d.dedupeKey).executeTakeFirstOrThrow();
    return { id: existing.id, created: false };
  }

  async get(id: string): Promise<DeliveryRecord | null> {
    const r = await this.db.selectFrom('notification_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toRecord(r) : null;
  }

  /** Counts one attempt. A failure stays `pending` while retries remain and becomes `failed` on the last one. */
  async recordAttempt(id: string, outcome: { ok: true } | { ok: false; error: string; final: boolean }): Promise<void> {
    const now = new Date();
    await this.db.updateTable('notification_deliveries')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        updated_at: now,
        ...(outcome.ok
          ? { status: 'delivered' as const, delivered_at: now, last_error: null }
          : { status: outcome.final ? 'failed' as const : 'pending' as const, last_error: outcome.error.slice(0, 2000) }),
      }))
      .where('id', '=', id)
      // A delivery that already went out is never re-marked by a late duplicate attempt.
      .where('status', '!=', 'delivered')
      .execute();
  }

  /** Newest first; for operators and tests. */
  async list(q: { channel?: DeliveryChannel; limit: number }): Promise<DeliveryRecord[]> {
    let query = this.db.selectFrom('notification_deliveries').selectAll();
    if (q.channel) query = query.where('channel', '=', q.channel);
    return (await query.orderBy('created_at', 'desc').limit(q.limit).execute()).map(toRecord);
  }
}

/**
 * The in-app store, recipient directory and delivery log over one executor — a transaction, for the notification
 * outbox, whose rows must commit with the state change they announce.
 */
export function notificationStoresOver(ex: Kysely<Database>) {
  const inApp = new NotificationsRepository(ex);
  return { inApp, directory: inApp, log: new NotificationDeliveriesRepository(ex) };
}
