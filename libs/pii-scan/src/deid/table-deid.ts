/**
 * One de-identification of a table, whatever file it came from: rows go in as cell texts, the table scanner
 * judges them, and rows come out with the found spans transformed, in order. A row comes out as soon as the
 * scanner has judged it (after the first `sampleRows` rows, at once), so memory is bounded by the sample
 * and not by the file. CSV, XLSX and Parquet only read rows in and write rows out around this.
 */
import type { DetailedFinding } from '../types';
import { DEFAULT_MIN_SCORE } from '../types';
import { tableScanner } from '../scan-file';
import { dedupeHeader, type TableScanner } from '../formats/table';
import { applySpans } from './transforms';
import type { DeidentifyOptions, ItemSink } from './deidentify';

export interface DeidRow<T> {
  /** 1-based data row; 0 for the header; null for a blank line (passed through). */
  row: number | null;
  /** Cell texts, with transformed cells replaced. */
  cells: string[];
  /** Which cells now differ from what was read (null: none). */
  changed: boolean[] | null;
  /** Whatever the reader attached to the row (its typed values), untouched. */
  raw: T;
}

interface Pending<T> {
  row: number | null;
  cells: string[];
  line: number | null;
  raw: T;
}

export class TableDeidentifier<T> {
  private readonly scanner: TableScanner;
  private header: string[] | null = null;
  private readonly columnOf = new Map<string, number>();
  private subjectIdx = -1;
  private row = 0;
  private readonly queue: Pending<T>[] = [];
  private readonly byRow = new Map<number, DetailedFinding[]>();

  /**
   * @param items the report's item list, appended to in row order
   * @param fieldPrefix prefixed to `field` in items (the sheet name for second and later XLSX sheets)
   */
  constructor(
    private readonly options: DeidentifyOptions,
    private readonly items: ItemSink,
    private readonly fieldPrefix = '',
  ) {
    // every finding is needed to transform every cell, so no per-column cap
    this.scanner = tableScanner({ ...options, maxFindingsPerColumn: 0, minScore: options.minScore ?? DEFAULT_MIN_SCORE });
  }

  /** Adds the next record (the first is the header); returns the rows now ready to write. */
  push(cells: string[], raw: T, line: number | null = null): DeidRow<T>[] {
    if (this.header === null) {
      this.header = cells;
      dedupeHeader(cells.map((c) => c.trim())).forEach((name, i) => {
        if (!this.columnOf.has(name)) this.columnOf.set(name, i);
      });
      this.subjectIdx = this.options.subjectColumn ? cells.indexOf(this.options.subjectColumn) : -1;
      this.scanner.onRecord(cells, line ?? 1);
      return [{ row: 0, cells, changed: null, raw }];
    }
    const blank = cells.length === 1 && cells[0] === ''; // the scanner skips these too
    this.scanner.onRecord(cells, line ?? 0);
    this.queue.push({ row: blank ? null : ++this.row, cells, line, raw });
    return this.release(this.row - this.scanner.pendingRows);
  }

  /** No more records: the rest of the rows. */
  end(): DeidRow<T>[] {
    if (this.header === null) return [];
    this.scanner.finish();
    return this.release(this.row);
  }

  private release(upTo: number): DeidRow<T>[] {
    for (const f of this.scanner.findings.splice(0)) {
      const list = this.byRow.get(f.row!);
      if (list) list.push(f);
      else this.byRow.set(f.row!, [f]);
    }
    const out: DeidRow<T>[] = [];
    while (this.queue.length && (this.queue[0]!.row === null || this.queue[0]!.row <= upTo)) out.push(this.transform(this.queue.shift()!));
    return out;
  }

  private transform(p: Pending<T>): DeidRow<T> {
    const found = p.row === null ? undefined : this.byRow.get(p.row);
    if (!found) return { row: p.row, cells: p.cells, changed: null, raw: p.raw };
    this.byRow.delete(p.row!);
    const byColumn = new Map<number, DetailedFinding[]>();
    for (const f of found) {
      const ci = this.columnIndex(f.field!);
      const list = byColumn.get(ci);
      if (list) list.push(f);
      else byColumn.set(ci, [f]);
    }
    const cells = p.cells.slice();
    const changed = cells.map(() => false);
    // a per-row subject needs its own options object; otherwise one shared object keeps lookups fast
    const o = this.subjectIdx >= 0 ? { ...this.options, subject: p.cells[this.subjectIdx] ?? '' } : this.options;
    for (const [ci, spans] of [...byColumn].sort((a, b) => a[0] - b[0])) {
      const before = cells[ci] ?? '';
      const r = applySpans(before, spans, o);
      if (r.text !== before) {
        cells[ci] = r.text;
        changed[ci] = true;
      }
      for (const c of r.changes) {
        const f = spans.find((x) => x.start === c.start && x.end === c.end)!;
        this.items.push({ entity: c.entity, operator: c.operator, start: c.start, end: c.end, line: p.line, row: p.row, field: this.fieldPrefix + f.field, score: f.score });
      }
    }
    return { row: p.row, cells, changed, raw: p.raw };
  }

  /** Findings name their column; columns beyond the header (ragged rows) are named by position. */
  private columnIndex(field: string): number {
    const i = this.columnOf.get(field);
    if (i !== undefined) return i;
    const m = /^column_(\d+)$/.exec(field);
    if (m) return +m[1]! - 1;
    throw new Error(`internal: finding in unknown column "${field}"`);
  }
}
