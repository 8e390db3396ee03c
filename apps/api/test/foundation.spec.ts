import { QUEUE_NAMES } from '@cloister/domain';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from './api-harness';

describe('API foundation', () => {
  let h: ApiHarness;
  beforeAll(async () => { h = await startApiHarness(); });
  afterAll(() => h.close());

  it('reports database, Redis and storage health', async () => {
    const res = await h.call('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(Object.keys(res.body.checks)).toEqual(['database', 'redis', 'storage']);
    expect(res.headers.get('x-request-id')).toMatch(/[0-9a-f-]{36}/);
  });

  it('refuses anonymous project listing with 401 and a stable code', async () => {
    const res = await h.call('GET', '/api/v1/projects');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED', details: null });
  });

  it('refuses unsigned and wrongly signed tokens', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: 'x', email: 'admin@example.org', iss: h.stack.issuer, aud: 'api://cloister', exp: 9999999999 })).toString('base64url');
    const none = await h.call('GET', '/api/v1/me', { token: `${header}.${payload}.` });
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('INVALID_TOKEN');
    const hs = await new SignJWT({ email: 'admin@example.org' }).setProtectedHeader({ alg: 'HS256' }).setIssuer(h.stack.issuer).setAudience('api://cloister').setExpirationTime('1h').sign(new TextEncoder().encode('guessable-secret-guessable-secret'));
    expect((await h.call('GET', '/api/v1/me', { token: hs })).status).toBe(401);
  });

  it('issues dev tokens that identify the caller', async () => {
    const res = await h.call('GET', '/api/v1/me', { token: await h.token('pi@example.org') });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email: 'pi@example.org', isPlatformAdmin: false, projects: [{ name: 'Demo study', roles: ['project_admin'] }] });
  });

  it('serves the OpenAPI document and its UI', async () => {
    const doc = await h.call('GET', '/api/docs-json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(doc.body.paths['/api/v1/projects']).toBeDefined();
    expect((await h.call('GET', '/api/docs')).text).toContain('swagger');
  });

  it('answers unknown routes, malformed JSON and oversized bodies with coded 4xx', async () => {
    const token = await h.token('admin@example.org');
    const missing = await h.call('GET', '/api/v1/nope', { token });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('NOT_FOUND');
    const malformed = await h.call('POST', '/api/v1/projects', { token, rawBody: '{"name": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('MALFORMED_BODY');
    const huge = await h.call('POST', '/api/v1/projects', { token, body: { name: 'x'.repeat(70_000) } });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('rejects unknown fields, naming them', async () => {
    const res = await h.call('POST', '/api/v1/projects', { token: await h.token('admin@example.org'), body: { name: 'P', tier: 1, adminEmails: ['pi@example.org'], colour: 'red' } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.message).toContain('colour');
  });

  it('rejects query parameters a route does not declare, naming them', async () => {
    const token = await h.token('admin@example.org');
    const undeclared = await h.call('GET', '/api/v1/me?colour=red', { token });
    expect(undeclared.status).toBe(400);
    expect(undeclared.body).toMatchObject({ code: 'VALIDATION_FAILED', message: 'query.colour: unknown field(s) colour' });
    const unknown = await h.call('GET', '/api/v1/projects?limit=5&colour=red', { token });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('colour');
    expect((await h.call('GET', '/api/v1/me', { token })).status).toBe(200);
  });

  it('opens Bull Board to platform admins only, through a path-scoped cookie', async () => {
    expect((await h.call('GET', '/admin/queues/')).status).toBe(401);
    expect((await h.call('POST', '/api/v1/admin/queue-board/session', { body: {} })).status).toBe(401);
    // Every demo role but the platform admin's: project admin, data owner, researcher, both checkers, no project.
    for (const email of ['pi@example.org', 'owner@example.org', 'researcher@example.org', 'checker1@example.org', 'checker2@example.org', 'outsider@example.org']) {
      const token = await h.token(email);
      expect((await h.call('GET', '/admin/queues/', { token })).status, email).toBe(403);
      expect((await h.call('GET', '/admin/queues/api/queues', { token })).status, email).toBe(403);
      expect((await h.call('POST', '/api/v1/admin/queue-board/session', { token, body: {} })).status, email).toBe(403);
    }
    const session = await h.call('POST', '/api/v1/admin/queue-board/session', { token: await h.token('admin@example.org'), body: {} });
    expect(session.status).toBe(200);
    const cookie = session.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Path=\/admin\/queues/);
    const board = await h.call('GET', '/admin/queues/', { headers: { cookie: cookie.split(';')[0]! } });
    expect(board.status).toBe(200);
    expect(board.text).toContain('<title>');
    const api = await h.call('GET', '/admin/queues/api/queues', { headers: { cookie: cookie.split(';')[0]! } });
    expect(api.body.queues.map((q: { name: string }) => q.name).sort()).toEqual([...QUEUE_NAMES].sort());
  });
});
