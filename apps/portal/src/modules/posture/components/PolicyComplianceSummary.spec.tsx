import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../test/renderWithProviders';
import { type PolicyCompliance, PolicyComplianceSummary } from './PolicyComplianceSummary';

const evaluated: PolicyCompliance = {
  evaluatedAt: '2026-07-01T10:00:00.000Z',
  note: 'Azure Policy: latest states of the regulatory initiative assigned to the subscription, for this resource group.',
  summary: {
    source: 'azure-policy', simulated: false, resourceGroup: 'rg-cloister-demo', compliantResources: 41, nonCompliantResources: 2, sweptAt: '2026-07-01T10:05:00.000Z',
    nonCompliantPolicies: [
      { policyDefinitionId: '/p/1#storagePrivateLink', name: 'storagePrivateLink', effect: 'audit', nonCompliantResources: 2, controls: ['hipaa-0805.01y1Organizational.12-01.y'] },
      { policyDefinitionId: '/p/2#keyVaultPurge', name: 'keyVaultPurge', effect: null, nonCompliantResources: 1, controls: [] },
    ],
  },
};

describe('PolicyComplianceSummary', () => {
  it('shows counts, the failing policies with their controls and the evaluation time', () => {
    renderWithProviders(<PolicyComplianceSummary compliance={evaluated} />);
    expect(screen.getByText('41 compliant')).toBeTruthy();
    expect(screen.getByText('2 non-compliant')).toBeTruthy();
    expect(screen.queryByText('simulated')).toBeNull();
    expect(document.querySelector('time')?.getAttribute('dateTime')).toBe('2026-07-01T10:00:00.000Z');
    const items = within(screen.getByRole('list', { name: 'Failing policies' })).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['storagePrivateLink (audit): 2 resources — hipaa-0805.01y1Organizational.12-01.y', 'keyVaultPurge (effect unknown): 1 resource']);
  });

  it('labels local mode’s evaluation as simulated and lists nothing when all resources comply', () => {
    renderWithProviders(<PolicyComplianceSummary compliance={{ ...evaluated, note: 'Simulated: …', summary: { ...evaluated.summary!, source: 'simulated', simulated: true, nonCompliantResources: 0, nonCompliantPolicies: [] } }} />);
    expect(screen.getByText('simulated')).toBeTruthy();
    expect(screen.getByText('0 non-compliant')).toBeTruthy();
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('says why there is nothing before the first sweep', () => {
    renderWithProviders(<PolicyComplianceSummary compliance={{ evaluatedAt: null, summary: null, note: 'Not evaluated yet: the worker\'s posture sweep reads compliance every 30 minutes.' }} />);
    expect(screen.getByText(/Not evaluated yet/)).toBeTruthy();
    expect(screen.queryByText(/compliant/)).toBeNull();
  });
});
