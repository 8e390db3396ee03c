import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, DevMailboxTable } from '../schema';

export interface CaughtMail {
  readonly envelopeFrom: string | null;
  readonly envelopeTo: readonly string[];
  readonly from: string | null;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string | null;
  readonly messageId: string | null;
  readonly size: number;
}

export interface CaughtMailRecord extends CaughtMail {
  readonly id: string;
  readonly receivedAt: Date;
}

const toRecord = (r: Selectable<DevMailboxTable>): CaughtMailRecord => ({
  id: r.id, receivedAt: r.received_at, envelopeFrom: r.envelope_from, envelopeTo: r.envelope_to as string[], from: r.from_address,
  to: r.to_addresses as string[], subject: r.subject, text: r.text_body, html: r.html_body, messageId: r.message_id, size: r.size,
});

/** Local mode only: every message the embedded SMTP server caught, so the portal can show what would have been sent. */
export class DevMailboxRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async store(mail: CaughtMail): Promise<string> {
    const lower = (xs: readonly string[]) => JSON.stringify(xs.map((x) => x.toLowerCase()));
    const r = await this.db.insertInto('dev_mailbox').values({
      envelope_from: mail.envelopeFrom, envelope_to: lower(mail.envelopeTo), from_address: mail.from, to_addresses: lower(mail.to),
      subject: mail.subject, text_body: mail.text, html_body: mail.html, message_id: mail.messageId, size: mail.size,
    }).returning('id').executeTakeFirstOrThrow();
    return r.id;
  }

  /** Newest first. With `recipients`, only mail whose envelope was addressed to one of them (Bcc included). */
  async list(q: { recipients?: readonly string[]; limit: number }): Promise<CaughtMailRecord[]> {
    let query = this.db.selectFrom('dev_mailbox').selectAll();
    if (q.recipients) {
      const wanted = q.recipients.map((r) => r.toLowerCase());
      if (wanted.length === 0) return [];
      query = query.where(sql<boolean>`envelope_to ?| ${sql.val(wanted)}::text[]`);
    }
    return (await query.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(q.limit).execute()).map(toRecord);
  }
}
