import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { applySpans, deidentifyFile, deidentifyText, type DeidentifyOptions, type DeidReportItem } from '../src/index';
import { DEFAULT_MIN_SCORE, type Finding } from '../src/types';
import { coreOptions } from '../src/scan-file';
import { TextStreamScanner } from '../src/text/stream';
import { jsonView } from '../src/formats/json-check';

// deidentify streams text-like files: the copy and the report must be what rewriting the whole text at once
// gives, however the file is cut into chunks. The inputs are a few MB, with identifiers placed across every
// 1 MiB read boundary (the default chunk) and, with a small odd chunk size, across thousands of others.
const MIB = 1 << 20;
const SIZE = 3 * MIB + 123_457;
const POLICY: DeidentifyOptions = { policy: { UK_NHS: 'hash', DATE_TIME: 'shift', PERSON: 'mask', EMAIL_ADDRESS: 'redact', DATE_OF_BIRTH: 'generalise' }, key: 'test-key', subject: 's1' };
const NAMES = ['John Smith', 'Mary Jones', 'David Taylor', 'Sarah Brown', 'Éloïse Wilson', 'James Evans'];
const PROSE = ['Examination was unremarkable; heart sounds normal.', 'Plan: repeat bloods in three months.', 'She would like time to consider a statin.'];

/** The identifiers in one record; it starts with the e-mail address that is placed across a boundary. */
function identifiers(i: number): string {
  const name = NAMES[i % NAMES.length]!;
  return `p${i}.${name.split(' ')[1]!.toLowerCase()}@example.org, Dr ${name}, DOB 12/03/19${40 + (i % 50)}, NHS number 401 023 2137, tel 020 7946 0018, seen 3 March 2021, LS1 4AP.`;
}

/** A record in a format: its text, and where in it the identifiers start. */
type Wrap = (prose: string, ids: string, i: number) => { text: string; idAt: number };

/**
 * Records until `bytes` (UTF-8) are written. Near each 1 MiB boundary, spaces pad a record's prose so that its
 * e-mail address starts 1-9 bytes before the boundary, or, at even MiB, 300 bytes after it (the boundary then
 * falls in a gap between findings, where the rewrite before this change lost its place).
 */
const straddles = (boundary: number) => (boundary / MIB) % 2 === 1;

function generate(bytes: number, wrap: Wrap): string {
  const parts: string[] = [];
  let len = 0;
  let boundary = MIB;
  for (let i = 0; len < bytes; i++) {
    let prose = `${PROSE[i % PROSE.length]!} ${i % 7 === 0 ? 'Café visit, naïve résumé. ' : ''}`;
    const ids = identifiers(i);
    const probe = wrap(prose, ids, i);
    // records are under 600 bytes, so the one that comes within 1,200 bytes of the boundary starts 600 before it
    if (len + 1200 > boundary) {
      const target = straddles(boundary) ? boundary - 1 - (i % 9) : boundary + 300;
      const pad = target - len - Buffer.byteLength(probe.text.slice(0, probe.idAt));
      prose += ' '.repeat(pad);
      boundary += MIB;
    }
    const { text } = wrap(prose, ids, i);
    parts.push(text);
    len += Buffer.byteLength(text);
  }
  return parts.join('');
}

const plainLine: Wrap = (prose, ids) => ({ text: `${prose}${ids}\n`, idAt: prose.length });
// one JSON array of objects, the note holding escapes (\n, \", \u00e9) after the identifiers
const jsonRecord: Wrap = (prose, ids, i) => {
  const head = `${i === 0 ? '[' : ','}\n{"id":${i},"note":"${prose}`;
  return { text: `${head}${ids}\\n\\"quoted\\" caf\\u00e9","who":"Dr ${NAMES[i % NAMES.length]!}"}`, idAt: head.length };
};

let dir = '';
const inputs: Record<string, string> = {};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'deid-text-stream-'));
  inputs.txt = generate(SIZE, plainLine);
  inputs.json = generate(SIZE, jsonRecord) + '\n]\n';
  for (const [ext, text] of Object.entries(inputs)) writeFileSync(join(dir, `in.${ext}`), text);
});

/**
 * The whole-text rewrite: the text scanned in one piece (JSON through the JSON view, as files are), its findings
 * applied at once, and the report items they give.
 */
