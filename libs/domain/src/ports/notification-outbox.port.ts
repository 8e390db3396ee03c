import type { Notification } from './notifier.port';

/** A delivery the outbox recorded, whose job is enqueued once the recording transaction has committed. */
export interface OutboxDelivery {
  readonly id: string;
  readonly channel: 'email' | 'webhook';
}

/** What one `record` wrote and still owes after commit. */
export interface OutboxEntry {
  readonly deliveries: readonly OutboxDelivery[];
}

/**
 * The transactional side of notifications, for state changes that must never lose their notice: `record` writes
 * the notification's durable part (the in-app row per recipient, a pending delivery-log row per email recipient and
 * webhook) inside the caller's transaction `Tx`, so a commit always carries it; `dispatch`, called after commit,
 * only enqueues the delivery jobs. A crash between the two leaves pending deliveries, which the lost-job reconciler
 * re-enqueues. Repeats with the same idempotency key record nothing new.
 */
export interface NotificationOutboxPort<Tx> {
  record(tx: Tx, notification: Notification): Promise<OutboxEntry>;
  /** Never throws: a delivery whose job could not be enqueued stays pending for the reconciler. */
  dispatch(entries: readonly OutboxEntry[]): Promise<void>;
}
