import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../test/renderWithProviders';
import { CsvPreview } from './CsvPreview';

const cellsOf = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map((row) => Array.from(row.querySelectorAll('td')).slice(1));

const piiFinding = { entity: 'UK_NHS', score: 0.99, line: 3, column: null, row: 2, field: 'nhs_number', start: 30, end: 42 };

describe('CsvPreview', () => {
  it('highlights the cells the disclosure checks flagged, and only those', () => {
    renderWithProviders(
      <CsvPreview text={'region,count\nNorth,25\nSouth,3\nEast,40\n'} cells={[{ row: 2, column: 2, check: 'threshold' }]} pii={[]} label="Preview of counts.csv" />,
    );
    const cells = cellsOf();
    expect(cells.map((row) => row.map((cell) => cell.getAttribute('data-flag')))).toEqual([
      [null, null],
      [null, 'disclosure'],
      [null, null],
    ]);
    const flagged = cells[1]![1]!;
    expect(flagged.textContent).toContain('3');
    expect(flagged.getAttribute('title')).toBe('disclosure check: threshold');
  });

  it('highlights a PII finding in the cell of its row and named column', () => {
    renderWithProviders(
      <CsvPreview text={'id,nhs_number,age\n1,n/a,40\n2,943 476 5919,51\n'} cells={[]} pii={[piiFinding]} label="Preview of patients.csv" />,
    );
    const cells = cellsOf();
    expect(cells[1]![1]!.getAttribute('data-flag')).toBe('pii');
    expect(cells[1]![1]!.getAttribute('title')).toBe('identifier: NHS number');
    expect(cells.flat().filter((cell) => cell.getAttribute('data-flag') !== null)).toHaveLength(1);
  });

  it('reads quoted fields with commas and newlines as one cell', () => {
    renderWithProviders(<CsvPreview text={'a,b\n"x, y","line 1\nline 2"\n'} cells={[{ row: 1, column: 1, check: 'dominance' }]} pii={[]} label="Preview" />);
    const cells = cellsOf();
    expect(cells).toHaveLength(1);
    expect(cells[0]![0]!.textContent).toContain('x, y');
    expect(cells[0]![0]!.getAttribute('data-flag')).toBe('disclosure');
    expect(cells[0]![1]!.textContent).toBe('line 1\nline 2');
  });
});
