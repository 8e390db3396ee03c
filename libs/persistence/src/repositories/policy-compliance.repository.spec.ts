import type { PolicyComplianceSummary } from '@cloister/domain';
import { createTestDatabase, testEngines, type TestDatabase } from '@cloister/persistence/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../seed/demo-data';
import { PolicyComplianceRepository } from './policy-compliance.repository';

const summary: PolicyComplianceSummary = {
  source: 'azure-policy', simulated: false, resourceGroup: 'rg-cloister-demo', compliantResources: 12, nonCompliantResources: 1,
  nonCompliantPolicies: [{ policyDefinitionId: '/providers/Microsoft.Authorization/policyDefinitions/abc#storagePrivateLink', name: 'storagePrivateLink', effect: 'audit', nonCompliantResources: 1, controls: ['hipaa-0805'] }],
  evaluatedAt: new Date('2026-07-01T10:00:00Z'),
};

describe.each(testEngines())('policy compliance on %s', (engine) => {
  let t: TestDatabase;
  let repo: PolicyComplianceRepository;
  let projectId: string;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    repo = new PolicyComplianceRepository(t.db);
    projectId = (await seedDemoData(t.db)).projectId;
  });
  afterAll(() => t.close());

  it('stores one summary per project and one for the platform, overwriting on each sweep', async () => {
    expect(await repo.get({ projectId })).toBeNull();
    const swept = new Date('2026-07-01T10:30:00Z');
    await repo.save({ projectId }, summary, swept);
    await repo.save({ projectId }, summary, swept); // a repeated sweep changes nothing
    expect(await repo.get({ projectId })).toEqual({ ...summary, projectId, sweptAt: swept });
    const fixed = { ...summary, compliantResources: 13, nonCompliantResources: 0, nonCompliantPolicies: [], evaluatedAt: new Date('2026-07-01T12:00:00Z') };
    await repo.save({ projectId }, fixed, new Date('2026-07-01T12:30:00Z'));
    await repo.save('platform', { ...summary, source: 'simulated', simulated: true, resourceGroup: 'rg-cloister-local-platform' }, swept);
    const all = await repo.forPlatformAnd([projectId]);
    expect([...all.projects.keys()]).toEqual([projectId]);
    expect((await repo.forPlatformAnd([])).projects.size).toBe(0);
    expect(all.projects.get(projectId)).toMatchObject({ compliantResources: 13, nonCompliantPolicies: [], sweptAt: new Date('2026-07-01T12:30:00Z') });
    expect(all.platform).toMatchObject({ projectId: null, simulated: true, resourceGroup: 'rg-cloister-local-platform' });
    expect(await t.db.selectFrom('policy_compliance').select('scope_key').orderBy('scope_key').execute()).toEqual([{ scope_key: 'platform' }, { scope_key: `project:${projectId}` }]);
  });

  it('serialises two read-compare-writes of one scope, so only the first sees it missing', async () => {
    const seen: (number | null)[] = [];
    const sweep = () => t.db.transaction().execute(async (trx) => {
      await repo.lock('platform', trx);
      const previous = await repo.get('platform', trx);
      seen.push(previous?.compliantResources ?? null);
      await repo.save('platform', { ...summary, compliantResources: (previous?.compliantResources ?? 0) + 1 }, new Date(), trx);
    });
    await t.db.deleteFrom('policy_compliance').where('scope_key', '=', 'platform').execute();
    await Promise.all([sweep(), sweep()]);
    expect(seen.sort()).toEqual([1, null].sort());
    expect((await repo.get('platform'))?.compliantResources).toBe(2);
  });

  it('refuses a project row whose key does not name the project', async () => {
    await expect(t.db.insertInto('policy_compliance').values({
      scope_key: 'project:someone-else', project_id: projectId, source: 'simulated', simulated: true, resource_group: 'rg', compliant_resources: 0,
      non_compliant_resources: 0, non_compliant_policies: '[]', evaluated_at: new Date(), swept_at: new Date(),
    }).execute()).rejects.toThrow(/check constraint/);
  });
});
