/**
 * What the notification adapters need from the database, as narrow interfaces: @cloister/persistence's
 * NotificationsRepository and NotificationDeliveriesRepository satisfy them (adapters do not depend on persistence).
 */
export interface InAppNotificationStore {
  createForUsers(
    n: { kind: string; subject: string; body: string; projectId: string | null; link: string | null; idempotencyKey: string | null },
    userIds: readonly string[],
  ): Promise<readonly { userId: string }[]>;
}

export interface RecipientDirectory {
  /** The users among `userIds` that exist, with their email addresses. */
  recipientsOf(userIds: readonly string[]): Promise<readonly Recipient[]>;
}

export interface Recipient {
  readonly userId: string;
  readonly email: string;
  readonly displayName: string;
}

export type DeliveryChannel = 'email' | 'webhook';

export interface DeliveryLog {
  create(d: { channel: DeliveryChannel; dedupeKey: string | null; userId: string | null; kind: string; projectId: string | null; payload: unknown }): Promise<{ id: string; created: boolean }>;
  get(id: string): Promise<{ id: string; channel: DeliveryChannel; userId: string | null; payload: unknown; status: 'pending' | 'delivered' | 'failed' } | null>;
  recordAttempt(id: string, outcome: { ok: true } | { ok: false; error: string; final: boolean }): Promise<void>;
}

/** What a delivery row keeps: the notification as sent, so a retry sends exactly the same thing. */
export interface DeliveryPayload {
  readonly kind: string;
  readonly subject: string;
  readonly body: string;
  readonly projectId: string | null;
  readonly link: string | null;
  readonly details: Readonly<Record<string, unknown>>;
  readonly recipients: readonly string[];
  readonly createdAt: string;
}
