import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BullJobQueue, createLogger, createRedisConnection } from '@cloister/adapters';
import { loadWorkerConfig } from '@cloister/config';
import { decideDueActions } from '@cloister/domain';
import { freePort, type LocalStack, startLocalStack } from '@cloister/local-stack';
import { ComputePoliciesRepository, createDatabase, type Db, seedDemoData, UsersRepository, WorkspacesRepository } from '@cloister/persistence';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeWorkerApp, createWorkerApp } from '../src/create-worker';
import { enqueueDue } from '../src/shutdown/shutdown.handlers';

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const v = await fn();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('workspace jobs and shutdown sweeps', () => {
  let dataDir: string;
  let stack: LocalStack;
  let worker: NestExpressApplication;
  let db: Db;
  let redis: Redis;
  let jobs: BullJobQueue;
  let projectId: string;
  let researcherId: string;
  const workspaces = () => new WorkspacesRepository(db);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cloister-ws-'));
    const workerPort = await freePort();
    stack = await startLocalStack({ dataDir, ephemeral: true, apiPort: await freePort(), idpPort: await freePort(), workerPort });
    worker = await createWorkerApp(loadWorkerConfig(stack.workerEnv({ LOG_LEVEL: 'silent', SIMULATION_SPEED: '20000' })), createLogger('silent', 'ws-test'));
    await worker.listen(workerPort, '127.0.0.1');
    db = createDatabase(stack.databaseUrl, 2);
    projectId = (await seedDemoData(db)).projectId;
    researcherId = (await new UsersRepository(db).findByEmail('researcher@example.org'))!.id;
    redis = createRedisConnection(stack.redisUrl);
    jobs = new BullJobQueue(redis);
  });
  afterAll(async () => {
    await jobs.close();
    redis.disconnect();
    await db.destroy();
    await closeWorkerApp(worker);
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

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
});
