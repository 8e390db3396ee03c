import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applySpans,
  deidentifyFile,
  deidentifyText,
  generaliseAge,
  generaliseDate,
  generalisePostcode,
  generaliseZip,
  keyedHash,
  mask,
  shiftDate,
  subjectShiftDays,
  transformValue,
} from '../src/index';

describe('transforms', () => {
  it('masks letters and digits but keeps separators', () => {
    expect(mask('401 023 2137')).toBe('*** *** ****');
    expect(mask('AB12', '#')).toBe('####');
  });
  it('keyed hash is stable under formatting and differs by key', () => {
    expect(keyedHash('401 023 2137', 'k1')).toBe(keyedHash('4010232137', 'k1'));
    expect(keyedHash('4010232137', 'k1')).not.toBe(keyedHash('4010232137', 'k2'));
    expect(keyedHash('4010232137', 'k1')).toMatch(/^[0-9a-f]{16}$/);
    expect(() => keyedHash('x', '')).toThrow();
  });
  it('shifts dates by a per-subject offset and keeps the written format', () => {
    const d = subjectShiftDays('patient-1', 'k');
    expect(d).not.toBe(0);
    expect(Math.abs(d)).toBeLessThanOrEqual(365);
    expect(subjectShiftDays('patient-1', 'k')).toBe(d);
    expect(shiftDate('2021-03-04', 10)).toBe('2021-03-14');
    expect(shiftDate('28/02/2020', 1)).toBe('29/02/2020');
    expect(shiftDate('3 March 2021', -3)).toBe('28 February 2021');
    expect(shiftDate('March 5, 2020', 30)).toBe('April 4, 2020');
    expect(shiftDate('not a date', 3)).toBeNull();
  });
  it('generalises dates, postcodes, ZIP codes and ages', () => {
    expect(generaliseDate('12/03/1947')).toBe('1947');
    expect(generaliseDate('4 July 1950')).toBe('1950');
    expect(generalisePostcode('SW1A 1AA')).toBe('SW1A');
    expect(generaliseZip('62704')).toBe('627');
    expect(generaliseZip('03601-1234')).toBe('000'); // 036 is one of the 17 restricted ZIP3s
    expect(generaliseZip('89301')).toBe('000');
    // HIPAA Safe Harbor: the 17 three-digit ZIP areas with 20,000 people or fewer become 000, and only they
    const restricted = '036 059 063 102 203 556 692 790 821 823 830 831 878 879 884 890 893'.split(' ');
    expect(restricted.map((z) => generaliseZip(z + '42'))).toEqual(restricted.map(() => '000'));
    expect(['035', '060', '100', '822', '894', '999'].map((z) => generaliseZip(z + '42'))).toEqual(['035', '060', '100', '822', '894', '999']);
    expect(generaliseAge('92')).toBe('90+');
    expect(generaliseAge('45')).toBe('45');
  });
  it('falls back to the tag where an operator does not apply', () => {
    expect(transformValue('PERSON', 'John', 'generalise')).toEqual({ text: '<PERSON>', operator: 'tag' });
    expect(transformValue('PERSON', 'John', 'redact')).toEqual({ text: '', operator: 'redact' });
  });
  it('applies operators per entity to spans', () => {
    const text = 'Mr John Smith, DOB 12/03/1947, lives at LS1 4AP';
    const r = applySpans(text, [
      { entity: 'PERSON', start: 3, end: 13 },
      { entity: 'DATE_OF_BIRTH', start: 19, end: 29 },
      { entity: 'UK_POSTCODE', start: 40, end: 47 },
    ]);
    expect(r.text).toBe('Mr <PERSON>, DOB 1947, lives at LS1');
    expect(r.changes.map((c) => c.operator)).toEqual(['tag', 'generalise', 'generalise']);
  });
});

describe('deidentifyText and deidentifyFile', () => {
  it('de-identifies text with a policy and a key', () => {
    const r = deidentifyText('Patient John Smith, NHS number 401 023 2137, seen 3 March 2021.', {
      policy: { PERSON: 'mask', UK_NHS: 'hash', DATE_TIME: 'shift' },
      key: 'k',
      subject: 'p1',
    });
    const days = subjectShiftDays('p1', 'k');
    expect(r.text).toContain('Patient **** *****,');
    expect(r.text).toContain(`NHS number ${keyedHash('4010232137', 'k')},`);
    expect(r.text).toContain(`seen ${shiftDate('3 March 2021', days)}.`);
  });
  it('rewrites a text file by offset and reports without values', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deid-'));
    const big = Array.from({ length: 3000 }, (_, i) => `Row ${i}: email p${i}@example.org, tel 020 7946 0018.`).join('\n') + '\n';
    writeFileSync(join(dir, 'in.txt'), big);
    const rep = await deidentifyFile(join(dir, 'in.txt'), join(dir, 'out.txt'));
    const out = readFileSync(join(dir, 'out.txt'), 'utf8');
    expect(rep.changed).toBe(6000);
    expect(out.split('\n')[2]).toBe('Row 2: email <EMAIL_ADDRESS>, tel <PHONE_NUMBER>.');
    expect(out).not.toContain('@example.org');
    expect(JSON.stringify(rep)).not.toContain('@example.org');
  });
});
