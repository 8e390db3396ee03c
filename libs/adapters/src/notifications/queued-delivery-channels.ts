import type { JobQueuePort, Notification } from '@cloister/domain';
import type { DeliveryChannel, DeliveryLog, DeliveryPayload, Recipient } from './notification-stores';

/** An outgoing channel: records what it will deliver and hands it to the worker; never delivers inline. */
export interface NotificationChannel {
  readonly name: 'email' | 'webhook';
  dispatch(n: Notification, recipients: readonly Recipient[]): Promise<void>;
}

const payloadOf = (n: Notification, recipients: readonly Recipient[]): DeliveryPayload => ({
  kind: n.kind ?? 'general', subject: n.subject, body: n.body, projectId: n.projectId, link: n.link, details: n.details ?? {},
  recipients: recipients.map((r) => r.userId), createdAt: new Date().toISOString(),
});

/** A delivery-log row as the outgoing channels and the outbox write it. */
export interface NewDeliveryRow {
  readonly channel: DeliveryChannel;
  readonly dedupeKey: string | null;
  readonly userId: string | null;
  readonly kind: string;
  readonly projectId: string | null;
  readonly payload: DeliveryPayload;
}

/** One email to one recipient; with an idempotency key, once per key and recipient. */
export const emailDeliveryOf = (n: Notification, r: Recipient): NewDeliveryRow => ({
  channel: 'email', dedupeKey: n.idempotencyKey ? `email:${n.idempotencyKey}:${r.userId}` : null, userId: r.userId,
  kind: n.kind ?? 'general', projectId: n.projectId, payload: payloadOf(n, [r]),
});

/** One webhook call carrying every recipient; with an idempotency key, once per key. */
export const webhookDeliveryOf = (n: Notification, recipients: readonly Recipient[]): NewDeliveryRow => ({
  channel: 'webhook', dedupeKey: n.idempotencyKey ? `webhook:${n.idempotencyKey}` : null, userId: null,
  kind: n.kind ?? 'general', projectId: n.projectId, payload: payloadOf(n, recipients),
});

/** The worker job that performs a logged delivery; its id derives from the delivery, so a repeat is a no-op. */
export async function enqueueDelivery(jobs: JobQueuePort, channel: DeliveryChannel, deliveryId: string): Promise<void> {
  if (channel === 'email') await jobs.enqueue('notifications', 'send-email', { deliveryId }, `notify-email:${deliveryId}`);
  else await jobs.enqueue('notifications', 'deliver-webhook', { deliveryId }, `notify-webhook:${deliveryId}`);
}

/**
 * Logs the delivery, then enqueues its job. A delivery that could not be queued is recorded as failed with the
 * reason (the in-app row already exists), rather than thrown at the caller.
 */
async function logAndEnqueue(log: DeliveryLog, jobs: JobQueuePort, d: NewDeliveryRow): Promise<void> {
  const { id } = await log.create(d);
  try {
    await enqueueDelivery(jobs, d.channel, id);
  } catch (e) {
    await log.recordAttempt(id, { ok: false, error: `could not be queued: ${e instanceof Error ? e.message : String(e)}`, final: true });
    throw e;
  }
}

/** One email per recipient (recipients never see each other's addresses), each retried on its own. */
export class QueuedEmailChannel implements NotificationChannel {
  readonly name = 'email' as const;

  constructor(private readonly log: DeliveryLog, private readonly jobs: JobQueuePort) {}

  async dispatch(n: Notification, recipients: readonly Recipient[]): Promise<void> {
    const failures: unknown[] = [];
    for (const r of recipients) {
      try {
        await logAndEnqueue(this.log, this.jobs, emailDeliveryOf(n, r));
      } catch (e) {
        failures.push(e);
      }
    }
    if (failures.length) throw new AggregateError(failures, `${failures.length} of ${recipients.length} emails could not be queued`);
  }
}

/** One webhook call per notification, carrying every recipient (the Logic App decides how to reach them). */
export class QueuedWebhookChannel implements NotificationChannel {
  readonly name = 'webhook' as const;

  constructor(private readonly log: DeliveryLog, private readonly jobs: JobQueuePort) {}

  async dispatch(n: Notification, recipients: readonly Recipient[]): Promise<void> {
    await logAndEnqueue(this.log, this.jobs, webhookDeliveryOf(n, recipients));
  }
}
