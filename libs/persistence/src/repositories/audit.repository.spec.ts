import { createTestDatabase, testEngines, type TestDatabase } from '@cloister/persistence/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditRepository } from './audit.repository';

const event = (i: number) => ({
  actorId: null, actorEmail: `user${i}@example.org`, action: 'test.event', targetType: 'test', targetId: String(i),
  projectId: null, requestId: `req-${i}`, sourceIp: '127.0.0.1', details: { i, nested: { b: 2, a: 1 } },
});

describe.each(testEngines())('audit chain on %s', (engine) => {
  let t: TestDatabase;
  let audit: AuditRepository;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    audit = new AuditRepository(t.db);
  });
  afterAll(() => t.close());

  it('stays one unbroken chain under many concurrent writers', async () => {
    await Promise.all(Array.from({ length: 60 }, (_, i) => audit.appendStandalone(event(i))));
    const all = await audit.list({ limit: 1000 });
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    for (let i = 1; i < all.length; i++) expect(all[i]!.prevHash).toBe(all[i - 1]!.hash);
    expect(await audit.verify()).toEqual({ ok: true, checked: 60, firstBrokenId: null });
  });

  it('rolls the event back with the transaction that failed', async () => {
    const before = (await audit.verify()).checked;
    await expect(t.db.transaction().execute(async (trx) => {
      await audit.append(trx, event(999));
      throw new Error('change failed');
    })).rejects.toThrow('change failed');
    expect((await audit.verify()).checked).toBe(before);
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(sql`UPDATE audit_events SET action = 'x'`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_events`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_events`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  it('pinpoints a row edited behind the trigger', async () => {
    const victim = (await audit.list({ limit: 1000 }))[17]!;
    // A superuser can bypass triggers; the hash chain is what still catches it.
    await t.db.connection().execute(async (conn) => {
      await sql`SET session_replication_role = replica`.execute(conn);
      await sql`UPDATE audit_events SET details = '{"i": -1}'::jsonb WHERE id = ${victim.id}`.execute(conn);
      await sql`SET session_replication_role = DEFAULT`.execute(conn);
    });
    expect(await audit.verify()).toEqual({ ok: false, checked: 18, firstBrokenId: victim.id });
  });
});
