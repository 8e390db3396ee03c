/**
 * `deidentify IN OUT`: write a de-identified copy and a report of what changed (entity, operator and
 * position, never the original value). Text-like files are scanned and rewritten in one streamed pass
 * (text-deid.ts). Tables (CSV/TSV, XLSX, Parquet) go through one table de-identifier (table-deid.ts) between a
 * reader and a writer per format. The copy is written to a temporary file beside OUT and renamed at the
 * end, so a file that fails half-way leaves nothing behind.
 */
import { constants as fsConstants, promises as fsp } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { DetailedFinding, Entity, ScanOptions } from '../types';
import { detectFormat, errorText, scanText, type FileFormat } from '../scan-file';
import { applySpans, type Change, type DeidOptions, type Operator } from './transforms';
import { deidentifyCsv } from './csv-deid';
import { deidentifyXlsx } from './xlsx-deid';
import { deidentifyParquet } from './parquet-deid';
import { deidentifyTextFile } from './text-deid';

export interface DeidReportItem {
  entity: Entity;
  operator: Operator;
  start: number;
  end: number;
  line: number | null;
  row: number | null;
  field: string | null;
  score: number;
}

/** A column (Parquet) or some cells of a column (XLSX) whose type became string because values changed. */
export interface RetypedColumn {
  field: string;
  /** The type before: a Parquet logical/physical type, or an XLSX cell type (number, date, boolean, formula). */
  from: string;
  to: 'string';
}

export interface DeidReport {
  input: string;
  output: string;
  format: string;
  error: string | null;
  changed: number;
  byEntity: Record<string, Record<string, number>>;
  items: DeidReportItem[];
  /** Always present; empty for text and CSV, which have no cell types. */
  retyped: RetypedColumn[];
  /**
   * Whether OUT was written. True also for malformed JSON (still text: rewritten, with `error` set); false for
   * every other error (unreadable or binary input, malformed CSV, XLSX or Parquet, unwritable OUT), which leaves no OUT.
   */
  written: boolean;
}

export interface DeidentifyOptions extends ScanOptions, DeidOptions {
  /** Tables: the column whose value identifies the subject (for per-subject date shifts). */
  subjectColumn?: string;
  /**
   * Receives each report item as it happens instead of `items` (which stays empty): memory stays flat for large
   * files. A returned promise is back-pressure: reading pauses at the next row (or text chunk) until it settles.
   * Items of a file that then fails (report `changed` 0) do not count.
   */
  onItem?: (item: DeidReportItem) => void | Promise<void>;
}

/** Where the readers/writers put report items. */
export interface ItemSink {
  push(item: DeidReportItem): void;
  /** Settles when the items' consumer has caught up; null when it has. Readers await it between rows or chunks. */
  ready(): Promise<void> | null;
}

/** De-identifies a string: scans it and applies the operators. */
export function deidentifyText(text: string, options: DeidentifyOptions = {}): { text: string; changes: Change[]; findings: DetailedFinding[] } {
  const findings = scanText(text, options);
  const r = applySpans(text, findings, options);
  return { text: r.text, changes: r.changes, findings };
}

export async function deidentifyFile(input: string, output: string, options: DeidentifyOptions = {}): Promise<DeidReport> {
  const format = (options.format as string | undefined) ?? detectFormat(input);
  const report: DeidReport = { input, output, format, error: null, changed: 0, byEntity: {}, items: [], retyped: [], written: false };
  const items: DeidReportItem[] = [];
  const onItem = options.onItem;
  let waiting: Promise<void> | null = null;
  const sink: ItemSink = {
    push(it) {
      report.changed++;
      const e = (report.byEntity[it.entity] ??= {});
      e[it.operator] = (e[it.operator] ?? 0) + 1;
      if (!onItem) items.push(it);
      else {
        const p = onItem(it);
        if (p) waiting = waiting && waiting !== p ? Promise.all([waiting, p]).then(() => undefined) : p;
      }
    },
    ready() {
      const w = waiting;
      waiting = null;
      return w;
    },
  };
  // Checked first, so an unwritable destination is reported as such, not as the temp file's error.
  const dirError = await unwritableDirectory('output', output);
  if (dirError) return failed(report, dirError);
  const tmp = join(dirname(output), `.${basename(output)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    try {
      const st = await fsp.stat(input);
      if (!st.isFile()) throw new Error('not a regular file');
      if (format === 'xlsx') report.retyped = await deidentifyXlsx(input, tmp, options, sink);
      else if (format === 'parquet') report.retyped = await deidentifyParquet(input, tmp, options, sink);
      else if (format === 'csv' || format === 'tsv') await deidentifyCsv(input, tmp, format === 'tsv', options, sink);
      // malformed JSON is still text: it is rewritten, and the error reported
      else report.error = await deidentifyTextFile(input, tmp, format as FileFormat, options, sink);
    } catch (e) {
      return failed(report, errorText(e));
    }
    await sink.ready(); // the last items reached their consumer before the copy counts as written
    await fsp.rename(tmp, output);
    report.written = true;
  } finally {
    await fsp.rm(tmp, { force: true });
  }
  report.items = items;
  return report;
}

/** `<what> directory <dir>: <problem>` when the directory `path` goes in cannot be written; null when it can. */
export async function unwritableDirectory(what: 'output' | 'report', path: string): Promise<string | null> {
  try {
    await fsp.access(dirname(path), fsConstants.W_OK);
    return null;
  } catch (e) {
    return `${what} directory ${dirname(path)}: ${errorText(e)}`;
  }
}

/** Nothing was written, so nothing changed. */
function failed(report: DeidReport, error: string): DeidReport {
  return { ...report, error, changed: 0, byEntity: {}, items: [], retyped: [], written: false };
}
