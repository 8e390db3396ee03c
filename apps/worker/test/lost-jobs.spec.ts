import type { BullJobQueue } from '@cloister/adapters';
import { type Db, ProjectsRepository, UsersRepository, WorkspacesRepository } from '@cloister/persistence';
import { until } from '@cloister/local-stack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LostJobsHandlers } from '../src/reconcile/lost-jobs.handlers';
import { type WorkerHarness, startWorkerHarness } from './worker-harness';

const anHourAgo = () => new Date(Date.now() - 3_600_000);

describe('lost-job reconciler', () => {
  let h: WorkerHarness;
  let db: Db;
  let jobs: BullJobQueue;
  let projectId: string;
  let researcherId: string;
  const workspaces = () => new WorkspacesRepository(db);
  const reconcile = () => h.worker.get(LostJobsHandlers).reconcile();

  beforeAll(async () => {
    h = await startWorkerHarness('lost-jobs', { SIMULATION_SPEED: '20000' });
    ({ db, jobs, projectId } = h);
    researcherId = (await new UsersRepository(db).findByEmail('researcher@example.org'))!.id;
  });
  afterAll(() => h.close());

  it('runs on a job scheduler of the maintenance queue', async () => {
    const schedulers = await jobs.queue('maintenance').getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toContain('reconcile-jobs');
  });

  it('gives a job again to records whose enqueue was lost, and they settle', async () => {
    // What a crash between the API's commit and its enqueue leaves behind: in-progress states, long ago, no job.
    const w = await workspaces().create({ projectId, name: 'Lost create', kind: 'vm', size: 'Standard_D4s_v5', ownerId: researcherId, createdBy: researcherId }, db);
    await db.updateTable('workspaces').set({ status_since: anHourAgo() }).where('id', '=', w.id).execute();
    const project = await new ProjectsRepository(db).create({ name: 'Lost provisioning', description: '', tier: 1, checkersRequired: 1, createdBy: researcherId }, db);
    await db.updateTable('projects').set({ status: 'provisioning', updated_at: anHourAgo() }).where('id', '=', project.id).execute();

    const first = await reconcile();
    expect(first.reenqueued).toEqual(expect.arrayContaining([`workspaces/create-workspace/${w.id}`, `provisioning/provision-project/${project.id}`]));
    await until(() => workspaces().findById(w.id), (x) => x?.status === 'running', 'the lost workspace to be created');
    await until(() => new ProjectsRepository(db).findById(project.id), (p) => p?.status === 'active', 'the lost project to be provisioned');
  }, 60_000);

  it('leaves alone a record whose job is still queued, so the same work never runs twice at once', async () => {
    const w = await workspaces().create({ projectId, name: 'Slow create', kind: 'vm', size: 'Standard_D4s_v5', ownerId: researcherId, createdBy: researcherId }, db);
    await db.updateTable('workspaces').set({ status_since: anHourAgo() }).where('id', '=', w.id).execute();
    // Its job is backing off (delayed), as a retried job would be.
    await jobs.queue('workspaces').add('create-workspace', { workspaceId: w.id, idempotencyKey: `slow:${w.id}` }, { jobId: `slow~${w.id}`, delay: 3_600_000 });

    const result = await reconcile();
    expect(result.reenqueued).not.toContain(`workspaces/create-workspace/${w.id}`);
    const creates = (await jobs.queue('workspaces').getJobs(['waiting', 'active', 'delayed', 'prioritized'])).filter((j) => j.data['workspaceId'] === w.id);
    expect(creates.map((j) => j.id)).toEqual([`slow~${w.id}`]);
    expect((await workspaces().findById(w.id))?.status).toBe('creating');
  });

  it('ignores records in the grace period after their commit, and adds one job per sweep window', async () => {
    const fresh = await workspaces().create({ projectId, name: 'Just created', kind: 'vm', size: 'Standard_D4s_v5', ownerId: researcherId, createdBy: researcherId }, db);
    const stale = await workspaces().create({ projectId, name: 'Stale stop', kind: 'vm', size: 'Standard_D4s_v5', ownerId: researcherId, createdBy: researcherId }, db);
    await db.updateTable('workspaces').set({ status: 'stopping', status_since: anHourAgo(), resource_id: `/simulated/projects/${projectId}/workspaces/${stale.id}` }).where('id', '=', stale.id).execute();
    // Pause the queue so the re-enqueued stop stays visible while the second sweep runs.
    await jobs.queue('workspaces').pause();
    try {
      const a = await reconcile();
      const b = await reconcile();
      expect(a.reenqueued).toContain(`workspaces/stop-workspace/${stale.id}`);
      expect(a.reenqueued).not.toContain(`workspaces/create-workspace/${fresh.id}`);
      expect(b.reenqueued).not.toContain(`workspaces/stop-workspace/${stale.id}`);
      const stops = (await jobs.queue('workspaces').getJobs(['waiting'])).filter((j) => j.data['workspaceId'] === stale.id);
      expect(stops).toHaveLength(1);
      expect(stops[0]?.data).toMatchObject({ reason: 'manual', dueAt: null });
    } finally {
      await jobs.queue('workspaces').resume();
    }
    await until(() => workspaces().findById(stale.id), (x) => x?.status === 'stopped', 'the lost stop to finish');
  }, 60_000);

  it('gives a lost automatic stop again as the stop it was, not as a person\'s', async () => {
    const w = await workspaces().create({ projectId, name: 'Lost idle stop', kind: 'vm', size: 'Standard_D4s_v5', ownerId: researcherId, createdBy: researcherId }, db);
    await jobs.enqueue('workspaces', 'create-workspace', { workspaceId: w.id }, `workspace-create:${w.id}`);
    await until(() => workspaces().findById(w.id), (x) => x?.status === 'running', 'workspace to run');
    const dueAt = anHourAgo();
    await db.updateTable('workspaces').set({ status_since: new Date(dueAt.getTime() - 60_000) }).where('id', '=', w.id).execute();
    // The idle stop's first step records why on the row as it moves the workspace to stopping.
    await jobs.enqueue('workspaces', 'stop-workspace', { workspaceId: w.id, reason: 'idle', dueAt: dueAt.toISOString() }, `idle-stop:${w.id}`);
    await until(() => workspaces().findById(w.id), (x) => x?.status === 'stopped', 'the idle stop');
    const recorded = await db.selectFrom('workspaces').select(['requested_reason', 'requested_due_at']).where('id', '=', w.id).executeTakeFirstOrThrow();
    expect(recorded).toEqual({ requested_reason: 'idle', requested_due_at: dueAt });

    // Had Redis lost that job after its first step, the row would sit in stopping as the step left it, with no job.
    await db.updateTable('workspaces').set({ status: 'stopping', status_since: anHourAgo(), last_stop_reason: null }).where('id', '=', w.id).execute();
    await jobs.queue('workspaces').pause();
    try {
      expect((await reconcile()).reenqueued).toContain(`workspaces/stop-workspace/${w.id}`);
      const [again] = (await jobs.queue('workspaces').getJobs(['waiting'])).filter((j) => j.data['workspaceId'] === w.id);
      expect(again?.data).toMatchObject({ reason: 'idle', dueAt: dueAt.toISOString() });
    } finally {
      await jobs.queue('workspaces').resume();
    }
    const stopped = await until(() => workspaces().findById(w.id), (x) => x?.status === 'stopped' && x.lastStopReason !== null, 'the re-given stop');
    expect(stopped?.lastStopReason).toBe('idle');
    const last = await db.selectFrom('audit_events').select(['action', 'details']).where('target_id', '=', w.id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: 'workspace.stopped', details: { reason: 'idle', automatic: true } });
  }, 60_000);

  it('gives a lost person\'s stop again as manual, even after an automatic stop of the same workspace', async () => {
    const w = await workspaces().create({ projectId, name: 'Lost manual stop', kind: 'vm', size: 'Standard_D4s_v5', ownerId: researcherId, createdBy: researcherId }, db);
    // An earlier automatic stop left its reason on the row; a person's later request to stop (the API's move) clears it.
    await db.updateTable('workspaces').set({ status: 'stopping', requested_reason: 'budget', requested_due_at: anHourAgo() }).where('id', '=', w.id).execute();
    await workspaces().setStatus(w.id, 'stopping', db, {}, anHourAgo());
    await jobs.queue('workspaces').pause();
    try {
      expect((await reconcile()).reenqueued).toContain(`workspaces/stop-workspace/${w.id}`);
      const [again] = (await jobs.queue('workspaces').getJobs(['waiting'])).filter((j) => j.data['workspaceId'] === w.id);
      expect(again?.data).toMatchObject({ reason: 'manual', dueAt: null });
    } finally {
      await jobs.queue('workspaces').resume();
    }
  });
});
