import type { FlaggedCell, PiiFinding } from './api/ExportRequest';

/** Why one table cell is highlighted: disclosure checks that flagged it and identifiers found in it. */
export interface CellFlags {
  checks: string[];
  entities: string[];
}

const cellKey = (row: number, column: number) => `${row}:${column}`;

/**
 * Highlights per table cell, keyed by 1-based data row and column (the header is not a data row). Disclosure
 * checks name the cell; a PII finding names its row and column header, so the header row places it.
 */
export function tableCellFlags(header: readonly string[], cells: readonly FlaggedCell[], pii: readonly PiiFinding[]): Map<string, CellFlags> {
  const flags = new Map<string, CellFlags>();
  const at = (row: number, column: number) => {
    const key = cellKey(row, column);
    let entry = flags.get(key);
    if (entry === undefined) {
      entry = { checks: [], entities: [] };
      flags.set(key, entry);
    }
    return entry;
  };
  for (const cell of cells) at(cell.row, cell.column).checks.push(cell.check);
  for (const finding of pii) {
    if (finding.row === null) continue;
    const byName = finding.field === null ? -1 : header.indexOf(finding.field);
    const column = byName >= 0 ? byName + 1 : finding.column;
    if (column === null) continue;
    at(finding.row, column).entities.push(finding.entity);
  }
  return flags;
}

export function flagsAt(flags: ReadonlyMap<string, CellFlags>, row: number, column: number): CellFlags | undefined {
  return flags.get(cellKey(row, column));
}

/** A piece of text, highlighted when an identifier was found in it. */
export interface TextSegment {
  text: string;
  entities: string[];
}

/** Splits text at the findings' [start, end) offsets (UTF-16 units, as the scanner reports them). */
export function textSegments(text: string, pii: readonly PiiFinding[]): TextSegment[] {
  const spans = pii
    .map((f) => ({ start: Math.max(0, Math.min(f.start, text.length)), end: Math.max(0, Math.min(f.end, text.length)), entity: f.entity }))
    .filter((s) => s.end > s.start);
  const cuts = [...new Set([0, text.length, ...spans.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  const segments: TextSegment[] = [];
  for (let i = 0; i < cuts.length - 1; i += 1) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    const entities = [...new Set(spans.filter((s) => s.start <= start && s.end >= end).map((s) => s.entity))];
    const previous = segments[segments.length - 1];
    if (previous !== undefined && previous.entities.length === 0 && entities.length === 0) previous.text += text.slice(start, end);
    else segments.push({ text: text.slice(start, end), entities });
  }
  return segments;
}
