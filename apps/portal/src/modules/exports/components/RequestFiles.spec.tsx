import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../test/renderWithProviders';
import type { ExportDetail, ExportFile } from '../api/ExportRequest';
import { RequestFiles } from './RequestFiles';

const file: ExportFile = {
  id: '0b8f3f8e-2b1e-4a39-9d51-3c1c7e0e9a01', path: 'table1.csv', role: 'output', size: 120, sha256: 'b'.repeat(64), contentType: 'text/csv',
  checkOutcome: 'pass', checks: [], findings: null, decision: 'approved', changedInRound: 1, released: true,
};

const detail = (status: ExportDetail['status']): ExportDetail => ({
  id: '5a0c6f0e-6c1d-4f53-8a57-9f0e7f1d2c03', projectId: '9d9c1a52-3b7e-4c55-a0d1-0c1f4f6b8e21', projectName: 'Demo study', title: 'Table 1',
  status, statusReason: null, round: 1, checkersRequired: 2, requesterId: '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b', requester: 'researcher@example.org',
  createdAt: '2026-11-29T09:00:00.000Z', updatedAt: '2026-11-29T09:30:00.000Z', submittedAt: '2026-11-29T09:01:00.000Z',
  releasedAt: '2026-11-29T09:20:00.000Z', revokedAt: status === 'revoked' ? '2026-11-29T09:30:00.000Z' : null, fileCount: 1, outputCount: 1,
  purpose: 'Paper', groups: [{ id: 'c2b7a1d0-8e9f-4a3b-9c2d-1e0f3a4b5c6d', name: 'Main', context: 'Counts', controls: '', files: [file] }],
  myReview: null, votes: [], reviews: [], comments: [], history: [],
  can: { edit: false, submit: false, withdraw: false, review: false, revoke: false, download: status === 'released', retry: false, preview: false },
});

describe('RequestFiles', () => {
  it('shows a released file as released while its request stands', () => {
    renderWithProviders(<RequestFiles detail={detail('released')} />);
    expect(screen.getByRole('group', { name: 'table1.csv' }).textContent).toMatch(/Released(?!, then revoked)/);
  });

  it('marks the files of a revoked request as released, then revoked, so nobody takes them for still published', () => {
    renderWithProviders(<RequestFiles detail={detail('revoked')} />);
    expect(screen.getByRole('group', { name: 'table1.csv' }).textContent).toContain('Released, then revoked');
  });
});
