import type { Mailer } from './smtp-mailer';
import type { DeliveryLog, DeliveryPayload, RecipientDirectory } from './notification-stores';
import type { WebhookSender } from './webhook-sender';

export interface NotificationDeliveryRunnerOptions {
  readonly log: DeliveryLog;
  readonly directory: RecipientDirectory;
  /** Null when SMTP_URL is not set in this process. */
  readonly mailer: Mailer | null;
  /** Null when WEBHOOK_URL is not set in this process. */
  readonly webhook: WebhookSender | null;
  /** The portal's address; notification links are portal paths. */
  readonly portalUrl: string;
}

export type DeliveryOutcome = 'delivered' | 'already-delivered' | 'gave-up';

/**
 * Performs one logged delivery (the worker's notification jobs call this). Idempotent: a delivery that already went
 * out is not sent again. A failed attempt is recorded and rethrown so the queue retries it with backoff; the last
 * one leaves the delivery `failed` with its error. Problems no retry can fix are recorded as failed at once.
 */
export class NotificationDeliveryRunner {
  constructor(private readonly o: NotificationDeliveryRunnerOptions) {}

  async sendEmail(deliveryId: string, attempt: { final: boolean }): Promise<DeliveryOutcome> {
    const d = await this.o.log.get(deliveryId);
    if (!d) return 'gave-up';
    if (d.status === 'delivered') return 'already-delivered';
    if (!this.o.mailer) return this.giveUp(deliveryId, 'SMTP_URL is not set in the worker');
    const [recipient] = d.userId ? await this.o.directory.recipientsOf([d.userId]) : [];
    if (!recipient) return this.giveUp(deliveryId, 'the recipient no longer exists');
    const p = d.payload as DeliveryPayload;
    const link = this.absolute(p.link);
    return this.attempt(deliveryId, attempt, () => this.o.mailer!.send({
      to: recipient.email,
      subject: `[Cloister] ${p.subject}`,
      text: `${p.body}\n\n${link ? `Open in Cloister: ${link}\n\n` : ''}This notification is also in your notification centre in the Cloister portal.\n`,
      headers: { 'X-Cloister-Kind': p.kind, 'X-Cloister-Delivery': deliveryId },
    }));
  }

  async deliverWebhook(deliveryId: string, attempt: { final: boolean }): Promise<DeliveryOutcome> {
    const d = await this.o.log.get(deliveryId);
    if (!d) return 'gave-up';
    if (d.status === 'delivered') return 'already-delivered';
    if (!this.o.webhook) return this.giveUp(deliveryId, 'WEBHOOK_URL is not set in the worker');
    const p = d.payload as DeliveryPayload;
    const recipients = await this.o.directory.recipientsOf(p.recipients);
    // Event Grid's event schema, which the platform's Logic App trigger declares: one event per delivery.
    const events = [{
      id: deliveryId,
      eventType: `Cloister.${p.kind}`,
      subject: p.link ?? (p.projectId ? `/projects/${p.projectId}` : '/'),
      eventTime: p.createdAt,
      dataVersion: '1',
      data: {
        kind: p.kind, subject: p.subject, body: p.body, link: this.absolute(p.link), projectId: p.projectId, details: p.details,
        recipients: recipients.map((r) => ({ userId: r.userId, email: r.email, displayName: r.displayName })),
      },
    }];
    return this.attempt(deliveryId, attempt, () => this.o.webhook!.post(deliveryId, p.kind, events));
  }

  private async attempt(deliveryId: string, attempt: { final: boolean }, send: () => Promise<unknown>): Promise<DeliveryOutcome> {
    try {
      await send();
    } catch (e) {
      await this.o.log.recordAttempt(deliveryId, { ok: false, error: e instanceof Error ? e.message : String(e), final: attempt.final });
      throw e;
    }
    await this.o.log.recordAttempt(deliveryId, { ok: true });
    return 'delivered';
  }

  private async giveUp(deliveryId: string, reason: string): Promise<DeliveryOutcome> {
    await this.o.log.recordAttempt(deliveryId, { ok: false, error: reason, final: true });
    return 'gave-up';
  }

  private absolute(link: string | null): string | null {
    if (!link) return null;
    return link.startsWith('/') ? new URL(link, this.o.portalUrl).toString() : link;
  }
}
