import { createTestDatabase, testEngines, type TestDatabase } from '@cloister/persistence/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DevMailboxRepository } from './dev-mailbox.repository';
import { NotificationDeliveriesRepository } from './notification-deliveries.repository';
import { type NewNotification, NotificationsRepository } from './notifications.repository';
import { UsersRepository } from './users.repository';

const note = (over: Partial<NewNotification> = {}): NewNotification => ({
  kind: 'export.submitted', subject: 'Review needed', body: 'An export awaits you', projectId: null, link: '/exports/1', idempotencyKey: null, ...over,
});

describe.each(testEngines())('notifications on %s', (engine) => {
  let t: TestDatabase;
  let repo: NotificationsRepository;
  let alice: string;
  let bob: string;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    repo = new NotificationsRepository(t.db);
    const users = new UsersRepository(t.db);
    alice = (await users.ensureByEmail('alice@example.org', 'Alice')).id;
    bob = (await users.ensureByEmail('bob@example.org', 'Bob')).id;
  });
  afterAll(() => t.close());

  it('creates one row per existing recipient and skips ids that are no user', async () => {
    const rows = await repo.createForUsers(note(), [alice, bob, alice, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']);
    expect(rows.map((r) => r.userId).sort()).toEqual([alice, bob].sort());
    expect(rows.every((r) => r.readAt === null && r.kind === 'export.submitted')).toBe(true);
  });

  it('creates a keyed notification once per user however often it is sent', async () => {
    const first = await repo.createForUsers(note({ idempotencyKey: 'export:1:in_review' }), [alice]);
    const again = await repo.createForUsers(note({ idempotencyKey: 'export:1:in_review' }), [alice, bob]);
    expect(first).toHaveLength(1);
    expect(again.map((r) => r.userId)).toEqual([bob]);
  });

  it('pages newest first with total and unread counts, and only the owner sees or marks a row', async () => {
    const carol = (await new UsersRepository(t.db).ensureByEmail('carol@example.org', null)).id;
    for (let i = 0; i < 5; i++) await repo.createForUsers(note({ subject: `n${i}` }), [carol]);
    const page = await repo.listForUser(carol, { limit: 2, offset: 0, unreadOnly: false });
    expect(page.items.map((n) => n.subject)).toEqual(['n4', 'n3']);
    expect(page).toMatchObject({ total: 5, unread: 5 });
    const second = await repo.listForUser(carol, { limit: 2, offset: 2, unreadOnly: false });
    expect(second.items.map((n) => n.subject)).toEqual(['n2', 'n1']);

    expect(await repo.markRead(alice, page.items[0]!.id)).toBe(false);
    expect(await repo.markRead(carol, page.items[0]!.id)).toBe(true);
    expect(await repo.markRead(carol, page.items[0]!.id)).toBe(true);
    const after = await repo.listForUser(carol, { limit: 10, offset: 0, unreadOnly: true });
    expect(after).toMatchObject({ total: 4, unread: 4 });
    expect(after.items.map((n) => n.subject)).not.toContain('n4');

    expect(await repo.markAllRead(carol)).toBe(4);
    expect(await repo.markAllRead(carol)).toBe(0);
    expect((await repo.listForUser(carol, { limit: 10, offset: 0, unreadOnly: false })).unread).toBe(0);
    // Someone else's rows are untouched.
    expect((await repo.listForUser(alice, { limit: 10, offset: 0, unreadOnly: false })).unread).toBeGreaterThan(0);
  });

  it('logs deliveries once per dedupe key and counts attempts until delivered or failed', async () => {
    const deliveries = new NotificationDeliveriesRepository(t.db);
    const a = await deliveries.create({ channel: 'webhook', dedupeKey: 'webhook:k1', userId: null, kind: 'k', projectId: null, payload: { a: 1 } });
    const b = await deliveries.create({ channel: 'webhook', dedupeKey: 'webhook:k1', userId: null, kind: 'k', projectId: null, payload: { a: 2 } });
    expect(b).toEqual({ id: a.id, created: false });
    await deliveries.recordAttempt(a.id, { ok: false, error: 'HTTP 500', final: false });
    expect(await deliveries.get(a.id)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 500', payload: { a: 1 } });
    await deliveries.recordAttempt(a.id, { ok: true });
    await deliveries.recordAttempt(a.id, { ok: false, error: 'late duplicate', final: true });
    expect(await deliveries.get(a.id)).toMatchObject({ status: 'delivered', attempts: 2, lastError: null });

    const c = await deliveries.create({ channel: 'email', dedupeKey: null, userId: alice, kind: 'k', projectId: null, payload: {} });
    const d = await deliveries.create({ channel: 'email', dedupeKey: null, userId: alice, kind: 'k', projectId: null, payload: {} });
    expect(c.id).not.toBe(d.id);
    await deliveries.recordAttempt(c.id, { ok: false, error: 'refused', final: true });
    expect(await deliveries.get(c.id)).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('keeps caught mail and filters it by envelope recipient', async () => {
    const mailbox = new DevMailboxRepository(t.db);
    const base = { envelopeFrom: 'cloister@localhost', from: 'cloister@localhost', text: 'hi', html: null, messageId: '<m@x>', size: 10 };
    await mailbox.store({ ...base, envelopeTo: ['Alice@Example.org'], to: ['alice@example.org'], subject: 'for alice' });
    await mailbox.store({ ...base, envelopeTo: ['bob@example.org'], to: ['bob@example.org'], subject: 'for bob' });
    expect((await mailbox.list({ recipients: ['alice@example.org'], limit: 10 })).map((m) => m.subject)).toEqual(['for alice']);
    expect((await mailbox.list({ recipients: [], limit: 10 }))).toEqual([]);
    // Both can land in the same clock tick (PGlite's clock is coarse), so only membership is certain here.
    expect((await mailbox.list({ limit: 10 })).map((m) => m.subject).sort()).toEqual(['for alice', 'for bob']);
  });
});
