import { describe, expect, it } from 'vitest';
import { complianceChanged, type PolicyComplianceSummary } from './policy-compliance.port';

const base: PolicyComplianceSummary = {
  source: 'azure-policy', simulated: false, resourceGroup: 'rg-x', compliantResources: 10, nonCompliantResources: 1,
  nonCompliantPolicies: [{ policyDefinitionId: '/p/a', name: 'a', effect: 'audit', nonCompliantResources: 1, controls: [] }],
  evaluatedAt: new Date('2026-07-01T00:00:00Z'),
};

describe('complianceChanged', () => {
  it('counts a first summary as a change', () => {
    expect(complianceChanged(null, base)).toBe(true);
  });

  it('ignores a re-read that only moved the evaluation time or reordered policies', () => {
    const two = { ...base, nonCompliantPolicies: [...base.nonCompliantPolicies, { ...base.nonCompliantPolicies[0]!, policyDefinitionId: '/p/b' }] };
    expect(complianceChanged(two, { ...two, evaluatedAt: new Date(), nonCompliantPolicies: [...two.nonCompliantPolicies].reverse() })).toBe(false);
  });

  it('sees a resource becoming compliant and a policy starting to fail', () => {
    expect(complianceChanged(base, { ...base, compliantResources: 11, nonCompliantResources: 0, nonCompliantPolicies: [] })).toBe(true);
    expect(complianceChanged(base, { ...base, nonCompliantPolicies: [{ ...base.nonCompliantPolicies[0]!, nonCompliantResources: 2 }] })).toBe(true);
  });
});
