import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../test/renderWithProviders';
import type { Workspace } from '../api/workspaceRequests';
import { WorkspaceTable } from './WorkspaceTable';

const base: Workspace = {
  id: '0b0f7f5e-2f6a-4c57-8f34-4a1c1d2e3f40', projectId: 'c0a80101-0000-4000-8000-000000000001', name: 'gpu-training', kind: 'ml_compute',
  size: 'Standard_NC4as_T4_v3', hourlyRate: 0.526, ownerId: 'c0a80101-0000-4000-8000-000000000002', ownerEmail: 'researcher@example.org',
  shared: false, status: 'running', statusSince: '2026-11-29T09:00:00.000Z', lastStopReason: null, failureReason: null, simulated: false,
  createdAt: '2026-11-29T09:00:00.000Z', allowed: { connect: true, start: false, stop: true, delete: false },
};

describe('WorkspaceTable', () => {
  it('gives the hourly rate its currency and says "Shared" for a shared workspace', () => {
    renderWithProviders(<WorkspaceTable items={[base, { ...base, id: '0b0f7f5e-2f6a-4c57-8f34-4a1c1d2e3f41', name: 'team', shared: true, ownerId: null, ownerEmail: null }]} showOwner />);
    const rows = within(screen.getByRole('table', { name: 'Workspaces' })).getAllByRole('row').slice(1);
    expect(rows[0]!.textContent).toContain('ML compute · Standard_NC4as_T4_v3 · 0.526 USD/h');
    expect(rows[0]!.textContent).toContain('researcher@example.org');
    expect(rows[1]!.textContent).toContain('Shared');
    expect(within(rows[0]!).getByRole('button', { name: 'Stop gpu-training' })).toBeTruthy();
  });

  it('shows the status in words, with why a stopped workspace stopped', () => {
    const stopped: Workspace = { ...base, id: '0b0f7f5e-2f6a-4c57-8f34-4a1c1d2e3f42', name: 'idle-box', status: 'stopped', lastStopReason: 'idle', allowed: { connect: false, start: true, stop: false, delete: true } };
    const starting: Workspace = { ...base, id: '0b0f7f5e-2f6a-4c57-8f34-4a1c1d2e3f43', name: 'waking', status: 'starting', allowed: { connect: false, start: false, stop: false, delete: false } };
    renderWithProviders(<WorkspaceTable items={[base, stopped, starting]} />);
    expect(screen.getAllByTestId('workspace-status').map((b) => b.textContent)).toEqual(['Running', 'Stopped', 'Starting']);
    const rows = within(screen.getByRole('table', { name: 'Workspaces' })).getAllByRole('row').slice(1);
    expect(rows[1]!.textContent).toContain('Stopped when idle');
  });
});
