import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import { Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BullJobQueue, createLogger, createRedisConnection, startTracing, type Tracing } from '@cloister/adapters';
import { type OtlpCollector, spanAttribute, startOtlpCollector } from '@cloister/adapters/testing';
import { loadWorkerConfig } from '@cloister/config';
import { freePort, type LocalStack, startLocalStack } from '@cloister/local-stack';
import { createDatabase, type Db, EnvironmentsRepository, ProjectsRepository, seedDemoData, UsersRepository, WorkspacesRepository } from '@cloister/persistence';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeWorkerApp, createWorkerApp } from '../src/create-worker';
import { JobHandlerMismatchError, JobHandlerRegistry } from '../src/jobs/job-handler-registry';
import { OnJob } from '../src/jobs/on-job.decorator';
import { until } from '@cloister/local-stack/testing';


describe('worker', () => {
  let dataDir: string;
  let stack: LocalStack;
  let worker: NestExpressApplication;
  let db: Db;
  let url: string;
  let collector: OtlpCollector;
  let tracing: Tracing;
  let projectId: string;

  beforeAll(async () => {
    collector = await startOtlpCollector();
    tracing = await startTracing('cloister-worker-test', collector.url);
    dataDir = mkdtempSync(join(tmpdir(), 'cloister-worker-'));
    const workerPort = await freePort();
    stack = await startLocalStack({ dataDir, ephemeral: true, apiPort: await freePort(), idpPort: await freePort(), workerPort });
    const config = loadWorkerConfig(stack.workerEnv({ LOG_LEVEL: 'silent', SIMULATION_SPEED: '5000' }));
    worker = await createWorkerApp(config, createLogger('silent', 'worker-test'));
    await worker.listen(workerPort, '127.0.0.1');
    url = `http://127.0.0.1:${workerPort}`;
    db = createDatabase(stack.databaseUrl, 2);
    ({ projectId } = await seedDemoData(db));
  });
  afterAll(async () => {
    await db.destroy();
    await closeWorkerApp(worker);
    await stack.stop();
    await tracing.shutdown();
    await collector.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reports its dependencies and job metrics over HTTP', async () => {
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', checks: { database: { ok: true }, redis: { ok: true }, secureStorage: { ok: true } } });
    expect(await (await fetch(`${url}/metrics`)).text()).toContain('# TYPE cloister_jobs_total counter');
  });

  it('provisions a project once, however often the job is enqueued', async () => {
    const projects = new ProjectsRepository(db);
    const admin = await new UsersRepository(db).findByEmail('admin@example.org');
    const p = await projects.create({ name: 'Provision me', description: '', tier: 1, checkersRequired: 1, createdBy: admin!.id }, db);
    await projects.update(p.id, { status: 'provisioning' }, db);
    const redis = createRedisConnection(stack.redisUrl);
    const jobs = new BullJobQueue(redis);
    await jobs.enqueue('provisioning', 'provision-project', { projectId: p.id }, `provision:${p.id}:1`);
    await jobs.enqueue('provisioning', 'provision-project', { projectId: p.id }, `provision:${p.id}:1`);
    await until(() => projects.findById(p.id), (x) => x?.status === 'active', 'project to become active');
    const events = await db.selectFrom('audit_events').select('action').where('project_id', '=', p.id).execute();
    // Its workspaces get their staging credential as soon as it is active.
    expect(events.map((e) => e.action)).toEqual(['project.provisioned', 'workspace.credential.issued']);
    const env = await new EnvironmentsRepository(db).get(p.id);
    expect(env?.driver).toBe('local-simulated');
    expect(env?.plan?.changes.every((c) => c.changeType === 'Create')).toBe(true);
    expect(env?.steps.length).toBeGreaterThan(5);
    expect(env?.steps.every((s) => s.status === 'succeeded')).toBe(true);
    expect(env?.resources.length).toBeGreaterThan(10);
    expect(env?.resources.every((r) => r.simulated)).toBe(true);
    expect(await jobs.queue('provisioning').getJobCounts('completed')).toMatchObject({ completed: 1 });
    await jobs.close();
    redis.disconnect();

    // The job ran inside its own span (kind CONSUMER = 5 in OTLP), exported once tracing flushes.
    await tracing.shutdown();
    const span = collector.spans.find((s) => s.name === 'job provisioning/provision-project');
    expect(span?.kind).toBe(5);
    expect(spanAttribute(span, 'cloister.job.id')).toBe(`provision~${p.id}~1`);
  });

  it('fails a job whose payload is not what the job map says once, for good, naming the field, without running its handler', async () => {
    const workspaces = new WorkspacesRepository(db);
    const researcher = await new UsersRepository(db).findByEmail('researcher@example.org');
    const w = await workspaces.create({ projectId, name: 'Old job target', kind: 'vm', size: 'Standard_D4s_v5', ownerId: researcher!.id, createdBy: researcher!.id }, db);
    await workspaces.setStatus(w.id, 'running', db);
    const redis = createRedisConnection(stack.redisUrl);
    const jobs = new BullJobQueue(redis);
    // An automatic stop as an older version enqueued it, with no dueAt: run as it is, it would stop the workspace.
    const queue = jobs.queue('workspaces');
    await queue.add('stop-workspace', { workspaceId: w.id, reason: 'idle' }, { jobId: `old-stop-${w.id}`, attempts: 5, backoff: { type: 'fixed', delay: 10 } });
    const failed = await until(async () => (await queue.getJobState(`old-stop-${w.id}`)) === 'failed' ? queue.getJob(`old-stop-${w.id}`) : null, (j) => Boolean(j), 'malformed job to fail');
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.failedReason).toBe('workspaces/stop-workspace payload refused: dueAt: missing');
    expect((await workspaces.findById(w.id))?.status).toBe('running');
    expect(await db.selectFrom('audit_events').select('action').where('target_id', '=', w.id).execute()).toEqual([]);
    expect(await (await fetch(`${url}/metrics`)).text()).toContain('cloister_jobs_total{queue="workspaces",job="stop-workspace",outcome="failed"} 1');
    await jobs.close();
    redis.disconnect();
  });
});

describe('job handler registry', () => {
  @Injectable()
  class OnlyHeartbeat {
    @OnJob('maintenance', 'heartbeat')
    async beat(): Promise<void> {}
  }

  it('refuses to boot when a job type has no handler', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [DiscoveryModule], providers: [JobHandlerRegistry, OnlyHeartbeat] }).compile();
    await expect(moduleRef.init()).rejects.toThrow(JobHandlerMismatchError);
    await expect(moduleRef.init()).rejects.toThrow(/provisioning\/provision-project: no handler/);
  });
});
