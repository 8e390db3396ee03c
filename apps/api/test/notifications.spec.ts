import { NestFactory } from '@nestjs/core';
import { SmtpMailer } from '@cloister/adapters';
import { loadApiConfig } from '@cloister/config';
import type { NotifierPort } from '@cloister/domain';
import { UsersRepository } from '@cloister/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppModule } from '../src/app.module';
import { NOTIFIER } from '../src/core/tokens';
import { listRoutes } from '../src/http/route-inventory';
import { startApiHarness, type ApiHarness } from './api-harness';

describe('notification centre and dev mailbox', () => {
  let h: ApiHarness;
  let researcher: string;
  let checker: string;
  let researcherId: string;
  let checkerId: string;
  beforeAll(async () => {
    h = await startApiHarness();
    researcher = await h.token('researcher@example.org');
    checker = await h.token('checker1@example.org');
    const users = new UsersRepository(h.db);
    researcherId = (await users.findByEmail('researcher@example.org'))!.id;
    checkerId = (await users.findByEmail('checker1@example.org'))!.id;
    const notifier = h.app.get<NotifierPort>(NOTIFIER);
    for (let i = 1; i <= 3; i++) {
      await notifier.send({ recipients: [researcherId], subject: `Update ${i}`, body: `Body ${i}`, projectId: h.demoProjectId, link: `/projects/${h.demoProjectId}`, kind: 'test.update' });
    }
    await notifier.send({ recipients: [checkerId], subject: 'For the checker', body: 'Only theirs', projectId: null, link: null, kind: 'test.checker' });
  });
  afterAll(() => h.close());

  it('lists only the caller\'s own notifications, newest first, paged, with the unread count', async () => {
    const first = await h.call('GET', '/api/v1/me/notifications?limit=2', { token: researcher });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: 3, unread: 3, limit: 2, offset: 0 });
    expect(first.body.items.map((n: { subject: string }) => n.subject)).toEqual(['Update 3', 'Update 2']);
    expect(first.body.items[0]).toMatchObject({ kind: 'test.update', projectId: h.demoProjectId, link: `/projects/${h.demoProjectId}`, readAt: null });
    const second = await h.call('GET', '/api/v1/me/notifications?limit=2&offset=2', { token: researcher });
    expect(second.body.items.map((n: { subject: string }) => n.subject)).toEqual(['Update 1']);
    const outsider = await h.call('GET', '/api/v1/me/notifications', { token: await h.token('outsider@example.org') });
    expect(outsider.body).toMatchObject({ items: [], total: 0, unread: 0 });
  });

  it('marks one read (audited) and refuses someone else\'s as not found', async () => {
    const mine = (await h.call('GET', '/api/v1/me/notifications?limit=1', { token: researcher })).body.items[0];
    const theirs = await h.call('POST', `/api/v1/me/notifications/${mine.id}/read`, { token: checker, body: {} });
    expect(theirs.status).toBe(404);
    expect(theirs.body.code).toBe('NOTIFICATION_NOT_FOUND');
    const read = await h.call('POST', `/api/v1/me/notifications/${mine.id}/read`, { token: researcher, body: {} });
    expect(read.status).toBe(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    const again = await h.call('POST', `/api/v1/me/notifications/${mine.id}/read`, { token: researcher, body: {} });
    expect(again.body.readAt).toBe(read.body.readAt);
    const unread = await h.call('GET', '/api/v1/me/notifications?unreadOnly=true', { token: researcher });
    expect(unread.body).toMatchObject({ total: 2, unread: 2 });
    const audit = await h.db.selectFrom('audit_events').select(['action', 'actor_id']).where('target_id', '=', mine.id).execute();
    expect(audit).toEqual([{ action: 'notification.read', actor_id: researcherId }]);
  });

  it('marks all of the caller\'s notifications read and leaves other people\'s alone', async () => {
    const res = await h.call('POST', '/api/v1/me/notifications/read-all', { token: researcher, body: {} });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ marked: 2, unread: 0 });
    expect((await h.call('GET', '/api/v1/me/notifications', { token: researcher })).body.unread).toBe(0);
    expect((await h.call('GET', '/api/v1/me/notifications', { token: checker })).body.unread).toBe(1);
  });

  it.each([
    ['limit=0', 'query.limit'],
    ['limit=abc', 'query.limit'],
    ['offset=-1', 'query.offset'],
    ['unreadOnly=yes', 'query.unreadOnly'],
    ['page=2', 'query.page'],
  ])('refuses the query %s naming %s', async (query, field) => {
    const res = await h.call('GET', `/api/v1/me/notifications?${query}`, { token: researcher });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.message).toContain(field);
  });

  it('refuses a malformed id, a body on the actions, and anonymous callers', async () => {
    const badId = await h.call('POST', '/api/v1/me/notifications/not-a-uuid/read', { token: researcher, body: {} });
    expect(badId.status).toBe(400);
    expect(badId.body.message).toContain('params.id');
    const body = await h.call('POST', '/api/v1/me/notifications/read-all', { token: researcher, body: { all: true } });
    expect(body.status).toBe(400);
    expect(body.body.message).toContain('body.all');
    expect((await h.call('GET', '/api/v1/me/notifications')).status).toBe(401);
    expect((await h.call('GET', '/api/v1/dev/mailbox')).status).toBe(401);
  });

  it('shows caught mail to its recipient only, and all of it to a platform admin', async () => {
    const mailer = new SmtpMailer({ url: h.stack.smtpUrl, from: 'cloister@localhost' });
    await mailer.send({ to: 'researcher@example.org', subject: 'Mail for the researcher', text: 'hello researcher' });
    await mailer.send({ to: 'checker1@example.org', subject: 'Mail for the checker', text: 'hello checker' });
    mailer.close();
    const mine = await h.call('GET', '/api/v1/dev/mailbox', { token: researcher });
    expect(mine.status).toBe(200);
    expect(mine.body.scope).toBe('mine');
    expect(mine.body.items.map((m: { subject: string }) => m.subject)).toEqual(['Mail for the researcher']);
    expect(mine.body.items[0]).toMatchObject({ from: 'cloister@localhost', to: ['researcher@example.org'], text: expect.stringContaining('hello researcher') });
    const all = await h.call('GET', '/api/v1/dev/mailbox?limit=10', { token: await h.token('admin@example.org') });
    expect(all.body.scope).toBe('all');
    expect(all.body.items.map((m: { subject: string }) => m.subject)).toEqual(expect.arrayContaining(['Mail for the researcher', 'Mail for the checker']));
    expect((await h.call('GET', '/api/v1/dev/mailbox?limit=500', { token: researcher })).status).toBe(400);
  });
});

describe('dev mailbox in azure mode', () => {
  it('does not exist', async () => {
    const config = loadApiConfig({
      CLOISTER_MODE: 'azure', DATABASE_URL: 'postgres://contract@127.0.0.1:1/contract', PUBLIC_STORAGE_BLOB_URL: 'https://example.blob.core.windows.net/',
      PUBLIC_STORAGE_ACCOUNT: 'example', OIDC_ISSUER: 'https://login.example.org/tenant/v2.0', SECURE_GATEWAY_SECRET: 'x'.repeat(40),
    });
    const app = await NestFactory.create(AppModule.forRoot(config), { preview: true, logger: false });
    app.setGlobalPrefix('api');
    const paths = listRoutes(app).map((r) => `${r.method} ${r.path}`);
    expect(paths).toContain('GET /api/v1/me/notifications');
    expect(paths).not.toContain('GET /api/v1/dev/mailbox');
    await app.close();
  });
});
