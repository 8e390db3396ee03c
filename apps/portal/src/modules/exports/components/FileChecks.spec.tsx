import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../test/renderWithProviders';
import type { ExportFile } from '../api/ExportRequest';
import { FileChecks } from './FileChecks';

const file: ExportFile = {
  id: '7d4c4c9e-6a52-4b0e-9d0e-5f1f0c2a4b11', path: 'patients.csv', role: 'supporting', size: 93, sha256: 'a'.repeat(64),
  contentType: 'text/csv', changedInRound: 1, checkOutcome: 'fail', decision: null, released: false,
  checks: [
    { name: 'file_type', outcome: 'pass', hard: false, message: 'supporting file (.csv), never released' },
    { name: 'pii', outcome: 'fail', hard: false, message: 'possible identifiers: 1 × NHS number' },
    { name: 'some_new_check', outcome: 'review', hard: false, message: 'look at it' },
  ],
  findings: {
    pii: [
      { entity: 'UK_NHS', score: 0.55, row: 2, field: 'nhs_number', line: null, column: null, start: 0, end: 12 },
      { entity: 'EMAIL_ADDRESS', score: 0.95, row: null, field: null, line: 4, column: 12, start: 40, end: 60 },
    ],
    cells: [],
    archiveEntries: [],
  },
};

describe('FileChecks', () => {
  it('names the checks and the identifiers found in words, not as the scanner codes them', () => {
    renderWithProviders(<FileChecks file={file} />);
    const checks = within(screen.getByRole('list', { name: 'Checks of patients.csv' })).getAllByRole('listitem');
    expect(checks.map((c) => c.textContent)).toEqual([
      expect.stringMatching(/^File type/),
      expect.stringMatching(/^Personal identifiers/),
      expect.stringMatching(/^Some new check/),
    ]);
    const found = within(screen.getByRole('list', { name: 'Identifiers found in patients.csv' })).getAllByRole('listitem');
    expect(found.map((f) => f.textContent)).toEqual([
      'NHS number in row 2, column "nhs_number" (confidence 55%)',
      'Email address on line 4, column 12 (confidence 95%)',
    ]);
  });
});
