import type { BullJobQueue } from '@cloister/adapters';
import { until } from '@cloister/local-stack/testing';
import { type Db, EnvironmentsRepository, PolicyComplianceRepository } from '@cloister/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type WorkerHarness, startWorkerHarness } from './worker-harness';

describe('posture sweep', () => {
  let h: WorkerHarness;
  let db: Db;
  let jobs: BullJobQueue;
  let projectId: string;
  const compliance = () => new PolicyComplianceRepository(db);
  const completedSweeps = async () => (await jobs.queue('maintenance').getJobs(['completed'])).filter((j) => j.name === 'posture-sweep').length;
  const complianceEvents = () => db.selectFrom('audit_events').select(['action', 'target_type', 'project_id', 'details']).where('action', '=', 'posture.compliance_changed').orderBy('seq').execute();

  beforeAll(async () => {
    h = await startWorkerHarness('posture');
    ({ db, jobs, projectId } = h);
  });
  afterAll(() => h.close());

  it('registers the sweep as a job scheduler whose first tick, at boot, stores the platform’s simulated compliance', async () => {
    const schedulers = await jobs.queue('maintenance').getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toContain('posture-sweep');
    await until(completedSweeps, (n) => n >= 1, 'the boot tick of the posture sweep');
    const platform = await compliance().get('platform');
    expect(platform).toMatchObject({ projectId: null, source: 'simulated', simulated: true, resourceGroup: 'rg-cloister-local-platform', nonCompliantResources: 0 });
    expect(platform!.compliantResources).toBeGreaterThan(0);
  });

  it('stores a deployed project’s compliance once per sweep and audits only a change, however often it runs', async () => {
    // Not provisioned yet: the boot tick left the project alone.
    expect(await compliance().get({ projectId })).toBeNull();
    await new EnvironmentsRepository(db).save(projectId, 'local-simulated', { resources: [{ type: 'Microsoft.Storage/storageAccounts', name: 'st', id: '/simulated/st', simulated: true }] });
    const before = await completedSweeps();
    // Two sweeps at once (two replicas, or a tick and a manual run): one summary row, one audit event for the project.
    await Promise.all([
      jobs.enqueue('maintenance', 'posture-sweep', {}, `posture-test-1:${projectId}`),
      jobs.enqueue('maintenance', 'posture-sweep', {}, `posture-test-2:${projectId}`),
    ]);
    await until(completedSweeps, (n) => n >= before + 2, 'both posture sweeps');
    const stored = await compliance().get({ projectId });
    expect(stored).toMatchObject({ projectId, source: 'simulated', simulated: true, nonCompliantResources: 0, nonCompliantPolicies: [] });
    expect(stored!.resourceGroup).toMatch(/^rg-cloister-demo-study-/);
    expect(stored!.compliantResources).toBeGreaterThan(10);
    const events = (await complianceEvents()).filter((e) => e.project_id === projectId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ target_type: 'project', details: { simulated: true, nonCompliantResources: 0, previousNonCompliantResources: null } });
    // The platform's unchanged summary was re-read, not re-audited.
    expect((await complianceEvents()).filter((e) => e.target_type === 'platform')).toHaveLength(1);
    expect((await compliance().get({ projectId }))!.sweptAt.getTime()).toBeGreaterThanOrEqual(stored!.evaluatedAt.getTime());
  });
});
