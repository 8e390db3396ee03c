/**
 * The CLI contract, tested against the built CLI (bin/cloister-scan.js -> dist/cli/main.js) in a child process.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeParquet } from './support/parquet';

const here = fileURLToPath(new URL('.', import.meta.url));
const lib = resolve(here, '..');
const root = resolve(lib, '../..');
const bin = join(lib, 'bin/cloister-scan.js');
let dir = '';

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const FINDING_KEYS = ['entity', 'score', 'start', 'end', 'line', 'column', 'row', 'field', 'evidence'];
const LETTER = 'Dear Dr Sarah Jones,\nRe: John Smith, NHS No: 401 023 2137\nemail john.smith@example.co.uk\n';

beforeAll(async () => {
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', join(lib, 'tsconfig.json')], { stdio: 'inherit' });
  dir = mkdtempSync(join(tmpdir(), 'pii-cli-'));
  writeFileSync(join(dir, 'letter.txt'), LETTER);
  writeFileSync(join(dir, 'clean.md'), '# Results\n\nThe hazard ratio was 1.23 (95% CI 1.01-1.49).\n');
  mkdirSync(join(dir, 'sub/deeper'), { recursive: true });
  writeFileSync(join(dir, 'sub/deeper/extract.csv'), 'id,nhs_number,dob\n1,4010232137,1947-03-12\n2,4002003507,1950-01-02\n');
  writeFileSync(join(dir, 'sub/broken.json'), '{"note": "Tel 020 7946 0018", "x": [1, 2');
  writeFileSync(join(dir, 'sub/rows.jsonl'), '{"name": "Patient: John Smith"}\n{"ip": "10.1.2.3"}\n');
  writeFileSync(join(dir, 'nb.ipynb'), JSON.stringify({ cells: [{ cell_type: 'code', source: ['print(p)'], outputs: [{ output_type: 'stream', name: 'stdout', text: ['NHS number 401 023 2137\n'] }, { output_type: 'display_data', data: { 'image/png': 'iVBORw0KGgo' + 'A'.repeat(400) } }] }], nbformat: 4, nbformat_minor: 5, metadata: {} }, null, 1));
  writeFileSync(join(dir, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
  writeFileSync(join(dir, 'table.parquet'), writeParquet(['nhs_no', 'contact'], [['4010232137', 'a.b@example.com'], ['4002003507', 'ok']]));
  writeFileSync(join(dir, 'bad.parquet'), 'PAR1 not really');
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Patients');
  ws.addRow(['name', 'postcode']);
  ws.addRow(['John Smith', 'LS1 4AP']);
  await wb.xlsx.writeFile(join(dir, 'book.xlsx'));
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('cloister-scan --format json', () => {
  it('prints one JSON object with files and summary, and exits 0 without --fail-on', () => {
    const r = cli(['--format', 'json', 'letter.txt']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(['files', 'summary']);
    const f = j.files[0];
    expect(f.path).toBe('letter.txt');
    expect(f.error).toBeNull();
    expect(Object.keys(f)).toEqual(['path', 'findings', 'error']);
    for (const x of f.findings) expect(Object.keys(x)).toEqual(FINDING_KEYS);
    const email = f.findings.find((x: { entity: string }) => x.entity === 'EMAIL_ADDRESS');
    expect(LETTER.slice(email.start, email.end)).toBe('john.smith@example.co.uk');
    expect(email).toMatchObject({ line: 3, column: 7, row: null, field: null });
    expect(f.findings.map((x: { entity: string }) => x.entity)).toEqual(['PERSON', 'PERSON', 'UK_NHS', 'EMAIL_ADDRESS']);
    expect(j.summary).toMatchObject({ files: 1, findings: 4, filesWithErrors: 0, failed: false });
  });

  it('exits 1 when a finding scores at or above --fail-on, 0 when none does', () => {
    expect(cli(['--format', 'json', '--fail-on', '0.9', 'letter.txt']).code).toBe(1);
    expect(cli(['--format', 'json', '--fail-on', '0.9', 'clean.md']).code).toBe(0);
    expect(cli(['--fail-on=0.5', 'letter.txt']).code).toBe(1);
  });

  it('walks directories recursively and reports unreadable or malformed files in their error', () => {
    const r = cli(['--format', 'json', '.', 'missing.txt']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    // every file object has exactly the contract's keys; format, size, verdicts and warnings are in the summary
    for (const f of j.files) expect(Object.keys(f)).toEqual(['path', 'findings', 'error']);
    const by = Object.fromEntries(j.files.map((f: { path: string }) => [f.path, f]));
    const details = Object.fromEntries(j.summary.details.map((d: { path: string }) => [d.path, d]));
    expect(details['sub/deeper/extract.csv']).toMatchObject({ format: 'csv' });
    expect(details['sub/deeper/extract.csv'].columns.find((c: { name: string }) => c.name === 'nhs_number').reason).toMatch(/^nhs_number: 100\.0% valid NHS numbers/);
    expect(Object.keys(by).sort()).toEqual(['bad.parquet', 'book.xlsx', 'clean.md', 'image.png', 'letter.txt', 'missing.txt', 'nb.ipynb', 'sub/broken.json', 'sub/deeper/extract.csv', 'sub/rows.jsonl', 'table.parquet']);
    expect(by['missing.txt'].error).toBe('file not found');
    expect(by['image.png'].error).toMatch(/unsupported file type/);
    expect(by['bad.parquet'].error).toMatch(/malformed Parquet/);
    expect(by['sub/broken.json'].error).toMatch(/malformed JSON/);
    expect(by['sub/broken.json'].findings[0].entity).toBe('PHONE_NUMBER'); // still scanned
    expect(by['sub/rows.jsonl'].error).toBeNull();
    expect(by['sub/rows.jsonl'].findings.map((f: { entity: string }) => f.entity)).toEqual(['PERSON', 'IP_ADDRESS']);
    const csv = by['sub/deeper/extract.csv'];
    expect(csv.findings[0]).toMatchObject({ entity: 'UK_NHS', row: 1, field: 'nhs_number', start: 0, end: 10 });
    expect(by['nb.ipynb'].findings.map((f: { entity: string }) => f.entity)).toEqual(['UK_NHS']);
    expect(details['nb.ipynb'].warnings[0].kind).toBe('embedded-image');
    expect(by['table.parquet'].findings.map((f: { entity: string; field: string }) => `${f.entity}:${f.field}`)).toContain('UK_NHS:nhs_no');
    expect(by['table.parquet'].findings.map((f: { entity: string }) => f.entity)).toContain('EMAIL_ADDRESS');
    expect(by['book.xlsx'].findings.map((f: { entity: string }) => f.entity)).toEqual(['PERSON', 'UK_POSTCODE']);
    expect(j.summary.filesWithErrors).toBe(4);
  });

  it('filters with --entities and --min-score', () => {
    const a = JSON.parse(cli(['--format', 'json', '--entities', 'EMAIL_ADDRESS,UK_NHS', 'letter.txt']).out);
    expect(a.files[0].findings.map((f: { entity: string }) => f.entity)).toEqual(['UK_NHS', 'EMAIL_ADDRESS']);
    const b = JSON.parse(cli(['--format', 'json', '--min-score', '0.99', 'letter.txt']).out);
    expect(b.files[0].findings.every((f: { score: number }) => f.score >= 0.99)).toBe(true);
  });
});

describe('more formats and known identifiers through the CLI', () => {
  it('scans TSV as a table and Markdown as text', () => {
    writeFileSync(join(dir, 'extract.tsv'), 'id\tnhs_no\tnote\n1\t4010232137\tok\n2\t4002003507\tcall 020 7946 0018\n');
    writeFileSync(join(dir, 'notes.md'), '# Follow-up\n\n- seen by **Dr Sarah Jones** on 3 March 2021\n');
    const j = JSON.parse(cli(['--format', 'json', 'extract.tsv', 'notes.md']).out);
    const [tsv, md] = j.files;
    expect(tsv.findings.map((f: { entity: string; row: number; field: string }) => `${f.entity}@${f.row}:${f.field}`)).toEqual(['UK_NHS@1:nhs_no', 'UK_NHS@2:nhs_no', 'PHONE_NUMBER@2:note']);
    expect(j.summary.details[0].format).toBe('tsv');
    expect(md.findings.map((f: { entity: string }) => f.entity)).toEqual(['PERSON', 'DATE_TIME']);
  });
  it('reports KNOWN_IDENTIFIER from a hash-ids list that holds no identifier in clear', () => {
    writeFileSync(join(dir, 'ids.txt'), 'CLS-00123\n401 023 2137\n');
    const h = cli(['hash-ids', 'ids.txt'], { PROJ_KEY: 'project-key' });
    expect(h.code).toBe(2); // the key variable is named with --key-env; CLOISTER_PII_KEY is unset here
    const made = cli(['hash-ids', '--key-env', 'PROJ_KEY', 'ids.txt'], { PROJ_KEY: 'project-key' });
    expect(made.code).toBe(0);
    expect(made.out).not.toMatch(/CLS-00123|4010232137|401 023 2137/);
    writeFileSync(join(dir, 'known.json'), made.out);
    writeFileSync(join(dir, 'cohort.txt'), 'participant CLS-00123 was lost to follow-up\n');
    const j = JSON.parse(cli(['--format', 'json', '--known', 'known.json', '--key-env', 'PROJ_KEY', 'cohort.txt'], { PROJ_KEY: 'project-key' }).out);
    expect(j.files[0].findings).toContainEqual(expect.objectContaining({ entity: 'KNOWN_IDENTIFIER', score: 1, start: 12, end: 21 }));
  });
});

describe('offsets are UTF-16 code units, end exclusive', () => {
  it('counts a non-BMP character (two code units) before a finding, in text and in a table cell', () => {
    const text = 'Notes 😀 for 🧬 study\nemail jo@example.org and 👍🏽 NHS 401 023 2137\n';
    writeFileSync(join(dir, 'emoji.txt'), text);
    writeFileSync(join(dir, 'emoji.csv'), 'id,comment\n1,😀 mail jo@example.org\n');
    const j = JSON.parse(cli(['--format', 'json', '--entities', 'EMAIL_ADDRESS,UK_NHS', 'emoji.txt', 'emoji.csv']).out);
    const [t, c] = j.files;
    const email = t.findings.find((f: { entity: string }) => f.entity === 'EMAIL_ADDRESS');
    expect(text.slice(email.start, email.end)).toBe('jo@example.org');
    expect(email.start).toBe(text.indexOf('jo@')); // a JavaScript string index: the emoji count two each
    expect(email).toMatchObject({ line: 2, column: 7 });
    const nhs = t.findings.find((f: { entity: string }) => f.entity === 'UK_NHS');
    expect(text.slice(nhs.start, nhs.end)).toBe('401 023 2137');
    const cell = '😀 mail jo@example.org';
    expect(c.findings[0]).toMatchObject({ entity: 'EMAIL_ADDRESS', row: 1, field: 'comment', start: cell.indexOf('jo@'), end: cell.length });
  });
  it('keeps offsets right when a long file turns from ASCII to other text after the first chunk', () => {
    const head = ('The hazard ratio was 1.23 (95% CI 1.01-1.49) in the adjusted model.\n').repeat(20_000); // > 1 MiB
    const text = head + 'Café 😀 — contact jo@example.org\n';
    writeFileSync(join(dir, 'long.txt'), text);
    const f = JSON.parse(cli(['--format', 'json', '--entities', 'EMAIL_ADDRESS', 'long.txt']).out).files[0];
    expect(f.findings).toHaveLength(1);
    expect(text.slice(f.findings[0].start, f.findings[0].end)).toBe('jo@example.org');
    expect(f.findings[0].line).toBe(20_001);
  });
});

/** A property path into parsed JSON (undefined where absent), and a list (empty where absent). */
const at = (x: unknown, ...keys: string[]): unknown => keys.reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), x);
const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

