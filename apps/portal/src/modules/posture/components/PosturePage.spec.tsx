import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../test/renderWithProviders';
import type { Posture } from '../api/postureRequests';
import { PosturePage } from './PosturePage';

const posture = (invariants: Posture['items'][number]['invariants']): Posture => ({
  mode: 'local',
  platform: { policyCompliance: { evaluatedAt: null, summary: null, note: 'Not evaluated yet.' } },
  items: [{
    projectId: 'p1', name: 'Demo study', status: 'active', tier: 3, environment: null, invariants,
    policyCompliance: { evaluatedAt: null, summary: null, note: 'Nothing deployed to evaluate.' },
  }],
  nextCursor: null,
});

describe('PosturePage', () => {
  it('explains an empty "What is checked" section instead of leaving its heading over nothing', async () => {
    renderWithProviders(<PosturePage />, { routes: { '/api/v1/posture': { body: posture([]) } } });

    await screen.findByRole('heading', { name: 'What is checked' });
    expect(screen.getByText(/listed once a project's environment has been deployed/)).toBeTruthy();
  });

  it('lists the checks a deployed template carries', async () => {
    const invariant = { id: 'no-public-ip', title: 'No public IPs', check: 'No resource has a public IP address.', passed: true, violations: [] };
    renderWithProviders(<PosturePage />, { routes: { '/api/v1/posture': { body: posture([invariant]) } } });

    expect((await screen.findByRole('listitem')).textContent).toBe('No public IPs: No resource has a public IP address.');
    expect(screen.queryByText(/listed once/)).toBeNull();
  });
});