function wholeText(ext: string, options: DeidentifyOptions): { text: string; items: DeidReportItem[] } {
  const findings: Finding[] = [];
  const scanner = new TextStreamScanner({ core: coreOptions(options), minScore: DEFAULT_MIN_SCORE, view: ext === 'json' ? jsonView : undefined, onFinding: (f) => findings.push(f) });
  scanner.push(inputs[ext]!);
  scanner.end();
  const byStart = new Map<number, Finding>(findings.map((f) => [f.start, f]));
  const r = applySpans(inputs[ext]!, findings, options);
  const items = r.changes.map((c): DeidReportItem => {
    const f = byStart.get(c.start)!;
    return { entity: c.entity, operator: c.operator, start: c.start, end: c.end, line: f.line, row: null, field: null, score: f.score };
  });
  return { text: r.text, items };
}

describe('deidentify streams text-like files', () => {
  it('the generated inputs put an e-mail address across every odd 1 MiB read boundary, and a gap across the others', () => {
    for (const ext of ['txt', 'json']) {
      const bytes = Buffer.from(inputs[ext]!);
      expect(bytes.length).toBeGreaterThan(3 * MIB);
      for (let b = MIB; b < bytes.length; b += MIB) {
        const at = bytes.indexOf('@', b - 10);
        if (!straddles(b)) {
          expect(bytes.lastIndexOf('@', b)).toBeLessThan(b - 300);
          expect(at).toBeGreaterThan(b + 300);
          continue;
        }
        const start = bytes.lastIndexOf(' ', at) + 1;
        expect(bytes.subarray(start, at).toString()).toMatch(/^p\d+\.[a-z]+$/);
        expect(start).toBeLessThan(b);
        expect(at).toBeGreaterThanOrEqual(b);
      }
    }
  });

  it.each([
    ['txt', 'the default policy', {}],
    ['txt', 'hash, shift, mask and redact', POLICY],
    ['json', 'the default policy', {}],
    ['json', 'hash, shift, mask and redact', POLICY],
  ] as const)('%s with %s: the streamed copy and report equal the whole-text rewrite, at 1 MiB and at 64 KiB + 1 chunks', async (ext, _label, options) => {
    const expected = wholeText(ext, options);
    expect(expected.items.length).toBeGreaterThan(20_000);
    for (const chunkSize of [undefined, 65_537]) {
      const out = join(dir, `out-${chunkSize ?? 'default'}.${ext}`);
      const got: DeidReportItem[] = [];
      const rep = await deidentifyFile(join(dir, `in.${ext}`), out, { ...options, chunkSize, onItem: (it) => void got.push(it) });
      const text = readFileSync(out, 'utf8');
      expect(text === expected.text).toBe(true); // not toBe on the strings: a failure would print megabytes
      expect(got).toEqual(expected.items);
      expect(rep).toMatchObject({ error: null, changed: expected.items.length, items: [] });
      expect(text).not.toMatch(/@example\.org|401 023 2137|020 7946 0018/);
      if (ext === 'json') expect(() => JSON.parse(text) as unknown).not.toThrow();
    }
  });

  it('plain text: equals deidentifyText on the whole string, and a consumer that makes it wait still gets every item in order', async () => {
    const whole = deidentifyText(inputs.txt!, POLICY);
    const got: DeidReportItem[] = [];
    let waits = 0;
    const rep = await deidentifyFile(join(dir, 'in.txt'), join(dir, 'out-wait.txt'), {
      ...POLICY,
      onItem: (it) => {
        got.push(it);
        if (got.length % 500 === 0) return new Promise<void>((res) => setImmediate(() => (waits++, res())));
      },
    });
    expect(readFileSync(join(dir, 'out-wait.txt'), 'utf8') === whole.text).toBe(true);
    expect(waits).toBeGreaterThan(0);
    expect(rep.changed).toBe(whole.changes.length);
    expect(got.map((i) => [i.entity, i.operator, i.start, i.end])).toEqual(whole.changes.map((c) => [c.entity, c.operator, c.start, c.end]));
  });

  it('UTF-16 input is read as the scanner reads it and written as UTF-8', async () => {
    const text = 'Patient John Smith, NHS number 401 023 2137, email john.smith@example.org. Zoë 🙂\n'.repeat(50);
    writeFileSync(join(dir, 'le.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const rep = await deidentifyFile(join(dir, 'le.txt'), join(dir, 'le.out.txt'));
    expect(rep.error).toBeNull();
    expect(readFileSync(join(dir, 'le.out.txt'), 'utf8')).toBe(deidentifyText(text).text);
    expect(rep.changed).toBe(150);
  });
});
