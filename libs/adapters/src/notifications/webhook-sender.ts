import { WEBHOOK_DELIVERY_HEADER, WEBHOOK_EVENT_HEADER, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER, signWebhookBody } from './webhook-signature';

export interface WebhookSenderOptions {
  /** In azure mode the Logic App's HTTP trigger URL (its query string carries the trigger's own SAS signature). */
  readonly url: string;
  readonly secret: string;
  readonly timeoutMs?: number;
  readonly now?: () => Date;
}

/** A delivery the receiver did not accept; the caller retries it (the delivery id stays the same). */
export class WebhookDeliveryError extends Error {
  constructor(message: string, readonly status: number | null) {
    super(message);
    this.name = 'WebhookDeliveryError';
  }
}

/** POSTs one signed JSON document; any answer but 2xx, or none within the timeout, is a failure. */
export class WebhookSender {
  constructor(private readonly options: WebhookSenderOptions) {}

  async post(deliveryId: string, event: string, payload: unknown): Promise<{ status: number }> {
    const body = JSON.stringify(payload);
    const timestamp = String(Math.floor((this.options.now?.() ?? new Date()).getTime() / 1000));
    let res: Response;
    try {
      res = await fetch(this.options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Cloister-Webhook/1',
          [WEBHOOK_EVENT_HEADER]: event,
          [WEBHOOK_DELIVERY_HEADER]: deliveryId,
          [WEBHOOK_TIMESTAMP_HEADER]: timestamp,
          [WEBHOOK_SIGNATURE_HEADER]: signWebhookBody(this.options.secret, timestamp, body),
        },
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (e) {
      const reason = e instanceof Error && e.name === 'TimeoutError' ? `no answer within ${this.options.timeoutMs ?? 10_000} ms` : describe(e);
      throw new WebhookDeliveryError(`webhook not delivered: ${reason}`, null);
    }
    // Drain the body so the connection is reused; its content is not ours to log (it may echo the payload).
    await res.arrayBuffer().catch(() => undefined);
    if (res.status < 200 || res.status >= 300) throw new WebhookDeliveryError(`webhook answered HTTP ${res.status}`, res.status);
    return { status: res.status };
  }
}

function describe(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = (e as { cause?: unknown }).cause;
  return cause instanceof Error ? `${e.message} (${cause.message})` : e.message;
}
