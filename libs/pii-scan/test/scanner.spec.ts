import { describe, expect, it } from 'vitest';
import { generate } from '../src/eval/generator';
import { buildKnownIdentifierSet, scanCsvText, scanText, type Entity } from '../src/index';
import { TextStreamScanner } from '../src/text/stream';
import { jsonView } from '../src/formats/json-check';

const find = (text: string, opts = {}) => scanText(text, opts).map((f) => ({ entity: f.entity, text: text.slice(f.start, f.end), score: f.score, evidence: f.evidence }));
const one = (text: string, entity: Entity) => find(text).filter((f) => f.entity === entity);

describe('text scanner: entities', () => {
  it.each([
    ['EMAIL_ADDRESS', 'write to jane.doe+clinic@example.co.uk today', 'jane.doe+clinic@example.co.uk'],
    ['PHONE_NUMBER', 'Tel: 020 7946 0018', '020 7946 0018'],
    ['PHONE_NUMBER', 'call (212) 555-0123 x204', '(212) 555-0123 x204'],
    ['PHONE_NUMBER', 'mobile +44 (0)7700 900123', '+44 (0)7700 900123'],
    ['CREDIT_CARD', 'card 4111-1111-1111-1111 expires', '4111-1111-1111-1111'],
    ['IBAN_CODE', 'IBAN GB82 WEST 1234 5698 7654 32.', 'GB82 WEST 1234 5698 7654 32'],
    ['US_SSN', 'SSN 536-22-5403', '536-22-5403'],
    ['US_ITIN', 'ITIN 912-78-1234', '912-78-1234'],
    ['UK_NHS', 'NHS number 401 023 2137', '401 023 2137'],
    ['UK_NINO', 'NI number AB 12 34 56 C', 'AB 12 34 56 C'],
    ['UK_NINO', 'NINO: AB123456C', 'AB123456C'],
    ['IP_ADDRESS', 'login from 10.23.4.5 failed', '10.23.4.5'],
    ['IP_ADDRESS', 'host 2001:db8::ff00:42:8329 up', '2001:db8::ff00:42:8329'],
    ['MAC_ADDRESS', 'device ab:cd:ef:12:34:56', 'ab:cd:ef:12:34:56'],
    ['URL', 'see https://example.org/p?id=1).', 'https://example.org/p?id=1'],
    ['DATE_TIME', 'admitted on 3 March 2021 with', '3 March 2021'],
    ['DATE_TIME', 'seen 2021-03-04', '2021-03-04'],
    ['DATE_TIME', 'on March 5, 2020 she', 'March 5, 2020'],
    ['DATE_OF_BIRTH', 'DOB: 12/03/1947', '12/03/1947'],
    ['DATE_OF_BIRTH', 'date of birth 4 July 1950', '4 July 1950'],
    ['STREET_ADDRESS', 'lives at 221B Baker Street, London', '221B Baker Street'],
    ['STREET_ADDRESS', 'at 1600 Pennsylvania Avenue NW, Washington', '1600 Pennsylvania Avenue NW'],
    ['STREET_ADDRESS', 'Flat 3, 12 Oak Road, Leeds', 'Flat 3, 12 Oak Road'],
    ['UK_POSTCODE', 'Leeds LS1 4AP', 'LS1 4AP'],
    ['ZIP_CODE', 'Springfield, IL 62704', '62704'],
    ['AGE', 'a 92-year-old woman', '92'],
    ['AGE', 'aged 101, lives alone', '101'],
    ['MEDICAL_RECORD_NUMBER', 'MRN: RXH1234567', 'RXH1234567'],
    ['MEDICAL_RECORD_NUMBER', 'Hospital No: K1234567', 'K1234567'],
    ['US_PASSPORT', 'passport number A12345678', 'A12345678'],
    ['US_DRIVER_LICENSE', "driver's license D1234567", 'D1234567'],
    ['US_BANK_NUMBER', 'account number 123456789012', '123456789012'],
    ['PERSON', 'Dear Dr Xanthippe Qorvath,', 'Xanthippe Qorvath'],
    ['PERSON', 'Patient: John Smith', 'John Smith'],
    ['PERSON', 'Seen by Sarah O\'Brien today', "Sarah O'Brien"],
    ['LOCATION', 'She moved to Sheffield in 2019', 'Sheffield'],
  ] as [Entity, string, string][])('%s in %j', (entity, text, value) => {
    const hits = one(text, entity);
    expect(hits.map((h) => h.text)).toContain(value);
  });

  it('reports ages of 89 and under as nothing', () => {
    expect(one('a 72-year-old man', 'AGE')).toEqual([]);
    expect(one('aged 89', 'AGE')).toEqual([]);
    expect(one('patients aged 90 or over were grouped', 'AGE')).toEqual([]);
  });

  it('does not report hard negatives', () => {
    const text = [
      'SNOMED CT 22298006 recorded; ICD-10 E11.9 and I21.4; OPCS K40.1.',
      'HbA1c 48 mmol/mol, eGFR 58 mL/min/1.73m2, BP 132/84 mmHg, Hb 132 g/L.',
      'BRCA1 and TP53 variants; HLA-B*57:01 positive; KRAS G12C.',
      '2024-03-05 10:32:11,123 INFO loaded 5000 rows at 14:32:05 (epoch 1709634731).',
      'Sample ID 4829103751. EudraCT 2019-004512-33, ISRCTN12345678, NCT04368728, REC ref 19/LO/1234.',
      "Known Parkinson's disease and Crohn's disease; Glasgow Coma Scale 15.",
    ].join('\n');
    expect(find(text)).toEqual([]);
  });

  it('needs context for bare 9-digit and 5-digit numbers', () => {
    expect(one('order 536225403', 'US_SSN')).toEqual([]);
    expect(one('ssn 536225403', 'US_SSN').length).toBe(1);
    expect(one('there were 62704 tests', 'ZIP_CODE')).toEqual([]);
    expect(one('zip code 62704', 'ZIP_CODE').length).toBe(1);
  });

  it('requires mod-11 for NHS numbers and scores the 999 test range lower', () => {
    expect(one('NHS number 401 023 2138', 'UK_NHS')).toEqual([]);
    const real = one('NHS number 401 023 2137', 'UK_NHS')[0]!;
    const test = one('NHS number 999 000 0018', 'UK_NHS')[0]!;
    expect(real.score).toBeGreaterThan(0.9);
    expect(test.score).toBeLessThanOrEqual(0.6);
    expect(test.evidence).toContain('range:test');
  });

  it('uses context words to raise and lower scores', () => {
    const plain = scanText('4010232137', { minScore: 0 }).find((f) => f.entity === 'UK_NHS')!;
    const withCue = scanText('NHS no 4010232137', { minScore: 0 }).find((f) => f.entity === 'UK_NHS')!;
    const withNeg = scanText('SNOMED code 4010232137', { minScore: 0 }).find((f) => f.entity === 'UK_NHS');
    expect(withCue.score).toBeGreaterThan(plain.score);
    expect(withNeg === undefined || withNeg.score < plain.score).toBe(true);
    expect(withCue.detail.context).toContain('+nhs no');
  });

  it('tells US phone numbers and NHS numbers apart by context', () => {
    // 4002003507 passes mod-11 and is also a valid NANP number (area 400, exchange 200)
    expect(one('Tel 401 023 2137', 'PHONE_NUMBER')).toEqual([]); // exchange 023 is not NANP
    const both = '4002003507';
    expect(one(`Tel ${both.slice(0, 3)}-${both.slice(3, 6)}-${both.slice(6)}`, 'UK_NHS')).toEqual([]);
    expect(one(`Tel ${both.slice(0, 3)}-${both.slice(3, 6)}-${both.slice(6)}`, 'PHONE_NUMBER').length).toBe(1);
    expect(one(`NHS ${both.slice(0, 3)} ${both.slice(3, 6)} ${both.slice(6)}`, 'UK_NHS').length).toBe(1);
    expect(one(`NHS ${both.slice(0, 3)} ${both.slice(3, 6)} ${both.slice(6)}`, 'PHONE_NUMBER')).toEqual([]);
  });

  it('keeps every score in [0, 1] with its evidence, even where cues stack up', () => {
    const docs = generate({ seed: 7, documents: 40 }).documents.filter((d) => d.ext !== '.csv');
    const text = docs.map((d) => d.text).join('\n') + '\nNHS number NHS no CHI 401 023 2137; DOB date of birth born 12/03/1947; MRN hospital no K1234567\n';
    const all = scanText(text, { minScore: 0 });
    expect(all.length).toBeGreaterThan(300);
    for (const f of all) {
      expect(f.score).toBeGreaterThanOrEqual(0);
      expect(f.score).toBeLessThanOrEqual(1);
      expect(f.evidence).toMatch(/^rule=[^;]+(; validator=[^;]+)?(; context=.+)?$/);
    }
  });

  it('filters by entity and minimum score', () => {
    const t = 'Email a@b.com, tel 020 7946 0018';
    expect(scanText(t, { entities: ['EMAIL_ADDRESS'] }).map((f) => f.entity)).toEqual(['EMAIL_ADDRESS']);
    expect(scanText(t, { minScore: 0.99 })).toEqual([]);
  });

  it('reports UTF-16 offsets, lines and columns', () => {
    const text = 'héllo 😀\nmail x@y.org';
    const f = scanText(text)[0]!;
    expect(text.slice(f.start, f.end)).toBe('x@y.org');
    expect(f.start).toBe(14); // the emoji is two UTF-16 code units
    expect(f.line).toBe(2);
    expect(f.column).toBe(6);
  });

  it('gives the same findings when streamed in small windows', () => {
    const parts: string[] = [];
    for (let i = 0; i < 400; i++) parts.push(`Line ${i}: Patient John Smith, NHS 401 023 2137, tel 020 7946 0018, DOB 12/03/1947, email j${i}@example.com.`);
    const text = parts.join('\n');
    const whole = scanText(text).map((f) => [f.entity, f.start, f.end, f.line, f.column, f.score]);
    const streamed: unknown[] = [];
    const s = new TextStreamScanner({ core: { entities: null, known: null, minScore: 0.4 }, minScore: 0.4, onFinding: (f) => streamed.push([f.entity, f.start, f.end, f.line, f.column, f.score]) });
    s.setMinWindow(1000);
    for (let i = 0; i < text.length; i += 777) s.push(text.slice(i, i + 777));
    s.end();
    expect(streamed).toEqual(whole);
    expect(whole.length).toBe(2000);
  });

  it('reads JSON escapes as spaces without moving offsets', () => {
    const raw = '{"note":"Dear Mr Smith,\\nNHS 401 023 2137\\u00e9"}';
    const v = jsonView(raw);
    expect(v.length).toBe(raw.length);
    const nhs = scanText(v).find((f) => f.entity === 'UK_NHS')!;
    expect(raw.slice(nhs.start, nhs.end)).toBe('401 023 2137');
  });

  it('blanks long base64 runs (embedded images) in JSON, padding included, and keeps shorter ones and offsets', () => {
    const image = 'iVBORw0KGgo'.repeat(30).slice(0, 300);
    const short = 'QUJD'.repeat(63);
    const raw = `{"img":"${image}==","key":"${short}","note":"NHS 401 023 2137"}`;
    const v = jsonView(raw);
    expect(v.length).toBe(raw.length);
    expect(v).toContain(`"${' '.repeat(302)}"`);
    expect(v).toContain(short);
    const nhs = scanText(v).find((f) => f.entity === 'UK_NHS')!;
    expect(raw.slice(nhs.start, nhs.end)).toBe('401 023 2137');
  });

  it('matches known identifiers held as keyed hashes', () => {
    const known = buildKnownIdentifierSet(['CLS-00123', '401 023 2137'], 'k');
    const hits = scanText('participant CLS-00123 has NHS 4010232137', { known });
    expect(hits.filter((h) => h.entity === 'KNOWN_IDENTIFIER').length).toBe(2);
    expect(scanText('participant CLS-00124', { known }).filter((h) => h.entity === 'KNOWN_IDENTIFIER')).toEqual([]);
  });
});

