import { createHmac, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_SIGNATURE_HEADER = 'x-cloister-signature';
export const WEBHOOK_TIMESTAMP_HEADER = 'x-cloister-timestamp';
export const WEBHOOK_DELIVERY_HEADER = 'x-cloister-delivery';
export const WEBHOOK_EVENT_HEADER = 'x-cloister-event';

/**
 * `sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`. The timestamp is signed with the body so a receiver can
 * refuse replays of an old delivery; the delivery id header lets it drop a retried one it already processed.
 */
export function signWebhookBody(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Receiver-side check (used by tests, and a reference for anyone writing a receiver). Constant-time comparison. */
export function verifyWebhookSignature(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(signWebhookBody(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
