import type { BullJobQueue } from '@cloister/adapters';
import { decideDueActions, lapsedThresholds } from '@cloister/domain';
import { ComputePoliciesRepository, type Db, UsersRepository, WorkspacesRepository } from '@cloister/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type WorkerHarness, startWorkerHarness } from './worker-harness';
import { enqueueDue } from '../src/shutdown/shutdown.handlers';
import { until } from '@cloister/local-stack/testing';


describe('workspace jobs and shutdown sweeps', () => {
  let h: WorkerHarness;
  let db: Db;
  let jobs: BullJobQueue;
  let projectId: string;
  let researcherId: string;
  const workspaces = () => new WorkspacesRepository(db);

  beforeAll(async () => {
    h = await startWorkerHarness('ws', { SIMULATION_SPEED: '20000' });
    ({ db, jobs, projectId } = h);
    researcherId = (await new UsersRepository(db).findByEmail('researcher@example.org'))!.id;
  });
  afterAll(() => h.close());

  it('registers the three sweeps as job schedulers on the shutdown queue', async () => {
    const schedulers = await jobs.queue('shutdown').getJobSchedulers();
    expect(schedulers.map((s) => s.key).sort()).toEqual(['budget-sweep', 'idle-sweep', 'schedule-sweep']);
  });

  it('creates a workspace once, however often the job is enqueued, and opens a running period', async () => {
    const w = await workspaces().create({ projectId, name: 'Created once', kind: 'vm', size: 'Standard_D4s_v5', ownerId: researcherId, createdBy: researcherId }, db);
    await jobs.enqueue('workspaces', 'create-workspace', { workspaceId: w.id }, `workspace-create:${w.id}`);
    await jobs.enqueue('workspaces', 'create-workspace', { workspaceId: w.id }, `workspace-create:${w.id}`);
    const running = await until(() => workspaces().findById(w.id), (x) => x?.status === 'running', 'workspace to run');
    expect(running?.resourceId).toMatch(/^\/simulated\/projects\//);
    const audit = await db.selectFrom('audit_events').select('action').where('target_id', '=', w.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['workspace.created']);
    expect(await db.selectFrom('workspace_runs').select('id').where('workspace_id', '=', w.id).execute()).toHaveLength(1);
  });

  it('stops what ran through a schedule occurrence exactly once, with an audit event per step', async () => {
    const w = await workspaces().create({ projectId, name: 'Scheduled', kind: 'vm', size: 'Standard_D4s_v5', ownerId: researcherId, createdBy: researcherId }, db);
    await jobs.enqueue('workspaces', 'create-workspace', { workspaceId: w.id }, `workspace-create:${w.id}`);
    await until(() => workspaces().findById(w.id), (x) => x?.status === 'running', 'workspace to run');
    // It has been running since an hour ago; the schedule's stop fell at the start of this minute (UTC).
    await db.updateTable('workspaces').set({ status_since: new Date(Date.now() - 3_600_000) }).where('id', '=', w.id).execute();
    const now = new Date();
    const cron = `${now.getUTCMinutes()} ${now.getUTCHours()} * * *`;
    await new ComputePoliciesRepository(db).putSchedule(projectId, { stopCron: cron, startCron: null, timeZone: 'UTC', enabled: true }, researcherId, db);
    // Two ticks (or two replicas) see the same occurrence: the sweep runs twice, the stop is enqueued once.
    await jobs.enqueue('shutdown', 'schedule-sweep', {}, `test-sweep-1:${w.id}`);
    await jobs.enqueue('shutdown', 'schedule-sweep', {}, `test-sweep-2:${w.id}`);
    const stopped = await until(() => workspaces().findById(w.id), (x) => x?.status === 'stopped', 'scheduled stop');
    expect(stopped?.lastStopReason).toBe('schedule');
    await until(() => jobs.queue('shutdown').getJobCounts('completed'), (c) => (c['completed'] ?? 0) >= 2, 'both sweeps');
    const events = await db.selectFrom('audit_events').select(['action', 'details', 'actor_id']).where('target_id', '=', w.id).orderBy('seq').execute();
    expect(events.map((e) => e.action)).toEqual(['workspace.created', 'workspace.stop_requested', 'workspace.stopped']);
    expect(events[2]).toMatchObject({ actor_id: null, details: { reason: 'schedule', automatic: true } });
    const stops = (await jobs.queue('workspaces').getJobs(['completed', 'active', 'waiting', 'delayed'])).filter((j) => j.name === 'stop-workspace' && j.data['workspaceId'] === w.id);
    expect(stops).toHaveLength(1);
    const [run] = await db.selectFrom('workspace_runs').select(['stopped_at', 'stop_reason']).where('workspace_id', '=', w.id).execute();
    expect(run?.stop_reason).toBe('schedule');
    await new ComputePoliciesRepository(db).deleteSchedule(projectId, db);
  });

  it('stops a VM whose simulated CPU stayed idle for the policy window', async () => {
    const w = await workspaces().create({ projectId, name: 'Idle one', kind: 'vm', size: 'Standard_D4s_v5', ownerId: researcherId, createdBy: researcherId }, db);
    await jobs.enqueue('workspaces', 'create-workspace', { workspaceId: w.id }, `workspace-create:${w.id}`);
    await until(() => workspaces().findById(w.id), (x) => x?.status === 'running', 'workspace to run');
    // Started three hours ago and never connected to: busy for 45 minutes, idle since.
    await db.updateTable('workspaces').set({ status_since: new Date(Date.now() - 3 * 3_600_000) }).where('id', '=', w.id).execute();
    await new ComputePoliciesRepository(db).putIdlePolicy(projectId, { enabled: true, cpuThresholdPercent: 5, idleMinutes: 60 }, researcherId, db);
    await jobs.enqueue('shutdown', 'idle-sweep', {}, `test-idle:${w.id}`);
    const stopped = await until(() => workspaces().findById(w.id), (x) => x?.status === 'stopped', 'idle stop');
    expect(stopped?.lastStopReason).toBe('idle');
    await db.deleteFrom('idle_policies').where('project_id', '=', projectId).execute();
  });

  it('prices the month, notifies 80 % and 100 % once, and stops compute at the limit', async () => {
    const w = await workspaces().create({ projectId, name: 'Costly', kind: 'vm', size: 'Standard_NC6s_v3', ownerId: researcherId, createdBy: researcherId }, db);
    await jobs.enqueue('workspaces', 'create-workspace', { workspaceId: w.id }, `workspace-create:${w.id}`);
    await until(() => workspaces().findById(w.id), (x) => x?.status === 'running', 'workspace to run');
    // Running for two hours at 3.06/h (this month): 6.12 spent of a 5.00 budget.
    const since = new Date(Math.max(Date.now() - 2 * 3_600_000, Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1)));
    await db.updateTable('workspace_runs').set({ started_at: since }).where('workspace_id', '=', w.id).execute();
    const policies = new ComputePoliciesRepository(db);
    await policies.putBudget(projectId, { monthlyAmount: 0.5, currency: 'USD', stopAtLimit: true }, researcherId, db);
    await jobs.enqueue('shutdown', 'budget-sweep', {}, `test-budget-1:${w.id}`);
    const stopped = await until(() => workspaces().findById(w.id), (x) => x?.status === 'stopped', 'budget stop');
    expect(stopped?.lastStopReason).toBe('budget');
    await jobs.enqueue('shutdown', 'budget-sweep', {}, `test-budget-2:${w.id}`);
    await until(() => jobs.queue('shutdown').getJob(`test-budget-2~${w.id}`), (j) => Boolean(j?.finishedOn), 'second budget sweep');
    const month = new Date().toISOString().slice(0, 7);
    const state = await policies.budgetMonth(projectId, month);
    expect(state).toMatchObject({ source: 'rate-card', currency: 'USD', notifiedThresholds: [80, 100] });
    expect(state!.spent).toBeGreaterThan(0.5);
    const reached = await db.selectFrom('audit_events').select('details').where('action', '=', 'budget.threshold_reached').where('project_id', '=', projectId).execute();
    expect(reached.map((r) => (r.details as { threshold: number }).threshold).sort()).toEqual([100, 80]);
    const notes = await db.selectFrom('notifications').select(['user_id', 'kind']).where('kind', 'in', ['budget.threshold_reached', 'workspace.auto_stopped']).where('project_id', '=', projectId).execute();
    // One notification per automatic stop (this project's earlier tests stopped some too; the budget stops every running one).
    const automaticStops = (await db.selectFrom('audit_events').select('details').where('action', '=', 'workspace.stopped').where('project_id', '=', projectId).execute())
      .filter((e) => (e.details as { automatic?: boolean }).automatic);
    expect(automaticStops.length).toBeGreaterThanOrEqual(3);
    expect(notes.filter((n) => n.kind === 'workspace.auto_stopped' && n.user_id === researcherId)).toHaveLength(automaticStops.length);
    expect(notes.filter((n) => n.kind === 'budget.threshold_reached' && n.user_id === researcherId)).toHaveLength(2);

    // Raised far above the spend, the thresholds lapse; lowered to 7.00 later in the month, 80 % (5.60) is passed again
    // under a different budget, and the members hear of it again.
    const changeBudget = async (monthlyAmount: number) => {
      // What the API's budget update does: save it, and clear the thresholds the new amount no longer reaches.
      const budget = { monthlyAmount, currency: 'USD', stopAtLimit: true };
      await policies.putBudget(projectId, budget, researcherId, db);
      const current = (await policies.budgetMonth(projectId, month))!;
      await policies.clearThresholds(projectId, month, lapsedThresholds(budget, current.spent, current.notifiedThresholds), db);
    };
    await changeBudget(100);
    expect((await policies.budgetMonth(projectId, month))?.notifiedThresholds).toEqual([]);
    await changeBudget(7);
    await jobs.enqueue('shutdown', 'budget-sweep', {}, `test-budget-3:${w.id}`);
    await until(() => jobs.queue('shutdown').getJob(`test-budget-3~${w.id}`), (j) => Boolean(j?.finishedOn), 'third budget sweep');
    expect((await policies.budgetMonth(projectId, month))?.notifiedThresholds).toEqual([80]);
    const budgetNotes = await db.selectFrom('notifications').select('body').where('kind', '=', 'budget.threshold_reached').where('project_id', '=', projectId).where('user_id', '=', researcherId).execute();
    expect(budgetNotes).toHaveLength(3);
    expect(budgetNotes.filter((n) => n.body.includes('of its 7.00 USD'))).toHaveLength(1);
    await db.deleteFrom('project_budgets').where('project_id', '=', projectId).execute();
  });

  it('never undoes a restart with an old decision, and enqueues a due action once', async () => {
    const w = await workspaces().create({ projectId, name: 'Restarted', kind: 'vm', size: 'Standard_D4s_v5', ownerId: researcherId, createdBy: researcherId }, db);
    await jobs.enqueue('workspaces', 'create-workspace', { workspaceId: w.id }, `workspace-create:${w.id}`);
    const running = await until(() => workspaces().findById(w.id), (x) => x?.status === 'running', 'workspace to run');
    // A decision due before this running period began (e.g. yesterday's 19:00) must not stop it.
    const due = decideDueActions({
      now: new Date(), lookbackMs: 10 * 365 * 86_400_000, cpu: new Map(),
      projects: [{ projectId, schedule: null, idle: null, budgetExhaustedAt: new Date(running!.statusSince.getTime() + 1) }],
      workspaces: [{ id: w.id, projectId, status: 'running', statusSinceMs: running!.statusSince.getTime() - 60_000, lastStopReason: null }],
    });
    await enqueueDue(jobs, [{ ...due[0]!, dueAt: new Date(running!.statusSince.getTime() - 1), idempotencyKey: `old-decision:${w.id}` }]);
    await enqueueDue(jobs, [{ ...due[0]!, dueAt: new Date(running!.statusSince.getTime() - 1), idempotencyKey: `old-decision:${w.id}` }]);
    await until(() => jobs.queue('workspaces').getJob(`old-decision~${w.id}`), (j) => Boolean(j?.finishedOn), 'the old stop job');
    expect((await workspaces().findById(w.id))?.status).toBe('running');
    expect(await jobs.queue('workspaces').getJobCountByTypes('completed', 'waiting', 'active')).toBeGreaterThan(0);
  });
  it('does not start again, with a scheduled start due before it, a workspace a person stopped since', async () => {
    const w = await workspaces().create({ projectId, name: 'Stopped by a person', kind: 'vm', size: 'Standard_D4s_v5', ownerId: researcherId, createdBy: researcherId }, db);
    // The schedule stopped it last night and its 08:00 start fell due ten minutes ago, but the job has not run yet;
    // meanwhile a person started it and, at 08:05, stopped it again.
    const startDue = new Date(Date.now() - 10 * 60_000);
    await db.updateTable('workspaces').set({ status: 'stopped', status_since: new Date(startDue.getTime() + 5 * 60_000), last_stop_reason: 'manual' }).where('id', '=', w.id).execute();
    await enqueueDue(jobs, [{ workspaceId: w.id, projectId, action: 'start', reason: 'schedule', dueAt: startDue, idempotencyKey: `late-start:${w.id}` }]);
    const job = await until(() => jobs.queue('workspaces').getJob(`late-start~${w.id}`), (j) => Boolean(j?.finishedOn), 'the late start job');
    expect(job?.returnvalue).toBe('superseded');
    expect((await workspaces().findById(w.id))?.status).toBe('stopped');
    expect(await db.selectFrom('audit_events').select('action').where('target_id', '=', w.id).execute()).toEqual([]);
  });

  it('leaves a stop a person asked for to its own job when a late idle stop finds it under way', async () => {
    const w = await workspaces().create({ projectId, name: 'Stopped by a person first', kind: 'vm', size: 'Standard_D4s_v5', ownerId: researcherId, createdBy: researcherId }, db);
    await jobs.enqueue('workspaces', 'create-workspace', { workspaceId: w.id }, `workspace-create:${w.id}`);
    await until(() => workspaces().findById(w.id), (x) => x?.status === 'running', 'workspace to run');
    // Idle since long before; the idle stop fell due half an hour ago but has not run. A person stops it now (as
    // the API does: stopping, no recorded automatic reason), and the idle job happens to run before theirs.
    const idleDue = new Date(Date.now() - 30 * 60_000);
    await db.updateTable('workspaces').set({ status: 'stopping', status_since: new Date(), requested_reason: null, requested_due_at: null }).where('id', '=', w.id).execute();
    await enqueueDue(jobs, [{ workspaceId: w.id, projectId, action: 'stop', reason: 'idle', dueAt: idleDue, idempotencyKey: `late-idle:${w.id}` }]);
    const job = await until(() => jobs.queue('workspaces').getJob(`late-idle~${w.id}`), (j) => Boolean(j?.finishedOn), 'the late idle stop');
    expect(job?.returnvalue).toBe('superseded');
    expect((await workspaces().findById(w.id))?.status).toBe('stopping');
    // The person's own job finishes it, and the record says a person stopped it.
    await jobs.enqueue('workspaces', 'stop-workspace', { workspaceId: w.id, reason: 'manual', dueAt: null }, `manual-stop:${w.id}`);
    const stopped = await until(() => workspaces().findById(w.id), (x) => x?.status === 'stopped', 'the person\'s stop');
    expect(stopped?.lastStopReason).toBe('manual');
    const events = await db.selectFrom('audit_events').select(['action', 'details']).where('target_id', '=', w.id).orderBy('seq').execute();
    expect(events.map((e) => e.action)).toEqual(['workspace.created', 'workspace.stopped']);
    expect(events[1]?.details).toMatchObject({ reason: 'manual', automatic: false });
  });

  it('starts on schedule a workspace stopped since before the start fell due, recording why', async () => {
    const w = await workspaces().create({ projectId, name: 'Morning start', kind: 'vm', size: 'Standard_D4s_v5', ownerId: researcherId, createdBy: researcherId }, db);
    await jobs.enqueue('workspaces', 'create-workspace', { workspaceId: w.id }, `workspace-create:${w.id}`);
    await until(() => workspaces().findById(w.id), (x) => x?.status === 'running', 'workspace to run');
    const startDue = new Date(Date.now() - 60_000);
    await db.updateTable('workspaces').set({ status: 'stopped', status_since: new Date(startDue.getTime() - 12 * 3_600_000), last_stop_reason: 'schedule' }).where('id', '=', w.id).execute();
    await enqueueDue(jobs, [{ workspaceId: w.id, projectId, action: 'start', reason: 'schedule', dueAt: startDue, idempotencyKey: `morning-start:${w.id}` }]);
    await until(() => workspaces().findById(w.id), (x) => x?.status === 'running', 'the scheduled start');
    const events = await db.selectFrom('audit_events').select(['action', 'details']).where('target_id', '=', w.id).orderBy('seq').execute();
    expect(events.map((e) => e.action)).toEqual(['workspace.created', 'workspace.start_requested', 'workspace.started']);
    expect(events[1]?.details).toMatchObject({ reason: 'schedule', automatic: true, dueAt: startDue.toISOString() });
    const recorded = await db.selectFrom('workspaces').select(['requested_reason', 'requested_due_at']).where('id', '=', w.id).executeTakeFirstOrThrow();
    expect(recorded).toEqual({ requested_reason: 'schedule', requested_due_at: startDue });
  });

  it('still tells the members about an automatic stop when a retried job finds the stop already saved', async () => {
    const w = await workspaces().create({ projectId, name: 'Stopped before the notice', kind: 'vm', size: 'Standard_D4s_v5', ownerId: researcherId, createdBy: researcherId }, db);
    // The first attempt recorded its request (running→stopping), saved stopping→stopped and was killed before notifying.
    const dueAt = new Date(Date.now() - 60_000);
    await db.updateTable('workspaces').set({ status: 'stopped', status_since: new Date(), last_stop_reason: 'idle', requested_reason: 'idle', requested_due_at: dueAt }).where('id', '=', w.id).execute();
    await jobs.enqueue('workspaces', 'stop-workspace', { workspaceId: w.id, reason: 'idle', dueAt: dueAt.toISOString() }, `retried-stop:${w.id}`);
    await until(() => jobs.queue('workspaces').getJob(`retried-stop~${w.id}`), (j) => Boolean(j?.finishedOn), 'the retried stop job');
    const notes = await db.selectFrom('notifications').select(['user_id', 'idempotency_key']).where('kind', '=', 'workspace.auto_stopped').where('project_id', '=', projectId).execute();
    expect(notes.filter((n) => n.user_id === researcherId && n.idempotency_key?.includes(w.id))).toHaveLength(1);
  });
});
