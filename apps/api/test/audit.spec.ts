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
