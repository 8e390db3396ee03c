/**
 * `deidentify IN OUT`: scan, then write a de-identified copy and a report of what changed (entity, operator
 * and position, never the original value). Text-like files are rewritten by offset while streaming; CSV/TSV
 * files cell by cell.
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { TextDecoder } from 'node:util';
import type { DetailedFinding, Entity, ScanOptions } from '../types';
import { DEFAULT_MIN_SCORE } from '../types';
import { detectFormat, scanFile, scanText } from '../scan-file';
import { CsvReader } from '../formats/csv';
import { applySpans, operatorFor, transformValue, type Change, type DeidOptions, type Operator } from './transforms';

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

export interface DeidReport {
  input: string;
  output: string;
  format: string;
  error: string | null;
  changed: number;
  byEntity: Record<string, Record<string, number>>;
  items: DeidReportItem[];
}

export interface DeidentifyOptions extends ScanOptions, DeidOptions {
  /** CSV: the column whose value identifies the subject (for per-subject date shifts). */
  subjectColumn?: string;
}

/** De-identifies a string: scans it and applies the operators. */
export function deidentifyText(text: string, options: DeidentifyOptions = {}): { text: string; changes: Change[]; findings: DetailedFinding[] } {
  const findings = scanText(text, options);
  const r = applySpans(text, findings, options);
  return { text: r.text, changes: r.changes, findings };
}

const write = (ws: WriteStream, s: string) => (s.length ? new Promise<void>((res, rej) => (ws.write(s, (e) => (e ? rej(e) : res())))) : Promise.resolve());

export async function deidentifyFile(input: string, output: string, options: DeidentifyOptions = {}): Promise<DeidReport> {
  const format = (options.format as string | undefined) ?? detectFormat(input);
  const report: DeidReport = { input, output, format, error: null, changed: 0, byEntity: {}, items: [] };
  const scan = await scanFile(input, { ...options, maxFindingsPerColumn: 0, minScore: options.minScore ?? DEFAULT_MIN_SCORE });
  if (scan.error && !/^malformed JSON/.test(scan.error)) {
    report.error = scan.error;
    return report;
  }
  if (format === 'parquet' || format === 'xlsx') {
    report.error = `deidentify does not write ${format} files; export the table as CSV first`;
    return report;
  }
  const findings = scan.findings.slice();
  const items: DeidReportItem[] = [];
  const ws = createWriteStream(output, { encoding: 'utf8' });
  const done = new Promise<void>((res, rej) => {
    ws.on('finish', res);
    ws.on('error', rej);
  });
  try {
    if (format === 'csv' || format === 'tsv') {
      const delim = format === 'tsv' ? '\t' : ',';
      const byRow = new Map<number, typeof findings>();
      for (const f of findings) {
        const list = byRow.get(f.row!) ?? [];
        list.push(f);
        byRow.set(f.row!, list);
      }
      let header: string[] | null = null;
      let row = 0;
      const lines: string[] = [];
      let subjectIdx = -1;
      const reader = new CsvReader(delim, (rec) => {
        if (!header) {
          header = rec.fields;
          subjectIdx = options.subjectColumn ? header.indexOf(options.subjectColumn) : -1;
          lines.push(serialise(rec.fields, delim));
          return;
        }
        if (rec.fields.length === 1 && rec.fields[0] === '') return;
        row++;
        const fs = byRow.get(row);
        const cells = rec.fields.slice();
        if (fs) {
          const subject = subjectIdx >= 0 ? rec.fields[subjectIdx] ?? '' : options.subject;
          for (let ci = 0; ci < cells.length; ci++) {
            const spans = fs.filter((f) => f.field === header![ci]);
            if (!spans.length) continue;
            const r = applySpans(cells[ci]!, spans, { ...options, subject });
            cells[ci] = r.text;
            r.changes.forEach((c) => {
              const f = spans.find((x) => x.start === c.start && x.end === c.end)!;
              items.push({ entity: c.entity, operator: c.operator, start: c.start, end: c.end, line: f.line, row, field: f.field, score: f.score });
            });
          }
        }
        lines.push(serialise(cells, delim));
      });
      for await (const chunk of decoded(input)) {
        reader.push(chunk);
        if (lines.length) await write(ws, lines.splice(0).join('\n') + '\n');
      }
      reader.end();
      if (lines.length) await write(ws, lines.splice(0).join('\n') + '\n');
    } else {
      // text-like: replace by absolute offset while streaming
      findings.sort((a, b) => a.start - b.start);
      let abs = 0;
      let buf = '';
      let fi = 0;
      let lastEnd = -1;
      const flush = async (final: boolean) => {
        let out = '';
        while (fi < findings.length && findings[fi]!.end <= abs + buf.length) {
          const f = findings[fi++]!;
          if (f.start < lastEnd) continue;
          const rel = f.start - abs;
          out += buf.slice(0, rel);
          const value = buf.slice(rel, f.end - abs);
          const r = transformValue(f.entity, value, operatorFor(f.entity, options), options);
          out += r.text;
          if (r.operator !== 'keep') items.push({ entity: f.entity, operator: r.operator, start: f.start, end: f.end, line: f.line, row: null, field: null, score: f.score });
          buf = buf.slice(f.end - abs);
          abs = f.end;
          lastEnd = f.end;
        }
        const limit = fi < findings.length && !final ? Math.max(0, findings[fi]!.start - abs) : buf.length;
        out += buf.slice(0, limit);
        buf = buf.slice(limit);
        abs += limit;
        await write(ws, out);
      };
      for await (const chunk of decoded(input)) {
        buf += chunk;
        await flush(false);
      }
      await flush(true);
    }
  } catch (e) {
    report.error = (e as Error).message;
  }
  ws.end();
  await done;
  report.items = items;
  report.changed = items.length;
  for (const it of items) {
    const e = (report.byEntity[it.entity] ??= {});
    e[it.operator] = (e[it.operator] ?? 0) + 1;
  }
  if (scan.error) report.error = scan.error;
  return report;
}

async function* decoded(path: string): AsyncGenerator<string> {
  const dec = new TextDecoder('utf-8');
  for await (const raw of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const s = dec.decode(raw, { stream: true });
    if (s) yield s;
  }
  const t = dec.decode();
  if (t) yield t;
}

function serialise(fields: string[], delim: string): string {
  return fields.map((f) => (f.includes(delim) || f.includes('"') || f.includes('\n') || f.includes('\r') ? '"' + f.replace(/"/g, '""') + '"' : f)).join(delim);
}
