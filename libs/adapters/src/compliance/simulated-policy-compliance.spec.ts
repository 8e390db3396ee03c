import type { ProjectEnvironmentSpec } from '@cloister/domain';
import { loadProjectTemplate } from '@cloister/infra-templates';
import { describe, expect, it } from 'vitest';
import { SimulatedPolicyCompliance } from './simulated-policy-compliance';

const spec: ProjectEnvironmentSpec = { projectId: 'p1', projectSlug: 'demo-study-0f1e2d3c', tier: 2, parameters: {} };
const now = new Date('2026-07-02T00:00:00Z');

describe('SimulatedPolicyCompliance', () => {
  it('finds the committed project template compliant, over the resources the simulated provisioner deploys', async () => {
    const s = await new SimulatedPolicyCompliance().summarize({ kind: 'project', environment: spec }, now);
    expect(s).toMatchObject({ source: 'simulated', simulated: true, resourceGroup: 'rg-cloister-demo-study-0f1e2d3c', nonCompliantResources: 0, nonCompliantPolicies: [], evaluatedAt: now });
    expect(s.compliantResources).toBeGreaterThan(10);
  });

  it('reports a storage account that allows shared keys, under the chosen initiative’s controls', async () => {
    // One storage account of the compiled template switched to shared-key access.
    const text = JSON.stringify(loadProjectTemplate());
    const altered = JSON.parse(text.replace('"allowSharedKeyAccess":false', '"allowSharedKeyAccess":true')) as Record<string, unknown>;
    expect(JSON.stringify(altered)).not.toBe(text);
    const clean = await new SimulatedPolicyCompliance().summarize({ kind: 'project', environment: spec }, now);
    const s = await new SimulatedPolicyCompliance({ projectTemplate: altered, initiative: 'nist-sp-800-53-r5' }).summarize({ kind: 'project', environment: spec }, now);
    expect(s.nonCompliantResources).toBe(1);
    expect(s.compliantResources).toBe(clean.compliantResources - 1);
    expect(s.nonCompliantPolicies).toEqual([{
      policyDefinitionId: 'cloister-invariant/shared-key-access-disabled', name: 'No shared keys or anonymous access on storage', effect: 'audit',
      nonCompliantResources: 1, controls: ['IA-2 Identification and authentication', 'AC-3 Access enforcement'],
    }]);
  });

  it('evaluates the platform template for the platform scope', async () => {
    const s = await new SimulatedPolicyCompliance().summarize({ kind: 'platform' }, now);
    expect(s).toMatchObject({ simulated: true, resourceGroup: 'rg-cloister-local-platform', nonCompliantResources: 0, nonCompliantPolicies: [] });
    expect(s.compliantResources).toBeGreaterThan(10);
  });
});
