/**
 * Notifications: the in-app rows per user, the delivery log of the outgoing channels (email, webhook) and, for
 * local mode, the dev mailbox where the embedded SMTP server keeps the mail it caught.
 */
export const name = 'notifications';
export const up = `
CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id),
  kind text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  project_id uuid REFERENCES projects(id),
  link text,
  idempotency_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  UNIQUE (user_id, idempotency_key)
);
CREATE INDEX notifications_user_created ON notifications (user_id, created_at DESC);
CREATE INDEX notifications_user_unread ON notifications (user_id) WHERE read_at IS NULL;

CREATE TABLE notification_deliveries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  channel text NOT NULL CHECK (channel IN ('email', 'webhook')),
  dedupe_key text UNIQUE,
  user_id uuid REFERENCES users(id),
  kind text NOT NULL,
  project_id uuid REFERENCES projects(id),
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz
);
CREATE INDEX notification_deliveries_status ON notification_deliveries (status, created_at);

CREATE TABLE dev_mailbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  received_at timestamptz NOT NULL DEFAULT now(),
  envelope_from text,
  envelope_to jsonb NOT NULL,
  from_address text,
  to_addresses jsonb NOT NULL,
  subject text NOT NULL DEFAULT '',
  text_body text NOT NULL DEFAULT '',
  html_body text,
  message_id text,
  size integer NOT NULL
);
CREATE INDEX dev_mailbox_received ON dev_mailbox (received_at DESC);
`;
