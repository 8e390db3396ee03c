import { isUuid } from '@cloister/domain';
import type { Kysely, Selectable } from 'kysely';
import type { Database, NotificationsTable } from '../schema';
import type { Executor } from './audit.repository';
import { inUuids } from './id-list';

export interface NewNotification {
  readonly kind: string;
  readonly subject: string;
  readonly body: string;
  readonly projectId: string | null;
  readonly link: string | null;
  /** With a key, a second create for the same user and key is skipped. */
  readonly idempotencyKey: string | null;
}

export interface NotificationRecord {
  readonly id: string;
  readonly userId: string;
  readonly kind: string;
  readonly subject: string;
  readonly body: string;
  readonly projectId: string | null;
  readonly link: string | null;
  readonly createdAt: Date;
  readonly readAt: Date | null;
}

export interface NotificationPage {
  readonly items: readonly NotificationRecord[];
  readonly total: number;
  readonly unread: number;
}

const toRecord = (r: Selectable<NotificationsTable>): NotificationRecord => ({
  id: r.id, userId: r.user_id, kind: r.kind, subject: r.subject, body: r.body, projectId: r.project_id, link: r.link,
  createdAt: r.created_at, readAt: r.read_at,
});

/** The in-app notification centre: one row per recipient, read state per row, only ever shown to its owner. */
export class NotificationsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * One row per existing user among `userIds` (unknown ids are skipped, not an error: a user may be gone by the
   * time a job notifies). Returns the rows created now; rows an earlier call with the same key created are not repeated.
   */
  async createForUsers(n: NewNotification, userIds: readonly string[], ex: Executor = this.db): Promise<NotificationRecord[]> {
    const wanted = [...new Set(userIds.filter(isUuid).map((id) => id.toLowerCase()))];
    if (wanted.length === 0) return [];
    const existing = await ex.selectFrom('users').select('id').where(inUuids('id', wanted)).execute();
    if (existing.length === 0) return [];
    const rows = await ex.insertInto('notifications')
      .values(existing.map((u) => ({
        user_id: u.id, kind: n.kind, subject: n.subject, body: n.body, project_id: n.projectId, link: n.link, idempotency_key: n.idempotencyKey,
      })))
      .onConflict((oc) => oc.columns(['user_id', 'idempotency_key']).doNothing())
      .returningAll()
      .execute();
    return rows.map(toRecord);
  }

  /** The users among `userIds` that exist, with the address their email notifications go to. */
  async recipientsOf(userIds: readonly string[]): Promise<{ userId: string; email: string; displayName: string }[]> {
    const wanted = [...new Set(userIds.filter(isUuid).map((id) => id.toLowerCase()))];
    if (wanted.length === 0) return [];
    const rows = await this.db.selectFrom('users').select(['id', 'email', 'display_name']).where(inUuids('id', wanted)).orderBy('email').execute();
    return rows.map((r) => ({ userId: r.id, email: r.email, displayName: r.display_name }));
  }

  /** Newest first, with the caller's total and unread counts for the bell. */
  async listForUser(userId: string, q: { limit: number; offset: number; unreadOnly: boolean }): Promise<NotificationPage> {
    let items = this.db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
    if (q.unreadOnly) items = items.where('read_at', 'is', null);
    const [rows, counts] = await Promise.all([
      items.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit).offset(q.offset).execute(),
      this.db.selectFrom('notifications')
        .select((eb) => [
          eb.fn.countAll<string>().as('total'),
          eb.fn.count<string>('id').filterWhere('read_at', 'is', null).as('unread'),
        ])
        .where('user_id', '=', userId).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toRecord), total: q.unreadOnly ? Number(counts.unread) : Number(counts.total), unread: Number(counts.unread) };
  }

  async findForUser(userId: string, id: string, ex: Executor = this.db): Promise<NotificationRecord | null> {
    const r = await ex.selectFrom('notifications').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    return r ? toRecord(r) : null;
  }

  /** Marks one of the user's notifications read; false when it is not theirs (or does not exist). Already read stays as it was. */
  async markRead(userId: string, id: string, ex: Executor = this.db): Promise<boolean> {
    const found = await this.findForUser(userId, id, ex);
    if (!found) return false;
    if (!found.readAt) {
      await ex.updateTable('notifications').set({ read_at: new Date() }).where('id', '=', id).where('user_id', '=', userId).where('read_at', 'is', null).execute();
    }
    return true;
  }

  /** Marks every unread notification of the user read; returns how many changed. */
  async markAllRead(userId: string, ex: Executor = this.db): Promise<number> {
    const r = await ex.updateTable('notifications').set({ read_at: new Date() }).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows);
  }
}
