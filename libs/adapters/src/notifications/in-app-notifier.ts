import type { Notification, NotifierPort } from '@cloister/domain';
import type { InAppNotificationStore } from './notification-stores';

/** One row in each recipient's notification centre; a repeated send with the same idempotency key adds nothing. */
export class InAppNotifier implements NotifierPort {
  constructor(private readonly store: InAppNotificationStore) {}

  async send(n: Notification): Promise<void> {
    await this.store.createForUsers(
      { kind: n.kind ?? 'general', subject: n.subject, body: n.body, projectId: n.projectId, link: n.link, idempotencyKey: n.idempotencyKey ?? null },
      n.recipients,
    );
  }
}
