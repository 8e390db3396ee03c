import { connect } from 'node:net';
import { NotificationDeliveryRunner, SmtpMailer } from '@cloister/adapters';
import { DevMailboxRepository, NotificationDeliveriesRepository, NotificationsRepository, UsersRepository } from '@cloister/persistence';
import { createTestDatabase, testEngines, type TestDatabase } from '@cloister/persistence/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevMailbox, startDevMailbox } from './dev-mailbox';
import { freePort } from './local-stack';

describe.each(testEngines())('dev mailbox on %s', (engine) => {
  let t: TestDatabase;
  let mailbox: DevMailbox;
  let mailer: SmtpMailer;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    mailbox = await startDevMailbox({ databaseUrl: t.url });
    mailer = new SmtpMailer({ url: mailbox.url, from: 'cloister@localhost' });
  });
  afterAll(async () => {
    mailer.close();
    await mailbox.stop();
    await t.close();
  });

  it('catches what nodemailer sends over SMTP and keeps it for the portal', async () => {
    await mailer.send({ to: 'Alice@Example.org', subject: 'Hello ✓', text: 'First line\nsecond line', headers: { 'X-Cloister-Kind': 'test' } });
    const [mail] = await new DevMailboxRepository(t.db).list({ recipients: ['alice@example.org'], limit: 10 });
    expect(mail).toMatchObject({ subject: 'Hello ✓', from: 'cloister@localhost', to: ['alice@example.org'], envelopeTo: ['alice@example.org'] });
    expect(mail!.text.trim()).toBe('First line\nsecond line');
    expect(mail!.size).toBeGreaterThan(0);
  });

  it('delivers a logged email notification once, with the portal link, and never twice', async () => {
    const user = await new UsersRepository(t.db).ensureByEmail('checker@example.org', 'Checker');
    const log = new NotificationDeliveriesRepository(t.db);
    const runner = new NotificationDeliveryRunner({ log, directory: new NotificationsRepository(t.db), mailer, webhook: null, portalUrl: 'http://portal.test:4400' });
    const payload = { kind: 'export.submitted', subject: 'Export awaits review', body: 'Request "Table 1" awaits your review.', projectId: null, link: '/exports/abc', details: {}, recipients: [user.id], createdAt: new Date().toISOString() };
    const { id } = await log.create({ channel: 'email', dedupeKey: null, userId: user.id, kind: payload.kind, projectId: null, payload });

    expect(await runner.sendEmail(id, { final: false })).toBe('delivered');
    expect(await runner.sendEmail(id, { final: false })).toBe('already-delivered');
    const mails = await new DevMailboxRepository(t.db).list({ recipients: ['checker@example.org'], limit: 10 });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('[Cloister] Export awaits review');
    expect(mails[0]!.text).toContain('Open in Cloister: http://portal.test:4400/exports/abc');
    expect(await log.get(id)).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('records a failed attempt when no SMTP server answers, and gives up on the last one', async () => {
    const user = await new UsersRepository(t.db).ensureByEmail('nobody-listens@example.org', null);
    const log = new NotificationDeliveriesRepository(t.db);
    const deadMailer = new SmtpMailer({ url: `smtp://127.0.0.1:${await freePort()}`, from: 'cloister@localhost', timeoutMs: 2000 });
    const runner = new NotificationDeliveryRunner({ log, directory: new NotificationsRepository(t.db), mailer: deadMailer, webhook: null, portalUrl: 'http://portal.test' });
    const payload = { kind: 'k', subject: 's', body: 'b', projectId: null, link: null, details: {}, recipients: [user.id], createdAt: new Date().toISOString() };
    const { id } = await log.create({ channel: 'email', dedupeKey: null, userId: user.id, kind: 'k', projectId: null, payload });
    await expect(runner.sendEmail(id, { final: false })).rejects.toThrow(/ECONNREFUSED|connect/i);
    expect(await log.get(id)).toMatchObject({ status: 'pending', attempts: 1 });
    await expect(runner.sendEmail(id, { final: true })).rejects.toThrow();
    expect(await log.get(id)).toMatchObject({ status: 'failed', attempts: 2 });
    deadMailer.close();
  });

  it('outlives a client that vanishes mid-session, and goes on accepting mail', async () => {
    const { port } = new URL(mailbox.url);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('data', () => resolve()));
    socket.write('EHLO vanishing.test\r\nMAIL FROM:<a@example.org>\r\n');
    await new Promise<void>((resolve) => socket.once('data', () => resolve()));
    // A reset, as when the sending process is killed: the server sees ECONNRESET, not a clean close.
    socket.resetAndDestroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await mailer.send({ to: 'after-reset@example.org', subject: 'Still here', text: 'x' });
    expect(await new DevMailboxRepository(t.db).list({ recipients: ['after-reset@example.org'], limit: 10 })).toHaveLength(1);
  });
});
