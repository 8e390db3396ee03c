import type { AddressInfo } from 'node:net';
import { createDatabase, type Db, DevMailboxRepository } from '@cloister/persistence';
import { type AddressObject, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

export interface DevMailbox {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  readonly url: string;
  stop(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

const addressesOf = (field: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => v.address ?? '')).filter(Boolean);

/**
 * Local mode's mail catcher: an SMTP server on loopback that accepts every message (no auth, no TLS, nothing
 * relayed) and keeps it in the dev_mailbox table, where the API's dev mailbox route shows it.
 */
export async function startDevMailbox(o: { databaseUrl: string; port?: number }): Promise<DevMailbox> {
  const db: Db = createDatabase(o.databaseUrl, 2);
  const mailbox = new DevMailboxRepository(db);
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    banner: 'Cloister dev mailbox: nothing is relayed',
    logger: false,
    onData(stream, session, callback) {
      const envelopeTo = session.envelope.rcptTo.map((r: SMTPServerAddress) => r.address);
      const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
      let size = 0;
      stream.on('data', (chunk: Buffer) => { size += chunk.length; });
      simpleParser(stream)
        .then((mail) => {
          if ((stream as { sizeExceeded?: boolean }).sizeExceeded) throw Object.assign(new Error('message too large'), { responseCode: 552 });
          return mailbox.store({
            envelopeFrom, envelopeTo, from: addressesOf(mail.from)[0] ?? null, to: addressesOf(mail.to), subject: mail.subject ?? '',
            text: mail.text ?? '', html: typeof mail.html === 'string' ? mail.html : null, messageId: mail.messageId ?? null, size,
          });
        })
        .then(() => callback(), (e: unknown) => callback(e instanceof Error ? e : new Error(String(e))));
    },
  });
  // smtp-server re-emits every connection's error on the server; with no listener, one client vanishing mid-session
  // (a worker killed while sending) would throw in whichever process hosts the mailbox.
  server.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'ECONNRESET' && e.code !== 'EPIPE') process.stderr.write(`dev mailbox: ${e.message}\n`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => { server.off('error', reject); resolve(); });
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.destroy();
    },
  };
}
