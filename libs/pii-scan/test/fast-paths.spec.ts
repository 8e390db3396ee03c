// The fast paths (CSV records as spans, cells judged in place, NHS digits as numbers) must agree exactly with
// the string paths they short-cut; these compare the two on awkward inputs.
import { describe, expect, it } from 'vitest';
import { CsvReader, nhsChecksumValid, nhsChecksumValidDigits, nhsRange, nhsRangeDigits, scanCsvText, type CsvRecord } from '../src/index';
import { tableScanner } from '../src/scan-file';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Reads text in chunks of the given sizes, with or without a span sink; returns the records as strings. */
function read(text: string, chunk: number, spans: boolean, delimiter = ','): CsvRecord[] {
  const out: CsvRecord[] = [];
  const sink = spans ? (buf: string, starts: Int32Array, ends: Int32Array, count: number, line: number) => {
    const fields: string[] = [];
    for (let i = 0; i < count; i++) fields.push(buf.slice(starts[i], ends[i]));
    out.push({ fields, line });
  } : null;
  const r = new CsvReader(delimiter, (rec) => out.push(rec), sink);
  for (let i = 0; i < text.length; i += chunk) r.push(text.slice(i, i + chunk));
  r.end();
  return out;
}

describe('CSV records as spans', () => {
  const pieces = ['a', 'bc', '', ' x ', '12', '"q,uo""ted"', '"multi\nline"', 'é', '\r', 'a"b'];
  const r = rng(7);
  const lines: string[] = [];
  for (let i = 0; i < 400; i++) {
    const n = 1 + Math.floor(r() * 6);
    const cells: string[] = [];
    for (let j = 0; j < n; j++) cells.push(pieces[Math.floor(r() * pieces.length)]!);
    lines.push(cells.join(','));
  }
  const text = '\uFEFF' + lines.join(r() < 0.5 ? '\n' : '\r\n') + '\n\n,\r\nlast,line\r';

  it.each([1, 2, 3, 7, 64, 1 << 16])('gives the same records as the string path in chunks of %i', (chunk) => {
    const want = read(text, 1 << 20, false);
    expect(read(text, chunk, false)).toEqual(want);
    expect(read(text, chunk, true)).toEqual(want);
  });

  it('keeps a trailing delimiter before CRLF as an empty field, and tabs', () => {
    expect(read('a,b,\r\nc\r\n', 3, true).map((x) => x.fields)).toEqual([['a', 'b', ''], ['c']]);
    expect(read('a\tb\n', 2, true, '\t').map((x) => x.fields)).toEqual([['a', 'b']]);
  });
});

describe('table cells judged in place', () => {
  const nhs = ['4010232137', '401 023 2137', '401-023-2137', '401 023-2137', '9434765919', '4010232138', '9990000018', '0101001234', ' 4010232137', '4010232137 '];
  const names = ['John', 'mary', '12', 'O\'Neil', '-', 'NA', 'n/a', 'None', 'null', 'NaN', 'x', 'Żaneta', '  ', 'ab12'];
  const dates = ['1950-01-12', '12/01/1950', '1950-13-01', '31.12.1999', '2 March 1950', '1950/02/30', '19500112', 'unknown'];
  const r = rng(11);
  const rows = ['id,nhs_number,forename,dob,mrn,notes,count'];
  for (let i = 0; i < 600; i++) {
    const pick = (xs: string[]) => xs[Math.floor(r() * xs.length)]!;
    rows.push([i, pick(nhs), pick(names), pick(dates), r() < 0.5 ? `K${i}` : pick(names), pick(['ok', 'seen by Dr Who', 'tel 020 7946 0018', 'ok']), r() < 0.9 ? String(i % 7) : 'call 07700 900123'].join(','));
  }
  const csv = rows.join('\n') + '\n';

  /** The same table through the string path only (scanRow over string arrays). */
  function viaStrings(sampleRows: number) {
    const t = tableScanner({ sampleRows, maxFindingsPerColumn: 0 });
    const r2 = new CsvReader(',', (rec) => t.onRecord(rec.fields, rec.line));
    r2.push(csv);
    r2.end();
    return t.finish();
  }

  it.each([5, 50, 2000])('matches the string path with %i sampled rows', (sampleRows) => {
    expect(scanCsvText(csv, { sampleRows, maxFindingsPerColumn: 0 })).toEqual(viaStrings(sampleRows));
  });
});

describe('NHS checksum and range on digit values', () => {
  it('agree with the string versions', () => {
    const r = rng(3);
    const d = new Uint8Array(10);
    for (let i = 0; i < 20000; i++) {
      let s = '';
      for (let k = 0; k < 10; k++) {
        d[k] = Math.floor(r() * 10);
        s += d[k];
      }
      if (i % 3 === 0) s = '999' + s.slice(3);
      for (let k = 0; k < 10; k++) d[k] = s.charCodeAt(k) - 48;
      expect(nhsChecksumValidDigits(d)).toBe(nhsChecksumValid(s));
      expect(nhsRangeDigits(d)).toBe(nhsRange(s));
    }
  });
});
