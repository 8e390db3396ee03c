/**
 * Tells people that something needs them: an in-app notification per recipient, plus email (SMTP; local mode
 * catches it in a dev mailbox) and an outgoing webhook (azure: the Logic App HTTP trigger) when configured.
 */
export interface Notification {
  /** User ids (never emails): the adapter resolves each user's address, and in-app rows belong to users. */
  readonly recipients: readonly string[];
  readonly subject: string;
  readonly body: string;
  readonly projectId: string | null;
  /** Portal path the notification leads to, e.g. `/projects/<id>/exports/<id>`. */
  readonly link: string | null;
  /** What happened, dotted, e.g. `export.submitted`; the webhook's event type. Defaults to `general`. */
  readonly kind?: string;
  /** Machine-readable facts for the webhook payload (ids, states); never file contents or personal data. */
  readonly details?: Readonly<Record<string, unknown>>;
  /**
   * Makes a repeated send a no-op per recipient and channel — pass one when a retried job may send again, e.g.
   * `export:<requestId>:in_review`.
   */
  readonly idempotencyKey?: string;
}

export interface NotifierPort {
  /** Never throws: a failing channel is logged and recorded, so it cannot undo the caller's state change. */
  send(notification: Notification): Promise<void>;
}
