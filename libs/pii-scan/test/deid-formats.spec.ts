import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { deidentifyFile, deidentifyFileSpooled, deidentifyFileWithReport, keyedHash, scanFile, type DeidReport, type DeidReportItem } from '../src/index';

// The same table in CSV, XLSX and Parquet: 2,500 rows, so rows judged in the column sample (the first 2,000)
// and rows streamed after it are both covered; Parquet in three row groups.
const ROWS = 2500;
const FIRST = ['John', 'Mary', 'David', 'Sarah', 'James', 'Emma', 'Robert', 'Helen'];
const LAST = ['Smith', 'Jones', 'Taylor', 'Brown', 'Wilson', 'Evans', 'Thomas', 'Roberts'];
const TRANSFORMED = ['PERSON', 'UK_NHS', 'EMAIL_ADDRESS', 'DATE_OF_BIRTH'];
const POLICY = { policy: { UK_NHS: 'hash', DATE_TIME: 'keep' } as const, key: 'test-key' };

/** A valid NHS number (mod 11) from a seed. */
function nhs(i: number): string {
  for (let n = 400000000 + i * 7919; ; n++) {
    const d = String(n).split('').map(Number);
    const r = 11 - (d.reduce((s, x, k) => s + x * (10 - k), 0) % 11);
    const check = r === 11 ? 0 : r;
    if (check !== 10) return String(n) + check;
  }
}

interface Row {
  id: number;
  name: string;
  nhs: string;
  email: string;
  dob: Date;
  score: number;
  ward: string;
  admitted: Date;
}
const rows: Row[] = Array.from({ length: ROWS }, (_, i) => {
  const first = FIRST[i % FIRST.length]!;
  const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
  return {
    id: i + 1,
    name: `${first} ${last}`,
    nhs: nhs(i),
    email: `${first}.${last}${i}@example.org`.toLowerCase(),
    dob: new Date(Date.UTC(1930 + (i % 60), i % 12, 1 + (i % 28))),
    score: Math.round(i * 1.37 * 100) / 100,
    ward: ['A', 'B', 'C'][i % 3]!,
    admitted: new Date(Date.UTC(2021, i % 12, 1 + (i % 27))),
  };
});
const HEADER = ['id', 'name', 'nhs_number', 'email', 'dob', 'score', 'ward', 'admitted'];
const ymd = (d: Date) => d.toISOString().slice(0, 10);

let dir: string;
const reports: Record<string, DeidReport> = {};

async function writeXlsx(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Patients');
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow([r.id, r.name, r.nhs, r.email, r.dob, r.score, r.ward, r.admitted]);
  ws.getColumn(5).numFmt = 'yyyy-mm-dd';
  ws.getColumn(8).numFmt = 'yyyy-mm-dd';
  const notes = wb.addWorksheet('Notes');
  notes.addRow(['note', 'count']);
  notes.addRow(['Seen by John Smith', 3]);
  notes.addRow(['Nothing to report', 4]);
  await wb.xlsx.writeFile(path);
}

