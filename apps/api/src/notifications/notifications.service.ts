import { Inject, Injectable } from '@nestjs/common';
import { notFound } from '@cloister/domain';
import { AuditRepository, type Db, type NotificationPage, type NotificationRecord, NotificationsRepository } from '@cloister/persistence';
import type { AuditContext } from '../core/request-context';
import { DATABASE } from '../core/tokens';

/** The caller's own notification centre; a row of someone else's is answered as not found. */
@Injectable()
export class NotificationsService {
  private readonly notifications: NotificationsRepository;

  constructor(@Inject(DATABASE) private readonly db: Db, private readonly audit: AuditRepository) {
    this.notifications = new NotificationsRepository(db);
  }

  list(userId: string, q: { limit: number; offset: number; unreadOnly: boolean }): Promise<NotificationPage> {
    return this.notifications.listForUser(userId, q);
  }

  async markRead(userId: string, id: string, ctx: AuditContext): Promise<NotificationRecord> {
    return this.db.transaction().execute(async (trx) => {
      const before = await this.notifications.findForUser(userId, id, trx);
      if (!before) throw notFound('NOTIFICATION_NOT_FOUND', `id: no notification ${id} of yours`);
      if (before.readAt) return before;
      await this.notifications.markRead(userId, id, trx);
      await this.audit.append(trx, { ...ctx, action: 'notification.read', targetType: 'notification', targetId: id, projectId: before.projectId, details: { kind: before.kind } });
      const after = await this.notifications.findForUser(userId, id, trx);
      if (!after) throw new Error(`notification ${id} vanished while being marked read`);
      return after;
    });
  }

  async markAllRead(userId: string, ctx: AuditContext): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const marked = await this.notifications.markAllRead(userId, trx);
      if (marked > 0) await this.audit.append(trx, { ...ctx, action: 'notification.read_all', targetType: 'user', targetId: userId, projectId: null, details: { marked } });
      return marked;
    });
  }
}
