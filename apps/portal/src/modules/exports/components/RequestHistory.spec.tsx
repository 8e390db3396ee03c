import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../test/renderWithProviders';
import type { ExportDetail } from '../api/ExportRequest';
import { RequestHistory } from './RequestHistory';

const requestId = '3f1c9a52-0b7e-4d1a-9c55-2a8e6f0d7b10';
const history: ExportDetail['history'] = [
  { at: '2025-03-04T10:00:00.000Z', action: 'export.created', actor: 'ann@example.org', details: { title: 'Q1 tables', files: [{ path: 'tables/summary.csv', role: 'output', sha256: 'a'.repeat(64) }] } },
  { at: '2025-03-04T11:00:00.000Z', action: 'export.previewed', actor: 'rev@example.org', details: { requestId, path: 'tables/summary.csv', bytes: 93, truncated: false } },
  { at: '2025-03-04T11:05:00.000Z', action: 'export.previewed', actor: 'rev@example.org', details: { requestId, path: 'figures/plot.png', bytes: 2048, truncated: false } },
  { at: '2025-03-04T12:00:00.000Z', action: 'export.released', actor: null, details: {} },
  { at: '2025-03-04T13:00:00.000Z', action: 'export.downloaded', actor: 'ann@example.org', details: { requestId, path: 'tables/summary.csv', sha256: 'a'.repeat(64) } },
];

describe('RequestHistory', () => {
  it('names the file of each preview and download, and only of those', () => {
    renderWithProviders(<RequestHistory history={history} />);
    const steps = within(screen.getByRole('list', { name: 'Timeline' })).getAllByRole('listitem');
    const labels = steps.map((step) => step.querySelector('span:not([aria-hidden])')?.textContent);
    expect(labels).toEqual([
      'Created',
      'Previewed tables/summary.csv',
      'Previewed figures/plot.png',
      'Released',
      'Downloaded tables/summary.csv',
    ]);
    expect(steps[4]?.textContent).toContain('ann@example.org');
  });
});
