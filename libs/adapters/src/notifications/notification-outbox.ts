import type { JobQueuePort, Notification, NotificationOutboxPort, OutboxDelivery, OutboxEntry } from '@cloister/domain';
import type { Logger } from 'pino';
import type { DeliveryChannel, DeliveryLog, InAppNotificationStore, RecipientDirectory } from './notification-stores';
import { emailDeliveryOf, enqueueDelivery, webhookDeliveryOf } from './queued-delivery-channels';

/** The stores the outbox writes through, bound to one transaction. */
export interface OutboxStores {
  readonly inApp: InAppNotificationStore;
  readonly directory: RecipientDirectory;
  readonly log: Pick<DeliveryLog, 'create'>;
}

export interface TransactionalNotificationOutboxOptions<Tx> {
  /** The stores inside the caller's transaction (the repositories constructed over it). */
  readonly storesIn: (tx: Tx) => OutboxStores;
  /** Email when SMTP_URL is set, the webhook when WEBHOOK_URL is set; see createNotificationOutbox. */
  readonly channels: readonly DeliveryChannel[];
  readonly jobs: JobQueuePort;
  readonly logger: Logger;
}

/**
 * The outbox both processes use: the same rows the composite notifier writes (in-app row per recipient, delivery
 * log per email recipient and webhook, same dedupe keys), but inside the state change's own transaction, so they
 * commit or roll back with it. A failure while recording fails the transaction: a state change never commits
 * without its notice. After commit only the delivery jobs are enqueued.
 */
export class TransactionalNotificationOutbox<Tx> implements NotificationOutboxPort<Tx> {
  constructor(private readonly o: TransactionalNotificationOutboxOptions<Tx>) {}

  async record(tx: Tx, n: Notification): Promise<OutboxEntry> {
    const stores = this.o.storesIn(tx);
    await stores.inApp.createForUsers(
      { kind: n.kind ?? 'general', subject: n.subject, body: n.body, projectId: n.projectId, link: n.link, idempotencyKey: n.idempotencyKey ?? null },
      n.recipients,
    );
    if (this.o.channels.length === 0 || n.recipients.length === 0) return { deliveries: [] };
    const recipients = await stores.directory.recipientsOf(n.recipients);
    if (recipients.length === 0) return { deliveries: [] };
    const rows = [
      ...(this.o.channels.includes('email') ? recipients.map((r) => emailDeliveryOf(n, r)) : []),
      ...(this.o.channels.includes('webhook') ? [webhookDeliveryOf(n, recipients)] : []),
    ];
    const deliveries: OutboxDelivery[] = [];
    for (const row of rows) {
      const { id, created } = await stores.log.create(row);
      // A row an earlier transaction recorded under the same key already has (or is owed) its job.
      if (created) deliveries.push({ id, channel: row.channel });
    }
    return { deliveries };
  }

  async dispatch(entries: readonly OutboxEntry[]): Promise<void> {
    for (const d of entries.flatMap((e) => e.deliveries)) {
      try {
        await enqueueDelivery(this.o.jobs, d.channel, d.id);
      } catch (e) {
        this.o.logger.warn({ err: e, deliveryId: d.id, channel: d.channel }, 'delivery job not enqueued; it stays pending for the lost-job reconciler');
      }
    }
  }
}
