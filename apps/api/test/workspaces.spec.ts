import { BullJobQueue } from '@cloister/adapters';
import { ComputePoliciesRepository, EnvironmentsRepository, UsersRepository, WorkspacesRepository } from '@cloister/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from './api-harness';

describe('workspaces, schedules, idle policy, budget and posture API', () => {
  let h: ApiHarness;
  let base: string;
  const as = async (email: string) => h.token(email);
  beforeAll(async () => {
    h = await startApiHarness();
    base = `/api/v1/projects/${h.demoProjectId}`;
  });
  afterAll(() => h.close());

  it('lets a researcher create a personal workspace that a job will create, and shows it to them and the admin only', async () => {
    const researcher = await as('researcher@example.org');
    const res = await h.call('POST', `${base}/workspaces`, { token: researcher, body: { name: 'My DSVM', kind: 'vm', size: 'Standard_D4s_v5' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'My DSVM', status: 'creating', shared: false, ownerEmail: 'researcher@example.org', simulated: true, hourlyRate: 0.192 });
    const mine = await h.call('GET', '/api/v1/workspaces/mine', { token: researcher });
    expect(mine.body.items.map((w: { name: string; projectName: string }) => `${w.projectName}/${w.name}`)).toEqual(['Demo study/My DSVM']);
    const admin = await h.call('GET', `${base}/workspaces`, { token: await as('pi@example.org') });
    expect(admin.body.items.map((w: { name: string }) => w.name)).toEqual(['My DSVM']);
    expect((await h.call('GET', `${base}/workspaces`, { token: await as('owner@example.org') })).status).toBe(403);
    const audit = await h.db.selectFrom('audit_events').select('action').where('target_id', '=', res.body.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['workspace.create_requested']);
  });

  it('refuses bad input by field, shared workspaces from researchers and duplicate names', async () => {
    const researcher = await as('researcher@example.org');
    const wrongSize = await h.call('POST', `${base}/workspaces`, { token: researcher, body: { name: 'GPU', kind: 'ml_compute', size: 'Standard_D4s_v5' } });
    expect(wrongSize.status).toBe(400);
    expect(wrongSize.body.message).toMatch(/^size:/);
    expect((await h.call('POST', `${base}/workspaces`, { token: researcher, body: { name: 'Shared', kind: 'vm', size: 'Standard_D4s_v5', shared: true } })).status).toBe(403);
    const dup = await h.call('POST', `${base}/workspaces`, { token: researcher, body: { name: 'my dsvm', kind: 'vm', size: 'Standard_D4s_v5' } });
    expect(dup.status).toBe(409);
    const shared = await h.call('POST', `${base}/workspaces`, { token: await as('pi@example.org'), body: { name: 'Team ML', kind: 'ml_compute', size: 'Standard_DS3_v2', shared: true } });
    expect(shared.status).toBe(201);
    expect(shared.body.shared).toBe(true);
  });

  it('lists a shared workspace in /mine with what the caller may do in that project, as the project list does', async () => {
    const pi = await as('pi@example.org');
    const members = (await h.call('GET', `${base}/members`, { token: pi })).body.items as { userId: string; email: string; roles: string[] }[];
    const me = members.find((m) => m.email === 'pi@example.org')!;
    // An admin who also works as a researcher sees the shared workspace among theirs, and may delete it (a plain user may not).
    expect((await h.call('PUT', `${base}/members/${me.userId}`, { token: pi, body: { roles: [...me.roles, 'researcher'] } })).status).toBe(200);
    await h.db.updateTable('workspaces').set({ status: 'stopped' }).where('name', '=', 'Team ML').execute();
    try {
      const inProject = (await h.call('GET', `${base}/workspaces`, { token: pi })).body.items.find((w: { name: string }) => w.name === 'Team ML');
      const inMine = (await h.call('GET', '/api/v1/workspaces/mine', { token: pi })).body.items.find((w: { name: string }) => w.name === 'Team ML');
      expect(inProject.allowed.delete).toBe(true);
      expect(inMine.allowed).toEqual(inProject.allowed);
      const researcherView = (await h.call('GET', '/api/v1/workspaces/mine', { token: await as('researcher@example.org') })).body.items.find((w: { name: string }) => w.name === 'Team ML');
      expect(researcherView.allowed.delete).toBe(false);
    } finally {
      await h.db.updateTable('workspaces').set({ status: 'creating' }).where('name', '=', 'Team ML').execute();
      await h.call('PUT', `${base}/members/${me.userId}`, { token: pi, body: { roles: me.roles } });
    }
  });

  it('stops a running workspace through the transition table, and refuses moves the table does not list', async () => {
    const researcher = await as('researcher@example.org');
    const [w] = (await h.call('GET', '/api/v1/workspaces/mine', { token: researcher })).body.items.filter((x: { name: string }) => x.name === 'My DSVM');
    const stopWhileCreating = await h.call('POST', `${base}/workspaces/${w.id}/stop`, { token: researcher, body: {} });
    expect(stopWhileCreating.status).toBe(409);
    await h.db.updateTable('workspaces').set({ status: 'running' }).where('id', '=', w.id).execute();
    const connect = await h.call('POST', `${base}/workspaces/${w.id}/connect`, { token: researcher, body: {} });
    expect(connect.body).toMatchObject({ url: null, simulated: true });
    const stop = await h.call('POST', `${base}/workspaces/${w.id}/stop`, { token: researcher, body: {} });
    expect(stop.status).toBe(202);
    expect(stop.body).toMatchObject({ status: 'stopping', allowed: { start: false, stop: false, delete: false } });
    const audit = await h.db.selectFrom('audit_events').select('action').where('target_id', '=', w.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['workspace.create_requested', 'workspace.connected', 'workspace.stop_requested']);
  });

  it('enqueues a fresh delete job when a delete is retried after a failed one', async () => {
    const researcher = await as('researcher@example.org');
    const created = await h.call('POST', `${base}/workspaces`, { token: researcher, body: { name: 'Delete twice', kind: 'vm', size: 'Standard_D4s_v5' } });
    await h.db.updateTable('workspaces').set({ status: 'stopped' }).where('id', '=', created.body.id).execute();
    expect((await h.call('DELETE', `${base}/workspaces/${created.body.id}`, { token: researcher })).status).toBe(202);
    // The first delete failed (its job completed and is retained); the owner asks again.
    await h.db.updateTable('workspaces').set({ status: 'failed', status_since: new Date(Date.now() + 1000) }).where('id', '=', created.body.id).execute();
    expect((await h.call('DELETE', `${base}/workspaces/${created.body.id}`, { token: researcher })).status).toBe(202);
    const jobs = await h.app.get<BullJobQueue>(BullJobQueue).queue('workspaces').getJobs(['completed', 'failed', 'active', 'waiting', 'delayed']);
    expect(jobs.filter((j) => j.name === 'delete-workspace' && j.data['workspaceId'] === created.body.id)).toHaveLength(2);
  });

  it('validates schedules (naming the field) and returns the next five runs', async () => {
    const pi = await as('pi@example.org');
    const badZone = await h.call('PUT', `${base}/schedule`, { token: pi, body: { stopCron: '0 19 * * 1-5', timeZone: 'Mars/Base' } });
    expect(badZone.status).toBe(400);
    expect(badZone.body).toMatchObject({ code: 'INVALID_TIME_ZONE', details: { field: 'timeZone' } });
    const badCron = await h.call('PUT', `${base}/schedule`, { token: pi, body: { stopCron: '0 19 * *', timeZone: 'Europe/London' } });
    expect(badCron.body).toMatchObject({ code: 'INVALID_CRON', details: { field: 'stopCron' } });
    expect((await h.call('PUT', `${base}/schedule`, { token: await as('researcher@example.org'), body: { stopCron: '0 19 * * 1-5', timeZone: 'UTC' } })).status).toBe(403);
    const preview = await h.call('POST', `${base}/schedule/preview`, { token: pi, body: { stopCron: '0 19 * * 1-5', startCron: '0 8 * * 1-5', timeZone: 'Europe/London' } });
    expect(preview.body.nextRuns).toHaveLength(5);
    const saved = await h.call('PUT', `${base}/schedule`, { token: pi, body: { stopCron: '0 19 * * 1-5', startCron: '0 8 * * 1-5', timeZone: 'Europe/London' } });
    expect(saved.status).toBe(200);
    expect(saved.body.schedule).toMatchObject({ stopCron: '0 19 * * 1-5', timeZone: 'Europe/London', enabled: true });
    expect(saved.body.nextRuns.map((r: { action: string }) => r.action).sort()).toEqual(expect.arrayContaining(['start', 'stop']));
    expect((await h.call('GET', `${base}/schedule`, { token: await as('researcher@example.org') })).body.nextRuns).toHaveLength(5);
  });

  it('keeps an idle policy and a budget, and shows spend once priced', async () => {
    const pi = await as('pi@example.org');
    const bad = await h.call('PUT', `${base}/idle-policy`, { token: pi, body: { cpuThresholdPercent: 5, idleMinutes: 3 } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/idleMinutes/);
    expect((await h.call('PUT', `${base}/idle-policy`, { token: pi, body: { cpuThresholdPercent: 5, idleMinutes: 60 } })).body.idlePolicy).toMatchObject({ enabled: true, cpuThresholdPercent: 5, idleMinutes: 60 });
    expect((await h.call('PUT', `${base}/budget`, { token: pi, body: { monthlyAmount: 0 } })).status).toBe(400);
    expect((await h.call('PUT', `${base}/budget`, { token: pi, body: { monthlyAmount: 500, stopAtLimit: true } })).body.budget).toMatchObject({ monthlyAmount: 500, currency: 'USD', stopAtLimit: true });
    const spend = await h.call('GET', `${base}/budget/spend`, { token: pi });
    expect(spend.body).toMatchObject({ budget: { monthlyAmount: 500 }, spend: null });
    expect((await h.call('GET', `${base}/budget/spend`, { token: await as('researcher@example.org') })).status).toBe(403);
  });

  it('lifts this month’s budget exhaustion when the admin raises the budget above the spend', async () => {
    const [pi, researcher] = [await as('pi@example.org'), await as('researcher@example.org')];
    await h.call('PUT', `${base}/budget`, { token: pi, body: { monthlyAmount: 500, stopAtLimit: true } });
    const month = new Date().toISOString().slice(0, 7);
    const policies = new ComputePoliciesRepository(h.db);
    await policies.saveBudgetMonth({ projectId: h.demoProjectId, month, source: 'rate-card', currency: 'USD', spent: 600, forecast: 900, savings: 0, daily: [] });
    await h.db.transaction().execute(async (trx) => {
      await policies.markThreshold(h.demoProjectId, month, 80, new Date(), trx);
      await policies.markThreshold(h.demoProjectId, month, 100, new Date(), trx);
    });
    const body = { name: 'After the raise', kind: 'vm', size: 'Standard_D4s_v5' };
    expect((await h.call('POST', `${base}/workspaces`, { token: researcher, body })).body.code).toBe('BUDGET_EXHAUSTED');
    // A workspace the budget stopped: it stays stopped after the raise, and the members are told they may start it.
    const researcherId = (await new UsersRepository(h.db).findByEmail('researcher@example.org'))!.id;
    const workspaces = new WorkspacesRepository(h.db);
    const halted = await workspaces.create({ projectId: h.demoProjectId, name: 'Halted by budget', kind: 'vm', size: 'Standard_D4s_v5', ownerId: researcherId, createdBy: researcherId }, h.db);
    await workspaces.setStatus(halted.id, 'stopped', h.db, { lastStopReason: 'budget' });
    await h.call('PUT', `${base}/budget`, { token: pi, body: { monthlyAmount: 1000, stopAtLimit: true } });
    expect((await h.call('GET', `${base}/budget/spend`, { token: pi })).body.spend).toMatchObject({ spent: 600, exhaustedAt: null, thresholdsReached: [] });
    expect((await h.call('POST', `${base}/workspaces`, { token: researcher, body })).status).toBe(201);
    expect((await workspaces.findById(halted.id))?.status).toBe('stopped');
    const lifted = await h.db.selectFrom('notifications').select(['user_id', 'body']).where('kind', '=', 'budget.lifted').where('project_id', '=', h.demoProjectId).execute();
    expect(lifted.filter((n) => n.user_id === researcherId)).toHaveLength(1);
    expect(lifted[0]?.body).toContain('Halted by budget');
    // Saving the same budget again lifts nothing more and says nothing more.
    await h.call('PUT', `${base}/budget`, { token: pi, body: { monthlyAmount: 1000, stopAtLimit: true } });
    expect(await h.db.selectFrom('notifications').select('id').where('kind', '=', 'budget.lifted').where('user_id', '=', researcherId).execute()).toHaveLength(1);
  });

  it('shows platform admins every project’s posture and nobody else', async () => {
    const res = await h.call('GET', '/api/v1/posture', { token: await as('admin@example.org') });
    expect(res.status).toBe(200);
    expect(res.body.mode).toBe('local');
    expect(res.body.items.map((p: { name: string }) => p.name)).toContain('Demo study');
    // Once deployed, the project shows the invariants of the compiled template it was deployed from.
    await new EnvironmentsRepository(h.db).save(h.demoProjectId, 'local-simulated', { resources: [{ type: 'Microsoft.Storage/storageAccounts', name: 'st', id: '/simulated/st', simulated: true }] });
    const deployed = (await h.call('GET', '/api/v1/posture', { token: await as('admin@example.org') })).body.items.find((p: { projectId: string }) => p.projectId === h.demoProjectId);
    expect(deployed.environment).toMatchObject({ simulated: true, deployed: true });
    expect(deployed.invariants.map((i: { id: string }) => i.id)).toContain('vm-auto-shutdown');
    expect(deployed.invariants.every((i: { passed: boolean }) => i.passed)).toBe(true);
    expect((await h.call('GET', '/api/v1/posture', { token: await as('pi@example.org') })).status).toBe(403);
  });
});
