import { DEMO_PASSWORD, PORTAL_CLIENT_ID } from '@cloister/local-stack';
import { AuditRepository } from '@cloister/persistence';
import { AuthorizationCodeFlow } from '@cloister/local-idp/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from './api-harness';

describe('projects and members', () => {
  let h: ApiHarness;
  let admin: string;
  let pi: string;
  const counts = async () => {
    const r = await sql<{ p: string; m: string; a: string }>`select (select count(*) from projects) p, (select count(*) from project_members) m, (select count(*) from audit_events) a`.execute(h.db);
    return r.rows[0];
  };
  beforeAll(async () => {
    h = await startApiHarness();
    admin = await h.token('admin@example.org');
    pi = await h.token('pi@example.org');
  });
  afterAll(() => h.close());

  it('lets a platform admin create a project with its admins, audited', async () => {
    const res = await h.call('POST', '/api/v1/projects', { token: admin, body: { name: 'Cardiac cohort', tier: 3, adminEmails: ['New.PI@Example.org'] } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Cardiac cohort', tier: 3, status: 'draft', checkersRequired: 2 });
    const members = await h.call('GET', `/api/v1/projects/${res.body.id}/members`, { token: admin });
    expect(members.body.items).toEqual([expect.objectContaining({ email: 'new.pi@example.org', roles: ['project_admin'], invited: true })]);
    const events = await h.call('GET', `/api/v1/audit-events?projectId=${res.body.id}`, { token: admin });
    expect(events.body.items.map((e: { action: string }) => e.action)).toEqual(['project.created', 'project.member_added']);
  });

  it('joins an invited user to their memberships on first sign-in', async () => {
    const me = await h.call('GET', '/api/v1/me', { token: await h.token('new.pi@example.org') });
    expect(me.body.projects).toEqual([expect.objectContaining({ name: 'Cardiac cohort', roles: ['project_admin'] })]);
  });

  it.each([
    ['tier outside 0–4', { name: 'T', tier: 5, adminEmails: ['a@example.org'] }, 'VALIDATION_FAILED', 'body.tier'],
    ['an over-long name', { name: 'n'.repeat(121), tier: 1, adminEmails: ['a@example.org'] }, 'VALIDATION_FAILED', 'body.name'],
    ['an invalid email', { name: 'E', tier: 1, adminEmails: ['not-an-email'] }, 'VALIDATION_FAILED', 'body.adminEmails[0]'],
    ['too few checkers for tier 3', { name: 'C', tier: 3, checkersRequired: 1, adminEmails: ['a@example.org'] }, 'CHECKERS_OUT_OF_RANGE', 'checkersRequired'],
    ['a duplicate name', { name: 'demo STUDY', tier: 1, adminEmails: ['a@example.org'] }, 'PROJECT_NAME_TAKEN', 'name'],
  ])('refuses %s with a coded 4xx naming the field, writing nothing', async (_, body, code, field) => {
    const before = await counts();
    const res = await h.call('POST', '/api/v1/projects', { token: admin, body });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.code).toBe(code);
    expect(res.body.message).toContain(field);
    expect(await counts()).toEqual(before);
  });

  it('manages members: invite, duplicate, unknown role, roles change', async () => {
    const p = `/api/v1/projects/${h.demoProjectId}/members`;
    const added = await h.call('POST', p, { token: pi, body: { email: 'stats@example.org', roles: ['researcher', 'output_checker'] } });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ email: 'stats@example.org', roles: ['output_checker', 'researcher'], invited: true });
    const dup = await h.call('POST', p, { token: pi, body: { email: 'STATS@example.org', roles: ['researcher'] } });
    expect(dup).toMatchObject({ status: 409, body: { code: 'MEMBER_EXISTS' } });
    const badRole = await h.call('POST', p, { token: pi, body: { email: 'x@example.org', roles: ['superuser'] } });
    expect(badRole.status).toBe(400);
    expect(badRole.body.message).toContain('body.roles[0]');
    const changed = await h.call('PUT', `${p}/${added.body.userId}`, { token: pi, body: { roles: ['researcher'] } });
    expect(changed.body.roles).toEqual(['researcher']);
  });

  it('names a member by email as well as by user id, and says what a bad name should be', async () => {
    const p = `/api/v1/projects/${h.demoProjectId}/members`;
    expect((await h.call('POST', p, { token: pi, body: { email: 'by.email@example.org', roles: ['researcher'] } })).status).toBe(201);
    const changed = await h.call('PUT', `${p}/${encodeURIComponent('By.Email@example.org')}`, { token: pi, body: { roles: ['researcher', 'data_owner'] } });
    expect(changed).toMatchObject({ status: 200, body: { email: 'by.email@example.org', roles: expect.arrayContaining(['researcher', 'data_owner']) } });
    expect((await h.call('DELETE', `${p}/${encodeURIComponent('by.email@example.org')}`, { token: pi })).status).toBe(204);
    const gone = await h.call('DELETE', `${p}/${encodeURIComponent('by.email@example.org')}`, { token: pi });
    expect(gone).toMatchObject({ status: 404, body: { code: 'MEMBER_NOT_FOUND' } });
    expect(gone.body.message).toMatch(/^userId: /);
    const bad = await h.call('DELETE', `${p}/not-a-member-name`, { token: pi });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('userId');
  });

  it('never removes the last project admin', async () => {
    const me = await h.call('GET', '/api/v1/me', { token: pi });
    const before = await counts();
    const res = await h.call('DELETE', `/api/v1/projects/${h.demoProjectId}/members/${me.body.id}`, { token: pi });
    expect(res).toMatchObject({ status: 409, body: { code: 'LAST_PROJECT_ADMIN' } });
    const demote = await h.call('PUT', `/api/v1/projects/${h.demoProjectId}/members/${me.body.id}`, { token: pi, body: { roles: ['researcher'] } });
    expect(demote.body.code).toBe('LAST_PROJECT_ADMIN');
    expect(await counts()).toEqual(before);
  });

  it('applies a removal on the very next request, whatever token the member holds', async () => {
    const token = await h.token('owner@example.org');
    expect((await h.call('GET', `/api/v1/projects/${h.demoProjectId}`, { token })).status).toBe(200);
    const me = await h.call('GET', '/api/v1/me', { token });
    expect((await h.call('DELETE', `/api/v1/projects/${h.demoProjectId}/members/${me.body.id}`, { token: pi })).status).toBe(204);
    expect((await h.call('GET', `/api/v1/projects/${h.demoProjectId}`, { token })).status).toBe(404);
  });

  it('walks the lifecycle by the transition table and refuses the rest', async () => {
    const created = await h.call('POST', '/api/v1/projects', { token: admin, body: { name: 'Lifecycle', tier: 1, adminEmails: ['pi@example.org'] } });
    const t = `/api/v1/projects/${created.body.id}/transitions`;
    expect((await h.call('POST', t, { token: pi, body: { to: 'active' } })).body.code).toBe('INVALID_TRANSITION');
    expect((await h.call('POST', t, { token: pi, body: { to: 'provisioning' } })).body.status).toBe('provisioning');
    const system = await h.call('POST', t, { token: admin, body: { to: 'active' } });
    expect(system).toMatchObject({ status: 403, body: { code: 'TRANSITION_NOT_ALLOWED' } });
  });

  it('lets a project admin change settings within the tier, and platform admins not at all', async () => {
    const p = `/api/v1/projects/${h.demoProjectId}`;
    expect((await h.call('PATCH', p, { token: pi, body: { checkersRequired: 3 } })).body.checkersRequired).toBe(3);
    expect((await h.call('PATCH', p, { token: pi, body: { tier: 1 } })).body).toMatchObject({ tier: 1, checkersRequired: 3 });
    expect((await h.call('PATCH', p, { token: pi, body: {} })).status).toBe(400);
    expect((await h.call('PATCH', p, { token: admin, body: { tier: 2 } })).status).toBe(403);
  });
  it('joins an invitee on their first sign-in through the OIDC code flow, and audits the join', async () => {
    const invite = await h.call('POST', `/api/v1/projects/${h.demoProjectId}/members`, { token: pi, body: { email: 'Oidc.Invitee@example.org', roles: ['researcher'] } });
    expect(invite.body).toMatchObject({ email: 'oidc.invitee@example.org', invited: true });
    // The portal's own client, redirect URI and the IdP's login form: the path a browser takes, not the dev token.
    const flow = new AuthorizationCodeFlow({ issuer: h.stack.issuer, clientId: PORTAL_CLIENT_ID, redirectUri: `${h.url}/auth/callback` });
    const code = await flow.signInForCode('oidc.invitee@example.org', DEMO_PASSWORD);
    const { response, body } = await flow.exchangeCode(code, h.url);
    expect(response.status).toBe(200);
    const me = await h.call('GET', '/api/v1/me', { token: body.access_token, headers: { 'x-request-id': 'first-sign-in-1' } });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: invite.body.userId, email: 'oidc.invitee@example.org', projects: [{ id: h.demoProjectId, roles: ['researcher'] }] });
    const members = await h.call('GET', `/api/v1/projects/${h.demoProjectId}/members`, { token: pi });
    expect(members.body.items.find((m: { userId: string }) => m.userId === invite.body.userId)).toMatchObject({ invited: false });
    const joined = await h.call('GET', `/api/v1/audit-events?action=auth.invitation_joined&actorId=${invite.body.userId}`, { token: admin });
    expect(joined.body.items).toEqual([expect.objectContaining({ targetId: invite.body.userId, requestId: 'first-sign-in-1', sourceIp: expect.any(String) })]);
    // Later requests with the same identity are plain look-ups: no second join.
    await h.call('GET', '/api/v1/me', { token: body.access_token });
    expect((await h.call('GET', `/api/v1/audit-events?action=auth.invitation_joined&actorId=${invite.body.userId}`, { token: admin })).body.items).toHaveLength(1);
  });

  it('applies a removed role on the very next request: the same token gets 403 where the role was needed', async () => {
    const token = await h.token('researcher@example.org');
    const me = await h.call('GET', '/api/v1/me', { token });
    const datasets = `/api/v1/projects/${h.demoProjectId}/datasets`;
    expect((await h.call('GET', datasets, { token })).status).toBe(200);
    const members = `/api/v1/projects/${h.demoProjectId}/members/${me.body.id}`;
    expect((await h.call('PUT', members, { token: pi, body: { roles: ['output_checker'] } })).status).toBe(200);
    const refused = await h.call('GET', datasets, { token });
    expect(refused).toMatchObject({ status: 403, body: { code: 'PERMISSION_DENIED' } });
    expect((await h.call('GET', `/api/v1/projects/${h.demoProjectId}`, { token })).status).toBe(200);
    expect((await h.call('PUT', members, { token: pi, body: { roles: ['researcher'] } })).status).toBe(200);
    expect((await h.call('GET', datasets, { token })).status).toBe(200);
  });

  it('records who, what, where and why for membership and settings changes', async () => {
    const piMe = (await h.call('GET', '/api/v1/me', { token: pi })).body;
    const added = await h.call('POST', `/api/v1/projects/${h.demoProjectId}/members`, { token: pi, body: { email: 'audited@example.org', roles: ['data_owner'] }, headers: { 'x-request-id': 'audit-fields-1' } });
    await h.call('PUT', `/api/v1/projects/${h.demoProjectId}/members/${added.body.userId}`, { token: pi, body: { roles: ['researcher'] }, headers: { 'x-request-id': 'audit-fields-2' } });
    await h.call('DELETE', `/api/v1/projects/${h.demoProjectId}/members/${added.body.userId}`, { token: pi, headers: { 'x-request-id': 'audit-fields-3' } });
    await h.call('PATCH', `/api/v1/projects/${h.demoProjectId}`, { token: pi, body: { description: 'Audited change' }, headers: { 'x-request-id': 'audit-fields-4' } });
    const events = (await h.call('GET', `/api/v1/audit-events?projectId=${h.demoProjectId}&actorId=${piMe.id}`, { token: admin })).body.items
      .filter((e: { requestId: string }) => e.requestId?.startsWith('audit-fields-'));
    const common = { actorId: piMe.id, actorEmail: 'pi@example.org', projectId: h.demoProjectId, sourceIp: expect.stringMatching(/127\.0\.0\.1/), occurredAt: expect.any(String) };
    expect(events).toEqual([
      expect.objectContaining({ ...common, requestId: 'audit-fields-1', action: 'project.member_added', targetType: 'user', targetId: added.body.userId, details: { email: 'audited@example.org', roles: ['data_owner'], invited: true } }),
      expect.objectContaining({ ...common, requestId: 'audit-fields-2', action: 'project.member_roles_changed', targetId: added.body.userId, details: { email: 'audited@example.org', added: ['researcher'], removed: ['data_owner'] } }),
      expect.objectContaining({ ...common, requestId: 'audit-fields-3', action: 'project.member_removed', targetId: added.body.userId, details: { email: 'audited@example.org', roles: ['researcher'] } }),
      expect.objectContaining({ ...common, requestId: 'audit-fields-4', action: 'project.settings_changed', targetType: 'project', targetId: h.demoProjectId }),
    ]);
  });

  it('audits every dev token it issues', async () => {
    const res = await h.call('POST', '/api/v1/dev/token', { body: { email: 'token.holder@example.org' }, headers: { 'x-request-id': 'dev-token-1' } });
    expect(res.status).toBe(200);
    const issued = (await h.call('GET', '/api/v1/audit-events?action=auth.dev_token_issued', { token: admin })).body.items.filter((e: { requestId: string }) => e.requestId === 'dev-token-1');
    expect(issued).toEqual([expect.objectContaining({ actorEmail: 'token.holder@example.org', targetType: 'user', sourceIp: expect.any(String), details: { ttlSeconds: 3600 } })]);
  });

  it.each([
    ['an invalid email', 'POST', 'members', { email: 'not-an-email', roles: ['researcher'] }, 400, 'VALIDATION_FAILED', 'body.email'],
    ['an over-long email', 'POST', 'members', { email: `${'a'.repeat(250)}@example.org`, roles: ['researcher'] }, 400, 'VALIDATION_FAILED', 'body.email'],
    ['an unknown role', 'POST', 'members', { email: 'someone@example.org', roles: ['researcher', 'superuser'] }, 400, 'VALIDATION_FAILED', 'body.roles[1]'],
    ['no role at all', 'POST', 'members', { email: 'someone@example.org', roles: [] }, 400, 'VALIDATION_FAILED', 'body.roles'],
    ['a repeated role', 'POST', 'members', { email: 'someone@example.org', roles: ['researcher', 'researcher'] }, 400, 'VALIDATION_FAILED', 'body.roles'],
    ['a duplicate member', 'POST', 'members', { email: 'PI@example.org', roles: ['researcher'] }, 409, 'MEMBER_EXISTS', 'email'],
    ['an unknown role on a role change', 'PUT', 'members/:pi', { roles: ['owner'] }, 400, 'VALIDATION_FAILED', 'body.roles[0]'],
    ['the last admin dropping their own admin role', 'PUT', 'members/:pi', { roles: ['researcher'] }, 409, 'LAST_PROJECT_ADMIN', 'roles'],
    ['the last admin removing themselves', 'DELETE', 'members/:pi', undefined, 409, 'LAST_PROJECT_ADMIN', 'roles'],
    ['a tier outside 0–4', 'PATCH', '', { tier: -1 }, 400, 'VALIDATION_FAILED', 'body.tier'],
    ['a fractional tier', 'PATCH', '', { tier: 2.5 }, 400, 'VALIDATION_FAILED', 'body.tier'],
    ['an over-long name', 'PATCH', '', { name: 'n'.repeat(121) }, 400, 'VALIDATION_FAILED', 'body.name'],
    ['checkers outside the tier', 'PATCH', '', { tier: 4, checkersRequired: 1 }, 400, 'CHECKERS_OUT_OF_RANGE', 'checkersRequired'],
  ])('refuses %s with a coded 4xx naming the field, writing nothing', async (_, method, sub, body, status, code, field) => {
    const piId = (await h.call('GET', '/api/v1/me', { token: pi })).body.id as string;
    const path = `/api/v1/projects/${h.demoProjectId}${sub ? `/${sub.replace(':pi', piId)}` : ''}`;
    const users = async () => (await sql<{ n: string }>`select count(*) n from users`.execute(h.db)).rows[0]!.n;
    const project = async () => (await h.call('GET', `/api/v1/projects/${h.demoProjectId}`, { token: pi })).body;
    const before = { counts: await counts(), users: await users(), project: await project() };
    const res = await h.call(method, path, { token: pi, ...(body !== undefined && { body }) });
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
    expect(res.body.message).toContain(field);
    expect({ counts: await counts(), users: await users(), project: await project() }).toEqual(before);
  });

  it('retries a failed provisioning, but a failed decommission only as a decommission (platform admin)', async () => {
    const created = await h.call('POST', '/api/v1/projects', { token: admin, body: { name: 'Teardown', tier: 1, adminEmails: ['pi@example.org'] } });
    const id = created.body.id as string;
    const t = `/api/v1/projects/${id}/transitions`;
    // The worker's own steps, as it records them: provisioning failed, then (later) a decommission failed.
    const fail = async (from: string, action: string) => {
      await sql`update projects set status = 'failed' where id = ${id}`.execute(h.db);
      await h.db.transaction().execute((trx) => new AuditRepository(h.db).append(trx, {
        actorId: null, actorEmail: null, action: `project.${action}`, targetType: 'project', targetId: id, projectId: id, requestId: null, sourceIp: null, details: { from, to: 'failed' },
      }));
    };
    await fail('provisioning', 'provisioning_failed');
    expect((await h.call('POST', t, { token: pi, body: { to: 'decommissioning' } })).body.code).toBe('TRANSITION_NOT_ALLOWED');
    expect((await h.call('POST', t, { token: pi, body: { to: 'provisioning' } })).body.status).toBe('provisioning');
    await fail('decommissioning', 'decommissioning_failed');
    const retry = await h.call('POST', t, { token: pi, body: { to: 'provisioning' } });
    expect(retry).toMatchObject({ status: 409, body: { code: 'RETRY_MUST_DECOMMISSION' } });
    expect(retry.body.message).toContain('to');
    expect((await h.call('POST', t, { token: admin, body: { to: 'decommissioning' } })).body.status).toBe('decommissioning');
  });
});