describe('table scanner', () => {
  const rows = ['id,nhs_no,forename,dob,postcode,sex,ward_count,comments'];
  const nhs = ['4010232137', '4002003507', '4002051021', '4002106454', '4002146049'];
  for (let i = 0; i < 50; i++) rows.push(`${i},${nhs[i % nhs.length]},${['John', 'Mary', 'Aisha', 'Piotr'][i % 4]},19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 9},LS${1 + (i % 9)} 4AP,${i % 2 ? 'M' : 'F'},${i * 3},${i === 7 ? 'call 020 7946 0018' : 'ok'}`);
  rows[20] = rows[20]!.replace(/,\d{10},/, ',not known,');
  const out = scanCsvText(rows.join('\n'));

  it('gives each column a verdict from its header and validator share', () => {
    const col = (n: string) => out.columns.find((c) => c.name === n)!;
    expect(col('nhs_no').entity).toBe('UK_NHS');
    expect(col('nhs_no').reason).toMatch(/^nhs_no: 98\.0% valid NHS numbers/);
    expect(col('nhs_no').uniqueness).toBeLessThan(0.2);
    expect(col('forename').entity).toBe('PERSON');
    expect(col('dob').entity).toBe('DATE_OF_BIRTH');
    expect(col('postcode').entity).toBe('UK_POSTCODE');
    expect(col('ward_count').entity).toBeNull();
    expect(col('ward_count').mode).toBe('numeric');
  });

  it('reports cell findings with 1-based rows, field names and offsets inside the cell', () => {
    const phone = out.findings.find((f) => f.entity === 'PHONE_NUMBER')!;
    expect(phone).toMatchObject({ row: 8, field: 'comments', start: 5, end: 18, line: 9 });
    const first = out.findings.find((f) => f.field === 'nhs_no')!;
    expect(first).toMatchObject({ row: 1, start: 0, end: 10 });
  });

  it('warns about quasi-identifier combinations', () => {
    const w = out.warnings.find((x) => x.kind === 'quasi-identifiers')!;
    expect(w.columns).toEqual(['dob', 'postcode', 'sex']);
  });

  it('caps cell findings per column and says so', () => {
    const capped = scanCsvText(rows.join('\n'), { maxFindingsPerColumn: 5 });
    expect(capped.findings.filter((f) => f.field === 'nhs_no').length).toBe(5);
    expect(capped.columns.find((c) => c.name === 'nhs_no')!.findings).toBeGreaterThan(5);
    expect(capped.warnings.some((w) => w.kind === 'truncated-findings')).toBe(true);
  });

  it('parses quoted fields with delimiters, quotes and line breaks', () => {
    const t = scanCsvText('a,notes\n1,"Dear Dr Smith, ""urgent""\nNHS 401 023 2137"\n2,ok\n');
    const f = t.findings.find((x) => x.entity === 'UK_NHS')!;
    expect(f.row).toBe(1);
    expect(f.field).toBe('notes');
  });
});
