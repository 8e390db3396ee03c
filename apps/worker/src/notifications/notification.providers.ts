import type { Provider } from '@nestjs/common';
import { createLogger, createNotificationOutbox } from '@cloister/adapters';
import type { WorkerEnv } from '@cloister/config';
import { type Db, NotificationDeliveriesRepository, notificationStoresOver, NotificationsRepository } from '@cloister/persistence';
import { DATABASE, NOTIFICATION_DELIVERY_RUNNER, NOTIFICATION_OUTBOX, NOTIFIER } from '../core-tokens';
import { JobProducer } from '../jobs/job-producer';
import type { ModeAdapters } from '../mode-adapters';
import { NotificationDeliveryHandlers } from './notification-delivery.handlers';

/**
 * NOTIFIER for the worker's own state changes, NOTIFICATION_OUTBOX for those whose notice must commit with them, and
 * the handlers that perform queued email and webhook deliveries.
 */
export function notificationProviders(config: WorkerEnv, modes: ModeAdapters): Provider[] {
  const logger = createLogger(config.LOG_LEVEL, 'worker-notifications');
  return [
    {
      provide: NOTIFIER,
      useFactory: (db: Db, producer: JobProducer) => modes.notifier({
        store: new NotificationsRepository(db), log: new NotificationDeliveriesRepository(db), jobs: producer.queue, logger,
      }),
      inject: [DATABASE, JobProducer],
    },
    {
      provide: NOTIFICATION_OUTBOX,
      useFactory: (producer: JobProducer) => createNotificationOutbox(config, { storesIn: notificationStoresOver, jobs: producer.queue, logger }),
      inject: [JobProducer],
    },
    {
      provide: NOTIFICATION_DELIVERY_RUNNER,
      useFactory: (db: Db) => modes.notificationDeliveryRunner({ directory: new NotificationsRepository(db), log: new NotificationDeliveriesRepository(db) }),
      inject: [DATABASE],
    },
    NotificationDeliveryHandlers,
  ];
}
