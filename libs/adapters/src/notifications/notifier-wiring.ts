import type { JobQueuePort, NotificationOutboxPort, NotifierPort } from '@cloister/domain';
import type { Logger } from 'pino';
import { CompositeNotifier } from './composite-notifier';
import { InAppNotifier } from './in-app-notifier';
import type { DeliveryChannel, DeliveryLog, InAppNotificationStore, RecipientDirectory } from './notification-stores';
import { type OutboxStores, TransactionalNotificationOutbox } from './notification-outbox';
import { NotificationDeliveryRunner } from './notification-delivery-runner';
import { type NotificationChannel, QueuedEmailChannel, QueuedWebhookChannel } from './queued-delivery-channels';
import { SmtpMailer } from './smtp-mailer';
import { WebhookSender } from './webhook-sender';

/** The notification settings of libs/config's common schema. */
export interface NotificationSettings {
  readonly SMTP_URL?: string | undefined;
  readonly MAIL_FROM: string;
  readonly WEBHOOK_URL?: string | undefined;
  readonly WEBHOOK_SECRET?: string | undefined;
}

/** Refuses a webhook without a signing secret at start, rather than sending unsigned calls. */
export function checkNotificationSettings(s: NotificationSettings): void {
  if (s.WEBHOOK_URL && !s.WEBHOOK_SECRET) throw new Error('WEBHOOK_SECRET: required when WEBHOOK_URL is set (the receiver verifies X-Cloister-Signature with it)');
}

/** In-app always; email when SMTP_URL is set; the webhook when WEBHOOK_URL is set. Same in the API and the worker. */
export function createNotifier(
  s: NotificationSettings,
  deps: { store: InAppNotificationStore & RecipientDirectory; log: DeliveryLog; jobs: JobQueuePort; logger: Logger },
): NotifierPort {
  checkNotificationSettings(s);
  const channels: NotificationChannel[] = [];
  if (s.SMTP_URL) channels.push(new QueuedEmailChannel(deps.log, deps.jobs));
  if (s.WEBHOOK_URL) channels.push(new QueuedWebhookChannel(deps.log, deps.jobs));
  return new CompositeNotifier({ inApp: new InAppNotifier(deps.store), directory: deps.store, channels, logger: deps.logger });
}

/**
 * The transactional outbox for state changes whose notice must not be lost: the same channels as createNotifier,
 * written through `storesIn(tx)` inside the caller's transaction. Same in the API and the worker.
 */
export function createNotificationOutbox<Tx>(
  s: NotificationSettings,
  deps: { storesIn: (tx: Tx) => OutboxStores; jobs: JobQueuePort; logger: Logger },
): NotificationOutboxPort<Tx> {
  checkNotificationSettings(s);
  const channels: DeliveryChannel[] = [...(s.SMTP_URL ? ['email' as const] : []), ...(s.WEBHOOK_URL ? ['webhook' as const] : [])];
  return new TransactionalNotificationOutbox({ storesIn: deps.storesIn, channels, jobs: deps.jobs, logger: deps.logger });
}

/** The worker side: what performs the queued deliveries. */
export function createNotificationDeliveryRunner(
  s: NotificationSettings & { readonly PUBLIC_BASE_URL: string },
  deps: { directory: RecipientDirectory; log: DeliveryLog },
): NotificationDeliveryRunner {
  checkNotificationSettings(s);
  return new NotificationDeliveryRunner({
    log: deps.log, directory: deps.directory, portalUrl: s.PUBLIC_BASE_URL,
    mailer: s.SMTP_URL ? new SmtpMailer({ url: s.SMTP_URL, from: s.MAIL_FROM }) : null,
    webhook: s.WEBHOOK_URL && s.WEBHOOK_SECRET ? new WebhookSender({ url: s.WEBHOOK_URL, secret: s.WEBHOOK_SECRET }) : null,
  });
}
