/** Tells people that something needs them. Local: dev mailbox; azure: SMTP relay plus a Logic App webhook. */
export interface Notification {
  readonly recipients: readonly string[];
  readonly subject: string;
  readonly body: string;
  readonly projectId: string | null;
  readonly link: string | null;
}

export interface NotifierPort {
  send(notification: Notification): Promise<void>;
}
