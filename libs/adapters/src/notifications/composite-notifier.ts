import type { Notification, NotifierPort } from '@cloister/domain';
import type { Logger } from 'pino';
import type { RecipientDirectory } from './notification-stores';
import type { NotificationChannel } from './queued-delivery-channels';

export interface CompositeNotifierOptions {
  readonly inApp: NotifierPort;
  readonly directory: RecipientDirectory;
  /** Email when SMTP_URL is set, the webhook when WEBHOOK_URL is set; see createNotifier. */
  readonly channels: readonly NotificationChannel[];
  readonly logger: Logger;
}

/**
 * The NotifierPort both processes use: always the in-app row first, then each configured outgoing channel. A failing
 * channel is logged (and recorded in the delivery log by the channel) and never reaches the caller, whose state
 * change has already committed; nor does it stop the other channels.
 */
export class CompositeNotifier implements NotifierPort {
  constructor(private readonly o: CompositeNotifierOptions) {}

  async send(n: Notification): Promise<void> {
    const kind = n.kind ?? 'general';
    try {
      await this.o.inApp.send(n);
    } catch (e) {
      this.o.logger.error({ err: e, kind, projectId: n.projectId }, 'in-app notification not stored');
    }
    if (this.o.channels.length === 0 || n.recipients.length === 0) return;
    let recipients;
    try {
      recipients = await this.o.directory.recipientsOf(n.recipients);
    } catch (e) {
      this.o.logger.error({ err: e, kind }, 'notification recipients not resolved; email and webhook skipped');
      return;
    }
    if (recipients.length === 0) return;
    for (const channel of this.o.channels) {
      try {
        await channel.dispatch(n, recipients);
      } catch (e) {
        this.o.logger.error({ err: e, kind, channel: channel.name }, 'notification not queued for delivery');
      }
    }
  }
}
