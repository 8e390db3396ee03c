import { sql } from 'kysely';
import { testEngines } from '@cloister/persistence/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from './api-harness';

describe.each(testEngines())('audit log API on %s', (engine) => {
  let h: ApiHarness;
  let admin: string;
  beforeAll(async () => {
    h = await startApiHarness(engine);
    admin = await h.token('admin@example.org');
  });
  afterAll(() => h.close());

  it('keeps one chain under many parallel requests', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) =>
      h.call('POST', '/api/v1/projects', { token: admin, body: { name: `Parallel ${i}`, tier: 1, adminEmails: [`pi${i}@example.org`] } })));
    expect(results.map((r) => r.status)).toEqual(Array(40).fill(201));
    const verify = await h.call('POST', '/api/v1/audit-events/verify', { token: admin });
    expect(verify.body).toMatchObject({ ok: true, firstBrokenId: null });
    expect(verify.body.checked).toBeGreaterThanOrEqual(80);
  });

  it('pages with a cursor and filters by action', async () => {
    const first = await h.call('GET', '/api/v1/audit-events?action=project.created&limit=15', { token: admin });
    expect(first.body.items).toHaveLength(15);
    const second = await h.call('GET', `/api/v1/audit-events?action=project.created&limit=50&cursor=${first.body.nextCursor}`, { token: admin });
    expect(second.body.items.length).toBe(25);
    expect(second.body.nextCursor).toBeNull();
    expect(second.body.items[0].seq).toBeGreaterThan(first.body.items[14].seq);
  });

  it('shows project admins their project only', async () => {
    const pi = await h.token('pi@example.org');
    expect((await h.call('GET', '/api/v1/audit-events', { token: pi })).status).toBe(400);
    const own = await h.call('GET', `/api/v1/audit-events?projectId=${h.demoProjectId}`, { token: pi });
    expect(own.status).toBe(200);
    expect(own.body.items.every((e: { projectId: string }) => e.projectId === h.demoProjectId)).toBe(true);
  });

  it('filters by actor and by time range', async () => {
    const pi = await h.token('pi@example.org');
    const piId = (await h.call('GET', '/api/v1/me', { token: pi })).body.id as string;
    const all = (await h.call('GET', '/api/v1/audit-events?limit=200', { token: admin })).body.items as { seq: number; occurredAt: string; actorId: string | null }[];
    const byActor = await h.call('GET', `/api/v1/audit-events?actorId=${piId}&limit=200`, { token: admin });
    expect(byActor.body.items.length).toBeGreaterThan(0);
    expect(byActor.body.items.map((e: { seq: number }) => e.seq)).toEqual(all.filter((e) => e.actorId === piId).map((e) => e.seq));
    // from is inclusive, to exclusive: a window around the middle events returns exactly those.
    const from = all[10]!.occurredAt;
    const to = all[20]!.occurredAt;
    const windowed = await h.call('GET', `/api/v1/audit-events?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&limit=200`, { token: admin });
    expect(windowed.body.items.map((e: { seq: number }) => e.seq)).toEqual(all.filter((e) => e.occurredAt >= from && e.occurredAt < to).map((e) => e.seq));
    const bad = await h.call('GET', '/api/v1/audit-events?from=yesterday', { token: admin });
    expect(bad).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(bad.body.message).toContain('query.from');
  });

  it('streams JSON Lines and CSV exports, and audits them', async () => {
    const jsonl = await h.call('GET', '/api/v1/audit-events/export?format=jsonl&action=project.created', { token: admin });
    expect(jsonl.headers.get('content-type')).toContain('application/x-ndjson');
    expect(jsonl.text.trim().split('\n').map((l) => JSON.parse(l).action)).toEqual(Array(40).fill('project.created'));
    const csv = await h.call('GET', '/api/v1/audit-events/export?format=csv&action=project.created', { token: admin });
    expect(csv.text.split('\n')[0]).toBe('seq,id,occurredAt,actorId,actorEmail,action,targetType,targetId,projectId,requestId,sourceIp,details,prevHash,hash');
    expect(csv.text.trim().split('\n')).toHaveLength(41);
    const exported = await h.call('GET', '/api/v1/audit-events?action=audit.exported', { token: admin });
    expect(exported.body.items).toHaveLength(2);
  });

  it('keeps project admins to their own project, and everyone else out', async () => {
    const pi = await h.token('pi@example.org');
    const other = await h.call('POST', '/api/v1/projects', { token: admin, body: { name: 'Someone else’s', tier: 2, adminEmails: ['other.pi@example.org'] } });
    for (const path of ['/api/v1/audit-events', '/api/v1/audit-events/export']) {
      expect((await h.call('GET', `${path}?projectId=${other.body.id}`, { token: pi })).body.code).toBe('PROJECT_NOT_FOUND');
      expect((await h.call('GET', `${path}?projectId=${h.demoProjectId}`, { token: await h.token('researcher@example.org') })).status).toBe(403);
      expect((await h.call('GET', `${path}?projectId=${h.demoProjectId}`)).status).toBe(401);
    }
    const own = await h.call('GET', `/api/v1/audit-events/export?format=jsonl&projectId=${h.demoProjectId}`, { token: pi });
    expect(own.status).toBe(200);
    expect(own.text.trim().split('\n').every((l) => JSON.parse(l).projectId === h.demoProjectId)).toBe(true);
    expect((await h.call('POST', '/api/v1/audit-events/verify', { token: pi, body: {} })).status).toBe(403);
  });

  it('pinpoints a row edited directly in the database', async () => {
    const victim = (await h.call('GET', '/api/v1/audit-events?action=project.created&limit=5', { token: admin })).body.items[3];
    await h.db.connection().execute(async (conn) => {
      await sql`SET session_replication_role = replica`.execute(conn);
      await sql`UPDATE audit_events SET actor_email = 'someone-else@example.org' WHERE id = ${victim.id}`.execute(conn);
      await sql`SET session_replication_role = DEFAULT`.execute(conn);
    });
    const verify = await h.call('POST', '/api/v1/audit-events/verify', { token: admin });
    expect(verify.body).toMatchObject({ ok: false, firstBrokenId: victim.id });
  });
});
