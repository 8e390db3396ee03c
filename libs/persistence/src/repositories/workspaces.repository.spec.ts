import { createTestDatabase, testEngines, type TestDatabase } from '@cloister/persistence/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../seed/demo-data';
import { ComputePoliciesRepository } from './compute-policies.repository';
import { UsersRepository } from './users.repository';
import { WorkspacesRepository } from './workspaces.repository';

describe.each(testEngines())('workspaces and compute policies on %s', (engine) => {
  let t: TestDatabase;
  let workspaces: WorkspacesRepository;
  let policies: ComputePoliciesRepository;
  let projectId: string;
  let researcherId: string;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    workspaces = new WorkspacesRepository(t.db);
    policies = new ComputePoliciesRepository(t.db);
    projectId = (await seedDemoData(t.db)).projectId;
    researcherId = (await new UsersRepository(t.db).findByEmail('researcher@example.org'))!.id;
  });
  afterAll(() => t.close());

  it('keeps one open running period per workspace and prices closed ones', async () => {
    const w = await workspaces.create({ projectId, name: 'Alice DSVM', kind: 'vm', size: 'Standard_D4s_v5', ownerId: researcherId, createdBy: researcherId }, t.db);
    expect(w).toMatchObject({ status: 'creating', ownerEmail: 'researcher@example.org', kind: 'vm' });
    const start = new Date('2026-07-01T08:00:00Z');
    await workspaces.openRun(w, start, t.db);
    await workspaces.openRun(w, new Date('2026-07-01T08:05:00Z'), t.db); // a repeated job opens nothing new
    await workspaces.closeRun(w.id, new Date('2026-07-01T18:00:00Z'), 'schedule', t.db);
    const runs = await workspaces.runsOverlapping(projectId, new Date('2026-07-01T00:00:00Z'), new Date('2026-07-02T00:00:00Z'));
    expect(runs).toEqual([{ workspaceId: w.id, size: 'Standard_D4s_v5', startedAt: start, stoppedAt: new Date('2026-07-01T18:00:00Z'), stopReason: 'schedule' }]);
    expect(await workspaces.findByName(projectId, 'alice dsvm')).toMatchObject({ id: w.id });
    expect((await workspaces.listForResearcher(researcherId)).map((x) => x.projectName)).toEqual(['Demo study']);
  });

  it('reads many workspaces in one query, skipping deleted and unknown ids', async () => {
    const make = (name: string) => workspaces.create({ projectId, name, kind: 'vm', size: 'Standard_D4s_v5', ownerId: researcherId, createdBy: researcherId }, t.db);
    const [a, b, gone] = [await make('Many A'), await make('Many B'), await make('Many gone')];
    await workspaces.markDeleted(gone.id, t.db);
    const found = await workspaces.findByIds([b.id, a.id, gone.id, a.id, '00000000-0000-4000-8000-000000000000']);
    expect(found.map((w) => w.id).sort()).toEqual([a.id, b.id].sort());
    expect(found.find((w) => w.id === a.id)).toEqual(await workspaces.findById(a.id));
    expect(await workspaces.findByIds([])).toEqual([]);
  });

  it('gives the sweep every project with a policy, and budget exhaustion only where it stops compute', async () => {
    await policies.putSchedule(projectId, { stopCron: '0 19 * * 1-5', startCron: null, timeZone: 'Europe/London', enabled: true }, researcherId, t.db);
    await policies.putBudget(projectId, { monthlyAmount: 100, currency: 'USD', stopAtLimit: true }, researcherId, t.db);
    await policies.saveBudgetMonth({ projectId, month: '2026-07', source: 'rate-card', currency: 'USD', spent: 101, forecast: 150, savings: 3, daily: [] });
    const at = new Date('2026-07-20T10:00:00Z');
    expect(await policies.markThreshold(projectId, '2026-07', 100, at, t.db)).toBe(true);
    expect(await policies.markThreshold(projectId, '2026-07', 100, at, t.db)).toBe(false);
    expect(await policies.forSweep('2026-07')).toEqual([{
      projectId, schedule: { stopCron: '0 19 * * 1-5', startCron: null, timeZone: 'Europe/London', enabled: true }, idle: null, budgetExhaustedAt: at,
    }]);
    expect((await policies.budgetMonth(projectId, '2026-07'))?.notifiedThresholds).toEqual([100]);
    expect((await policies.forSweep('2026-08'))[0]?.budgetExhaustedAt).toBeNull();
  });
});