async function writeParquetFixture(path: string): Promise<void> {
  const hw = await import('hyparquet-writer');
  hw.parquetWriteFile({
    filename: path,
    rowGroupSize: 1000,
    schema: [
      { name: 'root', num_children: 8 },
      { name: 'id', type: 'INT32', repetition_type: 'REQUIRED' },
      { name: 'name', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      { name: 'nhs_number', type: 'INT64', repetition_type: 'OPTIONAL' },
      { name: 'email', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      { name: 'dob', type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' },
      { name: 'score', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
      { name: 'ward', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      { name: 'admitted', type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' },
    ],
    columnData: [
      { name: 'id', data: rows.map((r) => r.id) },
      { name: 'name', data: rows.map((r) => r.name) },
      { name: 'nhs_number', data: rows.map((r) => BigInt(r.nhs)) },
      { name: 'email', data: rows.map((r) => r.email) },
      { name: 'dob', data: rows.map((r) => r.dob) },
      { name: 'score', data: rows.map((r) => r.score) },
      { name: 'ward', data: rows.map((r) => r.ward) },
      { name: 'admitted', data: rows.map((r) => r.admitted) },
    ],
  });
}

async function readParquet(path: string): Promise<{ rows: unknown[][]; schema: { name: string; type?: string; converted_type?: string }[]; rowGroups: number }> {
  const hp = await import('hyparquet');
  const file = await hp.asyncBufferFromFile(path);
  const metadata = await hp.parquetMetadataAsync(file);
  let out: unknown[][] = [];
  await hp.parquetRead({ file, metadata, onComplete: (r: unknown[][]) => (out = r) });
  return { rows: out, schema: metadata.schema.slice(1), rowGroups: metadata.row_groups.length };
}

async function readXlsx(path: string): Promise<Map<string, unknown[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const out = new Map<string, unknown[][]>();
  wb.eachSheet((ws) => {
    const vals: unknown[][] = [];
    ws.eachRow((r) => vals.push((r.values as unknown[]).slice(1)));
    out.set(ws.name, vals);
  });
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'deid-formats-'));
  writeFileSync(join(dir, 'in.csv'), [HEADER.join(','), ...rows.map((r) => [r.id, r.name, r.nhs, r.email, ymd(r.dob), r.score, r.ward, ymd(r.admitted)].join(','))].join('\n') + '\n');
  await writeXlsx(join(dir, 'in.xlsx'));
  await writeParquetFixture(join(dir, 'in.parquet'));
  for (const ext of ['csv', 'xlsx', 'parquet']) reports[ext] = await deidentifyFile(join(dir, `in.${ext}`), join(dir, `out.${ext}`), POLICY);
}, 120_000);

describe('deidentify writes every table format the scanner reads', () => {
  it.each(['csv', 'xlsx', 'parquet'])('%s: the re-scanned copy has no finding of a transformed entity', async (ext) => {
    const rep = reports[ext]!;
    expect(rep.error).toBeNull();
    const rescan = await scanFile(join(dir, `out.${ext}`), { maxFindingsPerColumn: 0 });
    expect(rescan.error).toBeNull();
    expect(rescan.findings.filter((f) => TRANSFORMED.includes(f.entity))).toEqual([]);
    // the input had them all
    const before = await scanFile(join(dir, `in.${ext}`), { maxFindingsPerColumn: 0 });
    for (const e of TRANSFORMED) expect(before.findings.some((f) => f.entity === e)).toBe(true);
  });

  it.each(['csv', 'xlsx', 'parquet'])('%s: the report counts every changed cell, by entity and operator', (ext) => {
    const rep = reports[ext]!;
    const notes = ext === 'xlsx' ? 1 : 0; // the workbook's second sheet names one person
    expect(rep.byEntity).toEqual({ PERSON: { tag: ROWS + notes }, UK_NHS: { hash: ROWS }, EMAIL_ADDRESS: { tag: ROWS }, DATE_OF_BIRTH: { generalise: ROWS } });
    expect(rep.changed).toBe(4 * ROWS + notes);
    expect(rep.items).toHaveLength(rep.changed);
    expect(rep.items[4 * 2100]).toMatchObject({ row: 2101, field: 'name', entity: 'PERSON', operator: 'tag' });
    const text = JSON.stringify(rep); // positions only, never values
    for (const r of [rows[0]!, rows[ROWS - 1]!]) for (const v of [r.email, r.nhs, r.name]) expect(text).not.toContain(v);
  });

  it('the report has the same structure and items whatever the format', () => {
    // the same table in each file; only the workbook has a second sheet, left out here
    const strip = (rep: DeidReport) => {
      const items = rep.items.filter((i) => !i.field!.startsWith('Notes!')).map((i) => ({ ...i, line: null }));
      return { ...rep, input: '', output: '', format: '', retyped: [], items, changed: items.length, byEntity: null };
    };
    expect(Object.keys(reports.xlsx!).sort()).toEqual(Object.keys(reports.csv!).sort());
    expect(Object.keys(reports.parquet!).sort()).toEqual(Object.keys(reports.csv!).sort());
    expect(strip(reports.xlsx!)).toEqual(strip(reports.csv!));
    expect(strip(reports.parquet!)).toEqual(strip(reports.csv!));
    expect(reports.xlsx!.byEntity).toEqual({ ...reports.csv!.byEntity, PERSON: { tag: ROWS + 1 } });
    expect(reports.parquet!.byEntity).toEqual(reports.csv!.byEntity);
    expect(reports.csv!.items[0]!.line).toBe(2); // CSV items keep their line; XLSX and Parquet have none
    expect(reports.xlsx!.items[0]!.line).toBeNull();
  });

  it('xlsx: keeps sheet names, the header and cell types where cells did not change', async () => {
    const out = await readXlsx(join(dir, 'out.xlsx'));
    expect([...out.keys()]).toEqual(['Patients', 'Notes']);
    const sheet = out.get('Patients')!;
    expect(sheet[0]).toEqual(HEADER);
    expect(sheet).toHaveLength(ROWS + 1);
    for (const i of [0, 1999, 2000, ROWS - 1]) {
      const r = rows[i]!;
      const [id, name, nhsNo, email, dob, score, ward, admitted] = sheet[i + 1]!;
      expect(id).toBe(r.id);
      expect(name).toBe('<PERSON>');
      expect(nhsNo).toBe(keyedHash(r.nhs, 'test-key'));
      expect(email).toBe('<EMAIL_ADDRESS>');
      expect(dob).toBe(String(r.dob.getUTCFullYear())); // a date transform applied: now the string it returned
      expect(score).toBe(r.score);
      expect(ward).toBe(r.ward);
      expect(admitted).toEqual(r.admitted); // not transformed: still a date
    }
    expect(out.get('Notes')).toEqual([
      ['note', 'count'],
      ['Seen by <PERSON>', 3],
      ['Nothing to report', 4],
    ]);
    expect(reports.xlsx!.retyped).toEqual([{ field: 'dob', from: 'date', to: 'string' }]);
    expect(reports.xlsx!.items.find((i) => i.field === 'Notes!note')).toMatchObject({ row: 1, entity: 'PERSON' });
  });

  it('parquet: keeps column names, types and row groups where columns did not change; changed columns become strings', async () => {
    const out = await readParquet(join(dir, 'out.parquet'));
    expect(out.rowGroups).toBe(3);
    expect(out.schema.map((s) => [s.name, s.type, s.converted_type])).toEqual([
      ['id', 'INT32', undefined],
      ['name', 'BYTE_ARRAY', 'UTF8'],
      ['nhs_number', 'BYTE_ARRAY', 'UTF8'],
      ['email', 'BYTE_ARRAY', 'UTF8'],
      ['dob', 'BYTE_ARRAY', 'UTF8'],
      ['score', 'DOUBLE', undefined],
      ['ward', 'BYTE_ARRAY', 'UTF8'],
      ['admitted', 'INT32', 'DATE'],
    ]);
    expect(out.rows).toHaveLength(ROWS);
    for (const i of [0, 1999, 2000, ROWS - 1]) {
      const r = rows[i]!;
      expect(out.rows[i]).toEqual([r.id, '<PERSON>', keyedHash(r.nhs, 'test-key'), '<EMAIL_ADDRESS>', String(r.dob.getUTCFullYear()), r.score, r.ward, r.admitted]);
    }
    expect(reports.parquet!.retyped).toEqual([
      { field: 'nhs_number', from: 'INT64', to: 'string' },
      { field: 'dob', from: 'DATE', to: 'string' },
    ]);
  });
});

describe('deidentify streams its report to a file', () => {
  it.each(['csv', 'xlsx', 'parquet'])('%s: the streamed report file is, byte for byte, the report the in-memory path gives', async (ext) => {
    const out = mkdtempSync(join(tmpdir(), 'deid-report-'));
    const reportPath = join(out, 'report.json');
    const summary = await deidentifyFileWithReport(join(dir, `in.${ext}`), join(out, `out.${ext}`), reportPath, POLICY);
    const inMemory: DeidReport = { ...reports[ext]!, output: join(out, `out.${ext}`) };
    expect(summary).toEqual({ ...inMemory, items: [] }); // the items went to the file, not into memory
    const text = readFileSync(reportPath, 'utf8');
    expect(JSON.parse(text)).toEqual(inMemory);
    expect(text).toBe(JSON.stringify(inMemory, null, 2) + '\n'); // same field order and layout as before
    expect(readdirSync(out).sort()).toEqual([`out.${ext}`, 'report.json']); // no spool or temp file left
  });

  it('the one-line form (what the CLI prints for --format json) is JSON.stringify of the report and extra fields', async () => {
    const out = mkdtempSync(join(tmpdir(), 'deid-report-'));
    const spooled = await deidentifyFileSpooled(join(dir, 'in.csv'), join(out, 'out.csv'), join(out, 'report.json'), POLICY);
    let text = '';
    for await (const piece of spooled.json(0, { report: 'r.json' })) text += piece;
    await spooled.dispose();
    expect(text).toBe(JSON.stringify({ ...reports.csv!, output: join(out, 'out.csv'), report: 'r.json' }));
    expect(readdirSync(out)).toEqual(['out.csv']);
  });

  it('a field name with spaces, quotes, backslashes and non-ASCII is written as JSON.stringify writes it, in both layouts', async () => {
    const out = mkdtempSync(join(tmpdir(), 'deid-report-'));
    writeFileSync(join(out, 'odd.csv'), 'id,"patient ""full"" name \\ é: { x }"\n1,John Smith\n2,Mary Jones\n');
    const inMemory = await deidentifyFile(join(out, 'odd.csv'), join(out, 'odd.out.csv'));
    expect(inMemory.items.map((i) => i.field)).toEqual(['patient "full" name \\ é: { x }', 'patient "full" name \\ é: { x }']);
    const spooled = await deidentifyFileSpooled(join(out, 'odd.csv'), join(out, 'odd.out.csv'), join(out, 'odd.json'));
    let line = '';
    for await (const piece of spooled.json(0)) line += piece;
    await spooled.writeTo(join(out, 'odd.json'));
    await spooled.dispose();
    expect(line).toBe(JSON.stringify(inMemory));
    expect(readFileSync(join(out, 'odd.json'), 'utf8')).toBe(JSON.stringify(inMemory, null, 2) + '\n');
  });

  it('a file with no change and a file that fails get a report with no items, and leave no spool', async () => {
    const out = mkdtempSync(join(tmpdir(), 'deid-report-'));
    writeFileSync(join(out, 'clean.csv'), 'id,ward\n1,A\n');
    writeFileSync(join(out, 'bad.xlsx'), Buffer.from('PK\u0003\u0004 this is not a zip archive'));
    await deidentifyFileWithReport(join(out, 'clean.csv'), join(out, 'clean.out.csv'), join(out, 'clean.json'), POLICY);
    const clean = JSON.parse(readFileSync(join(out, 'clean.json'), 'utf8')) as DeidReport;
    expect(clean).toMatchObject({ error: null, changed: 0, items: [], retyped: [] });
    const bad = await deidentifyFileWithReport(join(out, 'bad.xlsx'), join(out, 'bad.out.xlsx'), join(out, 'bad.json'), POLICY);
    expect(bad.error).toMatch(/^malformed XLSX/);
    expect(JSON.parse(readFileSync(join(out, 'bad.json'), 'utf8'))).toEqual({ ...bad, items: [] });
    expect(readdirSync(out).sort()).toEqual(['bad.json', 'bad.xlsx', 'clean.csv', 'clean.json', 'clean.out.csv']);
  });

  it.each(['csv', 'xlsx', 'parquet'])('%s: a consumer that makes the de-identifier wait still gets every item, in order', async (ext) => {
    const out = mkdtempSync(join(tmpdir(), 'deid-report-'));
    const got: DeidReportItem[] = [];
    let waits = 0;
    const rep = await deidentifyFile(join(dir, `in.${ext}`), join(out, `out.${ext}`), {
      ...POLICY,
      // every 500th item asks for a pause, as a write stream whose buffer is full does
      onItem: (it) => {
        got.push(it);
        if (got.length % 500 === 0) return new Promise<void>((res) => setImmediate(() => (waits++, res())));
      },
    });
    expect(waits).toBeGreaterThan(0);
    expect(got).toEqual(reports[ext]!.items);
    expect(rep).toEqual({ ...reports[ext]!, output: join(out, `out.${ext}`), items: [] });
  });
});

describe('deidentify on a malformed table', () => {
  it.each([
    ['xlsx', Buffer.from('PK\u0003\u0004 this is not a zip archive'), /^malformed XLSX/],
    ['parquet', Buffer.from('PAR1 not a parquet file at all PAR1'), /^malformed Parquet/],
    ['csv', Buffer.from('id,name\n1,"John Smith\n2,Mary Jones\n'), /^malformed CSV/],
  ])('%s: reports the error and writes nothing, not even a partial file', async (ext, bytes, error) => {
    const bad = mkdtempSync(join(tmpdir(), 'deid-bad-'));
    writeFileSync(join(bad, `in.${ext}`), bytes);
    const rep = await deidentifyFile(join(bad, `in.${ext}`), join(bad, `out.${ext}`));
    expect(rep.error).toMatch(error);
    expect(rep.written).toBe(false);
    expect(rep.changed).toBe(0);
    expect(existsSync(join(bad, `out.${ext}`))).toBe(false);
    expect(readdirSync(bad)).toEqual([`in.${ext}`]);
  });

  it.each(['csv', 'xlsx', 'txt'])('%s: names the output directory when it cannot be written, not the temp file', async (ext) => {
    const input = ext === 'txt' ? join(mkdtempSync(join(tmpdir(), 'deid-out-')), 'in.txt') : join(dir, `in.${ext}`);
    if (ext === 'txt') writeFileSync(input, 'Seen by Dr John Smith.\n');
    const rep = await deidentifyFile(input, join(dir, 'no-such-dir', `out.${ext}`));
    expect(rep.error).toBe(`output directory ${join(dir, 'no-such-dir')}: file not found`);
    expect(rep.changed).toBe(0);
  });

  it('xlsx truncated half-way: the error is reported and no output is left', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'deid-bad-'));
    const whole = await import('node:fs').then((fs) => fs.readFileSync(join(dir, 'in.xlsx')));
    writeFileSync(join(bad, 'in.xlsx'), whole.subarray(0, Math.floor(whole.length / 2)));
    const rep = await deidentifyFile(join(bad, 'in.xlsx'), join(bad, 'out.xlsx'));
    expect(rep.error).toMatch(/^malformed XLSX/);
    expect(readdirSync(bad)).toEqual(['in.xlsx']);
  });
});

