import { Inject, Injectable } from '@nestjs/common';
import type { DeliveryOutcome, NotificationDeliveryRunner } from '@cloister/adapters';
import type { JobPayload } from '@cloister/domain';
import { NOTIFICATION_DELIVERY_RUNNER } from '../core-tokens';
import type { JobContext } from '../jobs/job-handler-registry';
import { OnJob } from '../jobs/on-job.decorator';

/**
 * The outgoing notification channels. Each job is one logged delivery; a failed attempt throws so BullMQ retries it
 * with backoff, and the last attempt leaves the delivery `failed` with its error in the log.
 */
@Injectable()
export class NotificationDeliveryHandlers {
  constructor(@Inject(NOTIFICATION_DELIVERY_RUNNER) private readonly runner: NotificationDeliveryRunner) {}

  @OnJob('notifications', 'send-email')
  async sendEmail({ deliveryId }: JobPayload<'notifications', 'send-email'>, ctx: JobContext): Promise<DeliveryOutcome> {
    return this.runner.sendEmail(deliveryId, { final: ctx.finalAttempt });
  }

  @OnJob('notifications', 'deliver-webhook')
  async deliverWebhook({ deliveryId }: JobPayload<'notifications', 'deliver-webhook'>, ctx: JobContext): Promise<DeliveryOutcome> {
    return this.runner.deliverWebhook(deliveryId, { final: ctx.finalAttempt });
  }
}
