// The azure compliance adapter through the real @azure/arm-policyinsights SDK against an in-process FAKE of the
// Policy Insights REST API.
import type { ProjectEnvironmentSpec } from '@cloister/domain';
import { beforeEach, describe, expect, it } from 'vitest';
import { type FakePolicyState, FakePolicyInsights } from '../azure-fakes/fake-policy-insights';
import { FakeTokenCredential } from '../azure-fakes/fake-token-credential';
import { AzurePolicyCompliance } from './azure-policy-compliance';

const SUB = '11111111-2222-3333-4444-555555555555';
const spec: ProjectEnvironmentSpec = { projectId: 'p1', projectSlug: 'demo-study-0f1e2d3c', tier: 2, parameters: {} };
const RG = 'rg-cloister-demo-study-0f1e2d3c';
const ASSIGNMENT = `/subscriptions/${SUB}/providers/Microsoft.Authorization/policyAssignments/cloister-hipaa-hitrust`;
const res = (name: string) => `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Storage/storageAccounts/${name}`;
const state = (resource: string, reference: string, complianceState: FakePolicyState['complianceState'], timestamp: string): FakePolicyState => ({
  resourceId: res(resource), policyAssignmentId: ASSIGNMENT, complianceState, timestamp,
  policyDefinitionId: `/providers/Microsoft.Authorization/policyDefinitions/${reference}-guid`, policyDefinitionName: `${reference}-guid`,
  policyDefinitionReferenceId: reference, policyDefinitionAction: 'audit', policyDefinitionGroupNames: ['hipaa-1119.01j2Organizational.3-01.j', 'hipaa-0805.01y1Organizational.12-01.y'],
});

describe('AzurePolicyCompliance against a fake of Policy Insights', () => {
  let fake: FakePolicyInsights;
  let credential: FakeTokenCredential;
  let compliance: AzurePolicyCompliance;

  beforeEach(() => {
    fake = new FakePolicyInsights({ pageSize: 2 });
    credential = new FakeTokenCredential();
    compliance = new AzurePolicyCompliance({ credential, subscriptionId: SUB, platformResourceGroup: 'rg-cloister-prod-platform', httpClient: fake });
  });

  it('summarises the project resource group: counts, failing policies with names and controls, newest evaluation', async () => {
    fake.setStates(RG, [
      state('stdata', 'storageAccountsShouldRestrictNetworkAccess', 'NonCompliant', '2026-07-01T10:00:00Z'),
      state('stdata', 'storageAccountsShouldUsePrivateLink', 'NonCompliant', '2026-07-01T10:05:00Z'),
      state('stlogs', 'storageAccountsShouldUsePrivateLink', 'NonCompliant', '2026-07-01T09:00:00Z'),
      state('stimport', 'storageAccountsShouldUsePrivateLink', 'Compliant', '2026-07-01T11:30:00Z'),
      state('stother', 'storageAccountsShouldRestrictNetworkAccess', 'Compliant', '2026-07-01T08:00:00Z'),
    ]);
    const s = await compliance.summarize({ kind: 'project', environment: spec }, new Date('2026-07-02T00:00:00Z'));
    expect(s).toMatchObject({ source: 'azure-policy', simulated: false, resourceGroup: RG, compliantResources: 2, nonCompliantResources: 2 });
    expect(s.nonCompliantPolicies.map((p) => [p.name, p.nonCompliantResources, p.effect])).toEqual([
      ['storageAccountsShouldUsePrivateLink', 2, 'audit'],
      ['storageAccountsShouldRestrictNetworkAccess', 1, 'audit'],
    ]);
    expect(s.nonCompliantPolicies[0]?.controls).toEqual(['hipaa-0805.01y1Organizational.12-01.y', 'hipaa-1119.01j2Organizational.3-01.j']);
    expect(s.evaluatedAt.toISOString()).toBe('2026-07-01T11:30:00.000Z');

    const base = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.PolicyInsights/policyStates/latest`;
    const [summarize] = fake.requestsTo('POST', /\/summarize$/);
    expect(summarize?.path).toBe(`${base}/summarize`);
    expect(summarize?.query.get('api-version')).toBe('2024-10-01');
    const [failing, newest] = fake.requestsTo('POST', /\/queryResults$/);
    expect(failing?.query.get('$filter')).toBe("ComplianceState eq 'NonCompliant'");
    expect(failing?.query.get('$select')).toContain('PolicyDefinitionReferenceId');
    expect(newest?.query.get('$orderby')).toBe('Timestamp desc');
    expect(newest?.query.get('$top')).toBe('1');
    // Three non-compliant states in pages of two: the SDK followed @odata.nextLink once.
    expect(fake.requestsTo('GET', /\/queryResults$/).map((r) => r.query.get('$skiptoken'))).toEqual(['2']);
    expect(credential.requestedScopes).toContain('https://management.azure.com/.default');
  });

  it('reads the platform resource group and reports a clean group with the read time when nothing is evaluated yet', async () => {
    fake.setStates('rg-cloister-prod-platform', []);
    const now = new Date('2026-07-02T00:00:00Z');
    const s = await compliance.summarize({ kind: 'platform' }, now);
    expect(s).toEqual({ source: 'azure-policy', simulated: false, resourceGroup: 'rg-cloister-prod-platform', compliantResources: 0, nonCompliantResources: 0, nonCompliantPolicies: [], evaluatedAt: now });
  });

  it('surfaces Azure errors (a missing resource group) instead of reporting compliance', async () => {
    await expect(compliance.summarize({ kind: 'project', environment: spec }, new Date())).rejects.toMatchObject({ statusCode: 404 });
  });
});
