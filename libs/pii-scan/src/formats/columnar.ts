/**
 * Parquet (hyparquet, one row group at a time) and XLSX (exceljs streaming reader, one row at a time).
 * Both feed the same column-aware table scanner as CSV. Every sheet of a workbook is scanned; findings from
 * sheets after the first carry the sheet name in `field` ("Sheet2!column").
 */
import type { ColumnVerdict, DetailedFinding, FileWarning, ScanOptions } from '../types';
import { tableScanner } from '../scan-file';

interface TableOut {
  findings: DetailedFinding[];
  columns: ColumnVerdict[];
  warnings: FileWarning[];
}

const cellText = (x: unknown): string => {
  if (x === null || x === undefined) return '';
  if (x instanceof Date) return isNaN(x.getTime()) ? '' : x.toISOString().replace(/T00:00:00\.000Z$/, '').replace(/\.000Z$/, 'Z');
  if (typeof x === 'bigint') return x.toString();
  if (typeof x === 'object') {
    const o = x as Record<string, unknown>;
    if (typeof o.text === 'string') return o.text; // rich text / hyperlink
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('');
    if ('result' in o) return cellText(o.result); // formula
    if (x instanceof Uint8Array) return '';
    return JSON.stringify(x);
  }
  return String(x);
};

export async function scanParquet(path: string, options: ScanOptions): Promise<TableOut> {
  const hp = (await import('hyparquet')) as typeof import('hyparquet') & { asyncBufferFromFile(p: string): Promise<import('hyparquet').AsyncBuffer> };
  const file = await hp.asyncBufferFromFile(path);
  let metadata;
  try {
    metadata = await hp.parquetMetadataAsync(file);
  } catch (e) {
    throw new Error(`malformed Parquet: ${(e as Error).message}`);
  }
  const names = hp.parquetSchema(metadata).children.map((c) => c.element.name);
  const t = tableScanner(options);
  t.onRecord(names, 1);
  let start = 0;
  for (const rg of metadata.row_groups) {
    const n = Number(rg.num_rows);
    let rows: unknown[][] = [];
    await hp.parquetRead({ file, metadata, rowStart: start, rowEnd: start + n, onComplete: (r: unknown[][]) => (rows = r) });
    for (const r of rows) t.onRecord(r.map(cellText), 0);
    start += n;
  }
  const out = t.finish();
  for (const f of out.findings) f.line = null;
  return out;
}

interface XlsxRow {
  values: unknown[];
}

export async function scanXlsx(path: string, options: ScanOptions): Promise<TableOut> {
  const ExcelJS = (await import('exceljs')).default as unknown as {
    stream: { xlsx: { WorkbookReader: new (p: string, o: Record<string, string>) => AsyncIterable<AsyncIterable<XlsxRow> & { name?: string }> } };
  };
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'emit' });
  const all: TableOut = { findings: [], columns: [], warnings: [] };
  let sheetNo = 0;
  try {
    for await (const ws of reader) {
      sheetNo++;
      const t = tableScanner(options);
      let first = true;
      let width = 0;
      for await (const row of ws) {
        const vals = (row.values ?? []).slice(1); // exceljs rows are 1-based
        if (first) {
          width = vals.length;
          t.onRecord(vals.map(cellText), 1);
          first = false;
          continue;
        }
        const cells = vals.map(cellText);
        while (cells.length < width) cells.push('');
        t.onRecord(cells, 0);
      }
      const out = t.finish();
      const sheet = ws.name ?? `Sheet${sheetNo}`;
      for (const f of out.findings) {
        f.line = null;
        if (sheetNo > 1) f.field = `${sheet}!${f.field}`;
      }
      for (const c of out.columns) if (sheetNo > 1) c.name = `${sheet}!${c.name}`;
      all.findings.push(...out.findings);
      all.columns.push(...out.columns);
      all.warnings.push(...out.warnings);
    }
  } catch (e) {
    throw new Error(`malformed XLSX: ${(e as Error).message}`);
  }
  return all;
}