describe('deidentify reads CSV as the scanner does', () => {
  it('UTF-16LE (BOM) CSV: identifiers are replaced and the UTF-8 copy re-scans clean', async () => {
    const d = mkdtempSync(join(tmpdir(), 'deid-utf16-'));
    const rows = ['name,email,nhs_number'];
    for (let i = 0; i < 40; i++) rows.push(`${FIRST[i % 8]} ${LAST[(i * 3) % 8]},${FIRST[i % 8]!.toLowerCase()}.${i}@example.org,${nhs(i)}`);
    const text = rows.join('\n') + '\n';
    writeFileSync(join(d, 'in.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const scan = await scanFile(join(d, 'in.csv'));
    expect(new Set(scan.findings.map((f) => f.entity))).toEqual(new Set(['PERSON', 'EMAIL_ADDRESS', 'UK_NHS']));
    const rep = await deidentifyFile(join(d, 'in.csv'), join(d, 'out.csv'));
    expect(rep.error).toBeNull();
    expect(rep.written).toBe(true);
    expect(rep.changed).toBe(120);
    const copy = readFileSync(join(d, 'out.csv'), 'utf8');
    expect(copy.split('\n')[0]).toBe('name,email,nhs_number');
    expect(copy).not.toContain('@example.org');
    const rescan = await scanFile(join(d, 'out.csv'));
    expect(rescan.error).toBeNull();
    expect(rescan.findings).toEqual([]);
  });

  it('binary CSV (NUL bytes): the scan\'s error, and no OUT', async () => {
    const d = mkdtempSync(join(tmpdir(), 'deid-bin-'));
    writeFileSync(join(d, 'in.csv'), Buffer.from('id,name\n1,John Smith\u0000\u0000\n', 'latin1'));
    const scan = await scanFile(join(d, 'in.csv'));
    expect(scan.error).toMatch(/binary content/);
    const rep = await deidentifyFile(join(d, 'in.csv'), join(d, 'out.csv'));
    expect(rep.error).toBe(scan.error);
    expect(rep.written).toBe(false);
    expect(rep.changed).toBe(0);
    expect(readdirSync(d)).toEqual(['in.csv']);
  });
});
