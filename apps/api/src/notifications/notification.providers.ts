import type { Provider } from '@nestjs/common';
import { BullJobQueue, createLogger, createNotificationOutbox, createNotifier } from '@cloister/adapters';
import type { ApiConfig } from '@cloister/config';
import { type Db, NotificationDeliveriesRepository, notificationStoresOver, NotificationsRepository } from '@cloister/persistence';
import { DATABASE, NOTIFICATION_OUTBOX, NOTIFIER } from '../core/tokens';
import { NotificationsService } from './notifications.service';

/**
 * NOTIFIER for the API's use cases: in-app rows always, email when SMTP_URL is set, the webhook when WEBHOOK_URL is
 * set (in azure mode the Logic App trigger). Email and webhook are queued for the worker, never sent in a request.
 */
export function notificationProviders(config: ApiConfig): Provider[] {
  const logger = createLogger(config.LOG_LEVEL, 'api-notifications');
  return [
    {
      provide: NOTIFIER,
      useFactory: (db: Db, jobs: BullJobQueue) => createNotifier(config, {
        store: new NotificationsRepository(db), log: new NotificationDeliveriesRepository(db), jobs, logger,
      }),
      inject: [DATABASE, BullJobQueue],
    },
    {
      // For state changes that must not lose their notice: recorded in their transaction, delivered after commit.
      provide: NOTIFICATION_OUTBOX,
      useFactory: (jobs: BullJobQueue) => createNotificationOutbox(config, { storesIn: notificationStoresOver, jobs, logger }),
      inject: [BullJobQueue],
    },
    NotificationsService,
  ];
}
