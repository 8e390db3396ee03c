/**
 * Parquet (hyparquet, one row group at a time) and XLSX (exceljs streaming reader, one row at a time).
 * Both feed the same column-aware table scanner as CSV. Every sheet of a workbook is scanned; findings from
 * sheets after the first carry the sheet name in `field` ("Sheet2!column"). The readers are shared with
 * `deidentify`, so both see the same cells.
 */
import type { ColumnVerdict, DetailedFinding, FileWarning, ScanOptions } from '../types';
import { tableScanner } from '../scan-file';

interface TableOut {
  findings: DetailedFinding[];
  columns: ColumnVerdict[];
  warnings: FileWarning[];
}

/** The text the scanner sees for a cell value from either reader. */
export const cellText = (x: unknown): string => {
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

type Hyparquet = typeof import('hyparquet') & { asyncBufferFromFile(p: string): Promise<import('hyparquet').AsyncBuffer> };
export type ParquetMetadata = import('hyparquet').FileMetaData;

/** One row group: raw values as hyparquet returns them (row-major). */
export interface ParquetRowGroup {
  rows: unknown[][];
}

/** Opens a Parquet file: its metadata, top-level column names, and its row groups one at a time. */
export async function openParquet(path: string): Promise<{ metadata: ParquetMetadata; names: string[]; schema: import('hyparquet').SchemaTree; rowGroups: () => AsyncGenerator<ParquetRowGroup> }> {
  const hp = (await import('hyparquet')) as Hyparquet;
  const file = await hp.asyncBufferFromFile(path);
  let metadata: ParquetMetadata;
  try {
    metadata = await hp.parquetMetadataAsync(file);
  } catch (e) {
    throw new Error(`malformed Parquet: ${(e as Error).message}`);
  }
  const schema = hp.parquetSchema(metadata);
  const names = schema.children.map((c) => c.element.name);
  async function* rowGroups(): AsyncGenerator<ParquetRowGroup> {
    let start = 0;
    for (const rg of metadata.row_groups) {
      const n = Number(rg.num_rows);
      let rows: unknown[][] = [];
      try {
        await hp.parquetRead({ file, metadata, rowStart: start, rowEnd: start + n, onComplete: (r: unknown[][]) => (rows = r) });
      } catch (e) {
        throw new Error(`malformed Parquet: ${(e as Error).message}`);
      }
      yield { rows };
      start += n;
    }
  }
  return { metadata, names, schema, rowGroups };
}

export async function scanParquet(path: string, options: ScanOptions): Promise<TableOut> {
  const pq = await openParquet(path);
  const t = tableScanner(options);
  t.onRecord(pq.names, 1);
  for await (const { rows } of pq.rowGroups()) for (const r of rows) t.onRecord(r.map(cellText), 0);
  const out = t.finish();
  for (const f of out.findings) f.line = null;
  return out;
}

/** A row from exceljs's streaming reader (only what is used here). */
export interface XlsxRow {
  number: number;
  values: unknown[];
  getCell(col: number): { value: unknown; numFmt?: string };
}

export interface XlsxSheetRow {
  /** exceljs's row (1-based values, cell styles). */
  raw: XlsxRow;
  /** Cell texts, 0-based; data rows padded to the width of the first row. */
  cells: string[];
}

export interface XlsxSheet {
  name: string;
  /** 1-based sheet position. */
  index: number;
  rows: AsyncIterable<XlsxSheetRow>;
}

/**
 * The sheets of a workbook, streamed. Styles are read so that cells formatted as dates come back as dates
 * (otherwise a date of birth is a serial number to the scanner, and a writer could not keep it a date).
 */
export async function* xlsxSheets(path: string): AsyncGenerator<XlsxSheet> {
  const ExcelJS = (await import('exceljs')).default as unknown as {
    stream: { xlsx: { WorkbookReader: new (p: string, o: Record<string, string>) => AsyncIterable<AsyncIterable<XlsxRow> & { name?: string }> } };
  };
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit' });
  let index = 0;
  try {
    for await (const ws of reader) {
      index++;
      const name = ws.name ?? `Sheet${index}`;
      yield { name, index, rows: sheetRows(ws) };
    }
  } catch (e) {
    throw malformedXlsx(e);
  }
  // a workbook always has a sheet; none means this was not one (a scan must not call it clean)
  if (index === 0) throw new Error('malformed XLSX: no worksheets');
}

async function* sheetRows(ws: AsyncIterable<XlsxRow>): AsyncGenerator<XlsxSheetRow> {
  let width = -1;
  try {
    for await (const row of ws) {
      // exceljs rows are 1-based and sparse: Array.from fills the holes
      const cells = Array.from((row.values ?? []).slice(1), cellText);
      if (width < 0) width = cells.length;
      else while (cells.length < width) cells.push('');
      yield { raw: row, cells };
    }
  } catch (e) {
    throw malformedXlsx(e);
  }
}

const malformedXlsx = (e: unknown): Error => {
  const m = (e as Error).message;
  return new Error(m.startsWith('malformed XLSX') ? m : `malformed XLSX: ${m}`);
};

export async function scanXlsx(path: string, options: ScanOptions): Promise<TableOut> {
  const all: TableOut = { findings: [], columns: [], warnings: [] };
  for await (const sheet of xlsxSheets(path)) {
    const t = tableScanner(options);
    let first = true;
    for await (const { cells } of sheet.rows) {
      t.onRecord(cells, first ? 1 : 0);
      first = false;
    }
    const out = t.finish();
    for (const f of out.findings) {
      f.line = null;
      f.field = sheetField(sheet.index, sheet.name, f.field!);
    }
    for (const c of out.columns) c.name = sheetField(sheet.index, sheet.name, c.name);
    all.findings.push(...out.findings);
    all.columns.push(...out.columns);
    all.warnings.push(...out.warnings);
  }
  return all;
}

/** Fields of the second and later sheets carry the sheet name. */
export const sheetField = (index: number, sheet: string, field: string): string => (index > 1 ? `${sheet}!${field}` : field);
