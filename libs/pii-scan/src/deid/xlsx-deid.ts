/**
 * XLSX in, XLSX out, row by row: exceljs's streaming reader feeds the table de-identifier and its streaming
 * WorkbookWriter commits each row as it comes out. Sheet names, row positions and the header are kept; a cell
 * not changed keeps its typed value (numbers stay numbers, dates stay dates with their number format); a
 * changed cell becomes the string the transform returned.
 */
import { sheetField, xlsxSheets, type XlsxRow } from '../formats/columnar';
import { TableDeidentifier, type DeidRow } from './table-deid';
import type { DeidentifyOptions, ItemSink, RetypedColumn } from './deidentify';

interface CellOut {
  value: unknown;
  numFmt: string;
}
interface RowOut {
  getCell(col: number): CellOut;
  commit(): void;
}
interface SheetOut {
  getRow(n: number): RowOut;
  commit(): void;
}
interface WorkbookOut {
  addWorksheet(name: string): SheetOut;
  commit(): Promise<void>;
}

export async function deidentifyXlsx(input: string, output: string, options: DeidentifyOptions, items: ItemSink): Promise<RetypedColumn[]> {
  const ExcelJS = (await import('exceljs')).default as unknown as {
    stream: { xlsx: { WorkbookWriter: new (o: { filename: string; useStyles: boolean; useSharedStrings: boolean }) => WorkbookOut } };
  };
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: output, useStyles: true, useSharedStrings: false });
  const retyped = new Map<string, RetypedColumn>();
  let header: string[] = [];
  try {
    for await (const sheet of xlsxSheets(input)) {
      const ws = wb.addWorksheet(sheet.name);
      const deid = new TableDeidentifier<XlsxRow>(options, items, sheet.index > 1 ? `${sheet.name}!` : '');
      const write = (rows: DeidRow<XlsxRow>[]) => {
        for (const r of rows) {
          if (r.row === 0) header = r.cells;
          writeRow(ws, r, (ci, from) => {
            const field = sheetField(sheet.index, sheet.name, header[ci]?.trim() || `column_${ci + 1}`);
            if (!retyped.has(field)) retyped.set(field, { field, from, to: 'string' });
          });
        }
      };
      for await (const { raw, cells } of sheet.rows) {
        write(deid.push(cells, raw));
        await items.ready();
      }
      write(deid.end());
      ws.commit();
    }
  } catch (e) {
    // close the archive so the caller can remove it; the read error is the one to report
    await wb.commit().catch(() => undefined);
    throw e;
  }
  await wb.commit();
  return [...retyped.values()];
}

function writeRow(ws: SheetOut, r: DeidRow<XlsxRow>, onRetype: (ci: number, from: string) => void): void {
  const out = ws.getRow(r.raw.number);
  const width = Math.max(r.cells.length, r.raw.values.length - 1);
  for (let ci = 0; ci < width; ci++) {
    const src = r.raw.getCell(ci + 1);
    const dst = out.getCell(ci + 1);
    if (r.changed?.[ci]) {
      const from = typeName(src.value);
      if (from !== 'string') onRetype(ci, from);
      dst.value = r.cells[ci];
      continue;
    }
    const v = keepable(src.value);
    if (v === null || v === undefined) continue;
    dst.value = v;
    if (src.numFmt) dst.numFmt = src.numFmt;
    else if (v instanceof Date) dst.numFmt = 'yyyy-mm-dd';
  }
  out.commit();
}

/** A shared formula refers to a master cell the writer may not have; keep its result instead. */
function keepable(v: unknown): unknown {
  if (v && typeof v === 'object' && 'sharedFormula' in v) return (v as { result?: unknown }).result ?? null;
  return v;
}

function typeName(v: unknown): string {
  if (v instanceof Date) return 'date';
  if (v && typeof v === 'object') return 'formula' in v ? 'formula' : 'richText' in v ? 'string' : 'object';
  return typeof v;
}
