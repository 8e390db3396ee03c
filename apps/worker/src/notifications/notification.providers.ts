import { Inject, Injectable, type OnModuleDestroy, type Provider } from '@nestjs/common';
import { BullJobQueue, createLogger } from '@cloister/adapters';
import type { WorkerEnv } from '@cloister/config';
import { type Db, NotificationDeliveriesRepository, NotificationsRepository } from '@cloister/persistence';
import type { Redis } from 'ioredis';
import { DATABASE, NOTIFICATION_DELIVERY_RUNNER, NOTIFIER, REDIS } from '../core-tokens';
import type { ModeAdapters } from '../mode-adapters';
import { NotificationDeliveryHandlers } from './notification-delivery.handlers';

/** The worker's producer side for the notification queue (its own jobs notify too), closed with the app. */
@Injectable()
export class NotificationJobProducer implements OnModuleDestroy {
  readonly queue: BullJobQueue;

  constructor(@Inject(REDIS) redis: Redis) {
    this.queue = new BullJobQueue(redis);
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close();
  }
}

/** NOTIFIER for the worker's own state changes, and the handlers that perform queued email and webhook deliveries. */
export function notificationProviders(config: WorkerEnv, modes: ModeAdapters): Provider[] {
  const logger = createLogger(config.LOG_LEVEL, 'worker-notifications');
  return [
    NotificationJobProducer,
    {
      provide: NOTIFIER,
      useFactory: (db: Db, producer: NotificationJobProducer) => modes.notifier({
        store: new NotificationsRepository(db), log: new NotificationDeliveriesRepository(db), jobs: producer.queue, logger,
      }),
      inject: [DATABASE, NotificationJobProducer],
    },
    {
      provide: NOTIFICATION_DELIVERY_RUNNER,
      useFactory: (db: Db) => modes.notificationDeliveryRunner({ directory: new NotificationsRepository(db), log: new NotificationDeliveriesRepository(db) }),
      inject: [DATABASE],
    },
    NotificationDeliveryHandlers,
  ];
}
