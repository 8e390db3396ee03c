import { EnvironmentsRepository, PolicyComplianceRepository } from '@cloister/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from './api-harness';

describe('posture API: policy compliance', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(() => h.close());

  const posture = async () => {
    const res = await h.call('GET', '/api/v1/posture', { token: await h.token('admin@example.org') });
    expect(res.status).toBe(200);
    return res.body as {
      platform: { policyCompliance: { evaluatedAt: string | null; note: string; summary: unknown } };
      items: { projectId: string; policyCompliance: { evaluatedAt: string | null; note: string; summary: Record<string, unknown> | null } }[];
    };
  };
  const demo = async () => (await posture()).items.find((p) => p.projectId === h.demoProjectId)!;

  it('shows no compliance before the first sweep, saying why', async () => {
    const before = await posture();
    expect(before.platform.policyCompliance).toMatchObject({ evaluatedAt: null, summary: null });
    expect(before.platform.policyCompliance.note).toMatch(/not evaluated yet/i);
    expect((await demo()).policyCompliance).toEqual({ evaluatedAt: null, summary: null, note: 'Nothing deployed to evaluate.' });
    await new EnvironmentsRepository(h.db).save(h.demoProjectId, 'local-simulated', { resources: [{ type: 'Microsoft.Storage/storageAccounts', name: 'st', id: '/simulated/st', simulated: true }] });
    expect((await demo()).policyCompliance).toMatchObject({ evaluatedAt: null, summary: null, note: expect.stringMatching(/not evaluated yet/i) });
  });

  it('shows what the worker’s sweep stored: counts, failing policies with their controls, evaluation time, simulated label', async () => {
    const repo = new PolicyComplianceRepository(h.db);
    const evaluatedAt = new Date('2026-07-01T10:00:00Z');
    await repo.save({ projectId: h.demoProjectId }, {
      source: 'simulated', simulated: true, resourceGroup: 'rg-cloister-demo', compliantResources: 40, nonCompliantResources: 1, evaluatedAt,
      nonCompliantPolicies: [{ policyDefinitionId: 'cloister-invariant/minimum-tls-1-2', name: 'TLS 1.2 or later', effect: 'audit', nonCompliantResources: 1, controls: ['164.312(e)(2)(ii) Encryption'] }],
    }, new Date('2026-07-01T10:05:00Z'));
    await repo.save('platform', { source: 'simulated', simulated: true, resourceGroup: 'rg-cloister-local-platform', compliantResources: 30, nonCompliantResources: 0, nonCompliantPolicies: [], evaluatedAt }, new Date());
    const p = await demo();
    expect(p.policyCompliance).toEqual({
      evaluatedAt: '2026-07-01T10:00:00.000Z', note: expect.stringMatching(/^Simulated/),
      summary: {
        source: 'simulated', simulated: true, resourceGroup: 'rg-cloister-demo', compliantResources: 40, nonCompliantResources: 1, sweptAt: '2026-07-01T10:05:00.000Z',
        nonCompliantPolicies: [{ policyDefinitionId: 'cloister-invariant/minimum-tls-1-2', name: 'TLS 1.2 or later', effect: 'audit', nonCompliantResources: 1, controls: ['164.312(e)(2)(ii) Encryption'] }],
      },
    });
    expect((await posture()).platform.policyCompliance.summary).toMatchObject({ resourceGroup: 'rg-cloister-local-platform', compliantResources: 30 });
  });

  it('pages through projects by name, each project once, with a clear 400 for a bad limit', async () => {
    const admin = await h.token('admin@example.org');
    for (const name of ['Posture A', 'Posture B', 'Posture C']) {
      expect((await h.call('POST', '/api/v1/projects', { token: admin, body: { name, tier: 1, adminEmails: ['pi@example.org'] } })).status).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=2&cursor=${encodeURIComponent(cursor)}` : '?limit=2';
      const res = await h.call('GET', `/api/v1/posture${query}`, { token: admin });
      expect(res.status).toBe(200);
      const body = res.body as { items: { name: string }[]; nextCursor: string | null; platform: unknown };
      expect(body.items.length).toBeLessThanOrEqual(2);
      expect(body.platform).toBeDefined();
      seen.push(...body.items.map((i) => i.name));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(['Demo study', 'Posture A', 'Posture B', 'Posture C']));
    expect(pages).toBeGreaterThanOrEqual(2);
    const bad = await h.call('GET', '/api/v1/posture?limit=0', { token: admin });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('limit');
  });

  it('keeps the route to platform admins', async () => {
    expect((await h.call('GET', '/api/v1/posture', { token: await h.token('pi@example.org') })).status).toBe(403);
    expect((await h.call('GET', '/api/v1/posture', {})).status).toBe(401);
  });
});
