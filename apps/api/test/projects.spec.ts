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
});