/** The structure SARIF 2.1.0 requires (sarif-schema-2.1.0.json): required properties, enums and ranges. */
function sarifProblems(log: unknown): string[] {
  const bad: string[] = [];
  const need = (cond: boolean, what: string) => {
    if (!cond) bad.push(what);
  };
  const intOrAbsent = (x: unknown, min: number) => x === undefined || (Number.isInteger(x) && (x as number) >= min);
  need(at(log, 'version') === '2.1.0', 'version is "2.1.0"');
  need(typeof at(log, '$schema') === 'string', '$schema is a URI');
  need(Array.isArray(at(log, 'runs')), 'runs is an array');
  for (const run of list(at(log, 'runs'))) {
    need(typeof at(run, 'tool', 'driver', 'name') === 'string', 'run.tool.driver.name');
    const ruleIds = list(at(run, 'tool', 'driver', 'rules')).map((r) => at(r, 'id'));
    for (const id of ruleIds) need(typeof id === 'string', 'reportingDescriptor.id');
    const ck = at(run, 'columnKind');
    need(ck === undefined || ck === 'utf16CodeUnits' || ck === 'unicodeCodePoints', 'run.columnKind enum');
    for (const inv of list(at(run, 'invocations'))) {
      need(typeof at(inv, 'executionSuccessful') === 'boolean', 'invocation.executionSuccessful');
      for (const n of list(at(inv, 'toolExecutionNotifications'))) need(typeof at(n, 'message', 'text') === 'string', 'notification.message.text');
    }
    for (const a of list(at(run, 'artifacts'))) need(intOrAbsent(at(a, 'length'), -1), 'artifact.length >= -1');
    for (const res of list(at(run, 'results'))) {
      need(typeof at(res, 'message', 'text') === 'string', 'result.message.text');
      need(typeof at(res, 'ruleId') === 'string' && ruleIds.includes(at(res, 'ruleId')), 'result.ruleId names a rule');
      need(['none', 'note', 'warning', 'error'].includes(String(at(res, 'level'))), 'result.level enum');
      for (const loc of list(at(res, 'locations'))) {
        const uri = at(loc, 'physicalLocation', 'artifactLocation', 'uri');
        need(typeof uri === 'string' && !/[\s#?\\]/.test(uri), `artifactLocation.uri is a URI reference (${String(uri)})`);
        const g = at(loc, 'physicalLocation', 'region');
        if (g === undefined) continue;
        need(intOrAbsent(at(g, 'startLine'), 1), 'region.startLine >= 1');
        need(intOrAbsent(at(g, 'startColumn'), 1), 'region.startColumn >= 1');
        const sc = at(g, 'startColumn');
        const ec = at(g, 'endColumn');
        need(ec === undefined || (Number.isInteger(ec) && typeof sc === 'number' && (ec as number) >= sc), 'region.endColumn >= startColumn');
        need(intOrAbsent(at(g, 'charOffset'), -1), 'region.charOffset >= -1');
        need(intOrAbsent(at(g, 'charLength'), 0), 'region.charLength >= 0');
      }
    }
  }
  return bad;
}

describe('cloister-scan --format sarif and text', () => {
  it('writes a structurally valid SARIF 2.1.0 log for every kind of file', () => {
    writeFileSync(join(dir, 'with space #1.txt'), 'email jo@example.org\n');
    const s = JSON.parse(cli(['--format', 'sarif', '.', 'missing.txt']).out);
    expect(sarifProblems(s)).toEqual([]);
    expect(s.runs[0].results.length).toBeGreaterThan(10);
    const uris = list(at(s, 'runs', '0', 'results')).map((x) => at(list(at(x, 'locations'))[0], 'physicalLocation', 'artifactLocation', 'uri'));
    expect(uris).toContain('with%20space%20%231.txt');
  });

  it('writes SARIF 2.1.0', () => {
    const r = cli(['--format', 'sarif', 'letter.txt', 'missing.txt']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s.version).toBe('2.1.0');
    expect(s.$schema).toMatch(/sarif-2\.1\.0/);
    const run = s.runs[0];
    expect(run.tool.driver.name).toBe('cloister-scan');
    expect(run.tool.driver.rules.map((x: { id: string }) => x.id)).toContain('UK_NHS');
    const nhs = run.results.find((x: { ruleId: string }) => x.ruleId === 'UK_NHS');
    expect(nhs.locations[0].physicalLocation.artifactLocation.uri).toBe('letter.txt');
    expect(nhs.locations[0].physicalLocation.region).toMatchObject({ startLine: 2, startColumn: 25, charLength: 12 });
    expect(run.invocations[0].toolExecutionNotifications[0].message.text).toMatch(/missing\.txt: file not found/);
  });
  it('prints path:line:column lines in text format', () => {
    const r = cli(['letter.txt']);
    expect(r.out).toMatch(/^letter\.txt:3:7: EMAIL_ADDRESS 0\.95/m);
    expect(r.out).toMatch(/1 file\(s\), 4 finding\(s\), 0 error\(s\)/);
  });
});

describe('bad usage exits 2', () => {
  it.each([
    [['--bogus', 'letter.txt']],
    [['--format', 'xml', 'letter.txt']],
    [['--min-score', 'high', 'letter.txt']],
    [['--fail-on', '2', 'letter.txt']],
    [['--entities', 'NOT_AN_ENTITY', 'letter.txt']],
    [['--format']],
    [[]],
    [['sdc']],
    [['sdc', '--zeros-disclosive', 'maybe', 'x.csv']],
    [['sdc', '--round-to', '2.5', 'x.csv']],
    [['deidentify', 'only-in.txt']],
    [['deidentify', '--operator', 'hash', 'letter.txt', 'out.txt']],
  ])('%j', (args) => {
    const r = cli(args, { CLOISTER_PII_KEY: '' });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^cloister-scan: /);
  });
});

describe('cloister-scan sdc', () => {
  beforeAll(() => {
    writeFileSync(join(dir, 'freq.csv'), 'region,count\nNorth,120\nSouth,7\nEast,0\nWest,45\n');
    writeFileSync(join(dir, 'rounded.csv'), 'region,count\nNorth,120\nSouth,[REDACTED]\nWest,45\n');
    writeFileSync(join(dir, 'means.csv'), 'group,total_spend\na,1001001\nb,3000\n');
    writeFileSync(join(dir, 'evidence.json'), JSON.stringify({ tables: { 'means.csv': { cells: [{ row: 1, column: 2, count: 3, sum: 1001001, max: 1000000, top_2_sum: 1001000, top_n_sum: 1001000, num_negative: 0 }] } } }));
  });

  it('prints the fixed JSON shape and exits 1 when a table fails', () => {
    const r = cli(['sdc', '--format', 'json', 'freq.csv']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(['tables']);
    const t = j.tables[0];
    expect(Object.keys(t)).toEqual(['path', 'status', 'checks']);
    expect(t.path).toBe('freq.csv');
    expect(t.status).toBe('fail');
    for (const c of t.checks) expect(Object.keys(c)).toEqual(['name', 'status', 'cells', 'message']);
    expect(t.checks.find((c: { name: string }) => c.name === 'threshold').cells).toEqual([[2, 2]]);
    expect(t.checks.find((c: { name: string }) => c.name === 'zeros').cells).toEqual([[3, 2]]);
  });

  it('applies --threshold, --zeros-disclosive and --round-to', () => {
    const j = JSON.parse(cli(['sdc', '--format', 'json', '--threshold', '5', '--zeros-disclosive', 'false', 'freq.csv']).out);
    expect(j.tables[0].status).toBe('pass');
    const k = JSON.parse(cli(['sdc', '--format', 'json', '--round-to', '5', '--threshold', '8', 'rounded.csv', 'freq.csv']).out);
    expect(k.tables.map((t: { status: string }) => t.status)).toEqual(['pass', 'fail']);
    expect(k.tables[1].checks.find((c: { name: string }) => c.name === 'rounding').cells).toEqual([[2, 2]]);
  });

  it('applies the p% and N-K rules with --evidence', () => {
    const r = cli(['sdc', '--format', 'json', '--evidence', 'evidence.json', 'means.csv']);
    const t = JSON.parse(r.out).tables[0];
    expect(t.checks.find((c: { name: string }) => c.name === 'nk-rule')).toMatchObject({ status: 'fail', cells: [[1, 2]] });
    expect(t.checks.find((c: { name: string }) => c.name === 'p-ratio')).toMatchObject({ status: 'fail', cells: [[1, 2]] });
    expect(r.code).toBe(1);
  });

  it('exits 0 when every table passes', () => {
    expect(cli(['sdc', '--format', 'json', '--round-to', '5', '--threshold', '8', 'rounded.csv']).code).toBe(0);
  });
});

describe('cloister-scan deidentify', () => {
  it('writes a de-identified copy and a report of what changed', () => {
    const r = cli(['deidentify', 'letter.txt', 'letter.deid.txt']);
    expect(r.code).toBe(0);
    const out = readFileSync(join(dir, 'letter.deid.txt'), 'utf8');
    expect(out).toBe('Dear Dr <PERSON>,\nRe: <PERSON>, NHS No: <UK_NHS>\nemail <EMAIL_ADDRESS>\n');
    const rep = JSON.parse(readFileSync(join(dir, 'letter.deid.txt.report.json'), 'utf8'));
    expect(rep.changed).toBe(4);
    expect(rep.byEntity.UK_NHS).toEqual({ tag: 1 });
    expect(JSON.stringify(rep)).not.toContain('4010232137');
    expect(JSON.stringify(rep)).not.toContain('401 023 2137');
  });
  it('keyed-hashes and generalises CSV cells, keeping joins', () => {
    const r = cli(['deidentify', '--policy', 'policy.json', 'sub/deeper/extract.csv', 'extract.deid.csv'], { CLOISTER_PII_KEY: 'test-key' });
    expect(r.code).toBe(0);
    const lines = readFileSync(join(dir, 'extract.deid.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('id,nhs_number,dob');
    expect(lines[1]).toMatch(/^1,[0-9a-f]{16},1947$/);
    expect(lines[2]).toMatch(/^2,[0-9a-f]{16},1950$/);
  });
  it('--format json prints the report with its items and its path on one line; no spool or temp file is left', () => {
    const r = cli(['deidentify', '--format', 'json', '--report', 'book.report.json', 'book.xlsx', 'book.deid.xlsx']);
    expect(r.code).toBe(0);
    const file = readFileSync(join(dir, 'book.report.json'), 'utf8');
    const rep = JSON.parse(file);
    expect(rep.items).toHaveLength(2);
    expect(file).toBe(JSON.stringify(rep, null, 2) + '\n');
    expect(r.out).toBe(JSON.stringify({ ...rep, report: 'book.report.json' }) + '\n');
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });
  it.each([
    ['csv', 'id,name\n1,"John Smith\n2,Mary Jones\n', /^malformed CSV/],
    ['xlsx', 'PK\u0003\u0004 this is not a zip archive', /^malformed XLSX/],
  ])('malformed %s: no copy is written, the report says so, and the exit code is 1', (ext, bytes, error) => {
    writeFileSync(join(dir, `malformed.${ext}`), bytes);
    const r = cli(['deidentify', '--format', 'json', `malformed.${ext}`, `malformed.deid.${ext}`]);
    expect(r.code).toBe(1);
    const rep = JSON.parse(r.out);
    expect(rep.error).toMatch(error);
    expect(rep.written).toBe(false);
    expect(readdirSync(dir)).not.toContain(`malformed.deid.${ext}`);
  });
  it('malformed JSON is still rewritten: exit 0, its error in the report', () => {
    const r = cli(['deidentify', '--format', 'json', 'sub/broken.json', 'broken.deid.json']);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.out);
    expect(rep.error).toMatch(/^malformed JSON/);
    expect(rep.written).toBe(true);
    expect(readFileSync(join(dir, 'broken.deid.json'), 'utf8')).toBe('{"note": "Tel <PHONE_NUMBER>", "x": [1, 2');
  });
  it('a missing report directory is named, exit 1, and nothing is written: no OUT, no spool, no stack trace', () => {
    const before = readdirSync(dir).sort();
    const r = cli(['deidentify', '--report', 'nodir/r.json', 'letter.txt', 'letter.nodir.txt']);
    expect(r.code).toBe(1);
    expect(r.err).toBe('cloister-scan: report directory nodir: file not found; nothing written\n');
    expect(r.out).toBe('');
    expect(readdirSync(dir).sort()).toEqual(before);
  });
  it('a missing OUT directory with the report beside OUT (the default) is named as the output directory, exit 1', () => {
    const before = readdirSync(dir).sort();
    const r = cli(['deidentify', 'letter.txt', 'nodir/letter.txt']);
    expect(r.code).toBe(1);
    expect(r.err).toBe('cloister-scan: output directory nodir: file not found; nothing written\n');
    expect(readdirSync(dir).sort()).toEqual(before);
  });
  beforeAll(() => writeFileSync(join(dir, 'policy.json'), JSON.stringify({ UK_NHS: 'hash', DATE_OF_BIRTH: 'generalise' })));
});
