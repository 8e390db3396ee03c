/**
 * Tabular scanning: a verdict per column from its header and from the share of sampled values that pass each
 * validator, its uniqueness ratio, then cell-level findings; plus warnings for quasi-identifier combinations.
 *
 * The first `sampleRows` records are held to decide each column's scanning mode; after that, records stream
 * through one at a time, so memory stays constant whatever the file size.
 */
import type { ColumnVerdict, DetailedFinding, Entity, FileWarning } from '../types';
import { scanCore, type CoreOptions } from '../text/scanner';
import { evidenceString } from '../text/stream';
import { cardNetwork, itinValid, luhnValid, nhsChecksumValid, nhsChecksumValidDigits, nhsRange, nhsRangeDigits, ninoValid, ssnValid, validYmd, expandYear, ibanValid, type NhsRange } from '../validators/checksums';
import { classifyPhone, ipv4Valid, ipv6Valid, parseUkPostcode, tldValid, validOutwardCode } from '../validators/formats';
import { F_COMMON, F_FIRST, F_LAST, lexFlags, MONTHS, PLACE_SET } from '../lexicon/lexicon';
import { knownMatch } from '../known';

/** Cell kinds tested on whole cells (bit flags). */
export const K = {
  NHS: 1,
  POSTCODE: 2,
  EMAIL: 4,
  PHONE: 8,
  DATE: 16,
  SSN: 32,
  NINO: 64,
  IBAN: 128,
  CARD: 256,
  IP: 512,
  ZIP: 1024,
  MAC: 2048,
  URL: 4096,
  NUMBER: 8192,
  NAME: 16384,
  PLACE: 32768,
  SEX: 65536,
  AGE90: 131072,
  OUTWARD: 262144,
  TEXT: 524288,
  ITIN: 1048576,
  PHONE_FORMATTED: 2097152,
  SSN_FORMATTED: 4194304,
  ID: 8388608,
} as const;

const RE_NUMBER = /^[-+]?(?:\d+(?:[.,]\d+)*|\d*\.\d+)(?:[eE][-+]?\d+)?%?$/;
const RE_DATE_YMD = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const RE_DATE_DMY = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const RE_DATE_TEXT = /^(\d{1,2})(?:st|nd|rd|th)?[ -]([A-Za-z]{3,9})\.?[ ,-]{1,2}(\d{4})$/;
const RE_EMAIL = /^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.([A-Za-z]{2,24})$/;
const RE_PHONE_CHARS = /^\+?[\d\s().-]{7,24}(?:\s?(?:x|ext\.?)\s?\d{1,5})?$/i;
const RE_SSN_FMT = /^\d{3}([- .])\d{2}\1\d{4}$/;
const RE_MAC = /^[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}$/;
const RE_ZIP = /^\d{5}(?:-\d{4})?$/;
const RE_URL = /^(?:https?:\/\/|www\.)\S+$/i;
const RE_ID = /^(?=.{5,20}$)(?=[^\d]*\d)[A-Za-z0-9][A-Za-z0-9/-]*$/;
const RE_WORDISH = /^[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F'’. -]*$/;
const SEX_VALUES = new Set(['m', 'f', 'male', 'female', 'u', 'unknown', 'man', 'woman', 'other', 'x', 'i', 'intersex', 'not known', 'not stated', '1', '2', '0', '9']);
export const TABLE_PATTERNS: readonly RegExp[] = [RE_NUMBER, RE_DATE_YMD, RE_DATE_DMY, RE_DATE_TEXT, RE_EMAIL, RE_PHONE_CHARS, RE_SSN_FMT, RE_MAC, RE_ZIP, RE_URL, RE_ID, RE_WORDISH];

/** Which whole-cell validators the (trimmed) value passes. */
export function cellKinds(v: string): number {
  let k = 0;
  const n = v.length;
  if (n === 0) return 0;
  const c0 = v.charCodeAt(0);
  const digitFirst = c0 >= 48 && c0 <= 57;
  if (RE_NUMBER.test(v)) {
    k |= K.NUMBER;
    const x = +v;
    if (Number.isInteger(x) && x >= 90 && x <= 125) k |= K.AGE90;
    if (n === 1 || v === '0' || v === '1' || v === '2' || v === '9') k |= K.SEX;
  }
  if (digitFirst || c0 === 43 || c0 === 40) {
    const d = v.replace(/[\s-]/g, '');
    if (d.length === 10 && /^\d{10}$/.test(d) && nhsChecksumValid(d) && /^(?:\d{10}|\d{3}([ -])\d{3}\1\d{4})$/.test(v)) k |= K.NHS;
    if (RE_SSN_FMT.test(v)) {
      const dd = v.replace(/\D/g, '');
      if (ssnValid(dd)) k |= K.SSN | K.SSN_FORMATTED;
      else if (itinValid(dd)) k |= K.ITIN;
    } else if (/^\d{9}$/.test(v)) {
      if (ssnValid(v)) k |= K.SSN;
      else if (itinValid(v)) k |= K.ITIN;
    }
    if (RE_PHONE_CHARS.test(v)) {
      const core = v.replace(/\s?(?:x|ext\.?)\s?\d{1,5}$/i, '');
      const digits = core.replace(/\D/g, '');
      if (classifyPhone(digits, core.startsWith('+'))) {
        k |= K.PHONE;
        if (/[\s().-]/.test(core) || core.startsWith('+')) k |= K.PHONE_FORMATTED;
      }
    }
    if (isDate(v)) k |= K.DATE;
    const cd = v.replace(/[ -]/g, '');
    if (cd.length >= 13 && cd.length <= 19 && /^\d+$/.test(cd) && luhnValid(cd) && cardNetwork(cd)) k |= K.CARD;
    if (RE_ZIP.test(v)) k |= K.ZIP;
    if (ipv4Valid(v)) k |= K.IP;
  } else if (n >= 2) {
    const up = v.toUpperCase();
    if (n <= 8 && parseUkPostcode(v)) k |= K.POSTCODE;
    else if (n <= 4 && validOutwardCode(v)) k |= K.OUTWARD;
    if (n <= 13 && ninoValid(up.replace(/ /g, ''))) k |= K.NINO;
    if (n >= 15 && n <= 42 && /^[A-Z]{2}\d{2}/.test(up) && ibanValid(up.replace(/ /g, ''))) k |= K.IBAN;
    if (RE_EMAIL.test(v) && tldValid(RE_EMAIL.exec(v)![1]!)) k |= K.EMAIL;
    if (RE_URL.test(v)) k |= K.URL;
    if (isDate(v)) k |= K.DATE;
    if (RE_WORDISH.test(v)) {
      const words = v.split(/\s+/);
      if (words.length >= 4) k |= K.TEXT;
      else {
        let named = 0;
        let common = 0;
        for (const w of words) {
          const f = lexFlags(w.toLowerCase().replace(/[.,]$/, ''));
          if ((f & (F_FIRST | F_LAST)) !== 0) named++;
          if ((f & F_COMMON) !== 0) common++;
        }
        if (named > 0 && named === words.length && common < words.length) k |= K.NAME;
        if (PLACE_SET.has(v.toLowerCase())) k |= K.PLACE;
      }
      if (SEX_VALUES.has(v.toLowerCase())) k |= K.SEX;
    } else if (v.includes(' ') && v.split(/\s+/).length >= 4) k |= K.TEXT;
  } else if (SEX_VALUES.has(v.toLowerCase())) k |= K.SEX;
  if (ipv6Valid(v) && v.includes(':') && /[A-Fa-f]|::/.test(v)) k |= K.IP;
  if (RE_MAC.test(v)) k |= K.MAC;
  if (RE_ID.test(v) && !(k & (K.NUMBER | K.DATE | K.PHONE))) k |= K.ID;
  return k;
}

function isDate(v: string): boolean {
  // fast path: YYYY-MM-DD, DD/MM/YYYY
  if (v.length === 10) {
    const c4 = v.charCodeAt(4);
    const c2 = v.charCodeAt(2);
    if ((c4 === 45 || c4 === 47) && v.charCodeAt(7) === c4) {
      const y = num4(v, 0);
      const m = num2(v, 5);
      const d = num2(v, 8);
      if (y >= 0 && m >= 0 && d >= 0) return validYmd(y, m, d);
    } else if ((c2 === 47 || c2 === 45 || c2 === 46) && v.charCodeAt(5) === c2) {
      const a = num2(v, 0);
      const b = num2(v, 3);
      const y = num4(v, 6);
      if (y >= 0 && a >= 0 && b >= 0) return validYmd(y, b, a) || validYmd(y, a, b);
    }
  }
  let m = RE_DATE_YMD.exec(v);
  if (m) return validYmd(+m[1]!, +m[2]!, +m[3]!);
  m = RE_DATE_DMY.exec(v);
  if (m) {
    const y = m[3]!.length === 4 ? +m[3]! : expandYear(+m[3]!);
    return validYmd(y, +m[2]!, +m[1]!) || validYmd(y, +m[1]!, +m[2]!);
  }
  m = RE_DATE_TEXT.exec(v);
  if (m) {
    const mon = MONTHS.get(m[2]!.toLowerCase());
    return mon !== undefined && validYmd(+m[3]!, mon, +m[1]!);
  }
  return false;
}

function num2(v: string, i: number): number {
  const a = v.charCodeAt(i) - 48;
  const b = v.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}
function num4(v: string, i: number): number {
  const a = num2(v, i);
  const b = num2(v, i + 2);
  return a >= 0 && b >= 0 ? a * 100 + b : -1;
}

/** Header words that give a column a prior. */
interface HeaderPrior {
  entity: Entity;
  kind: number;
  label: string;
  qi?: string;
}
const H = (entity: Entity, kind: number, label: string, qi?: string): HeaderPrior => ({ entity, kind, label, qi });
const HEADER_PRIORS: [RegExp, HeaderPrior][] = [
  [/^(nhs|nhsno|nhsnumber|nhsnum|chi|chino|chinumber|hcn|hcnumber)$/, H('UK_NHS', K.NHS, 'NHS numbers')],
  [/^(dob|dateofbirth|birthdate|birthdt|bdate|dobdate|dtofbirth)$/, H('DATE_OF_BIRTH', K.DATE, 'dates of birth', 'date of birth')],
  [/^(postcode|postalcode|pcode|postcd|postcodefull|patientpostcode|homepostcode)$/, H('UK_POSTCODE', K.POSTCODE | K.OUTWARD, 'UK postcodes', 'postcode')],
  [/^(zip|zipcode|zip5|zipcd|postalzip)$/, H('ZIP_CODE', K.ZIP, 'ZIP codes', 'zip')],
  [/^(mrn|hospno|hospitalno|hospitalnumber|hospnum|unitno|unitnumber|casenotenumber|medicalrecordnumber|pasno|pasnumber|crn|knumber|localpatientid|hospitalid)$/, H('MEDICAL_RECORD_NUMBER', K.ID | K.NUMBER, 'record numbers')],
  [/^(forename|forenames|firstname|givenname|givennames|surname|lastname|familyname|fullname|name|patientname|ptname|middlename|maidenname|nextofkin|nok|gpname|contactname|carername)$/, H('PERSON', K.NAME | K.TEXT, 'names')],
  [/^(email|emailaddress|mail|emailaddr)$/, H('EMAIL_ADDRESS', K.EMAIL, 'e-mail addresses')],
  [/^(tel|telephone|phone|phoneno|phonenumber|mobile|mobileno|mobilenumber|telno|contactnumber|homephone|workphone|fax|cell|cellphone)$/, H('PHONE_NUMBER', K.PHONE, 'phone numbers')],
  [/^(address|address1|address2|addressline1|addressline2|addr|street|streetaddress|homeaddress|line1|line2)$/, H('STREET_ADDRESS', K.TEXT | K.NAME, 'addresses')],
  [/^(nino|ninumber|nationalinsurance|nationalinsurancenumber|nino1)$/, H('UK_NINO', K.NINO, 'NI numbers')],
  [/^(ssn|socialsecurity|socialsecuritynumber|ssnum)$/, H('US_SSN', K.SSN, 'SSNs')],
  [/^(itin)$/, H('US_ITIN', K.ITIN, 'ITINs')],
  [/^(iban|bankaccount|iban1)$/, H('IBAN_CODE', K.IBAN, 'IBANs')],
  [/^(cardnumber|creditcard|ccnumber|pan|cardno)$/, H('CREDIT_CARD', K.CARD, 'card numbers')],
  [/^(ip|ipaddress|ipaddr|clientip|remoteip|srcip)$/, H('IP_ADDRESS', K.IP, 'IP addresses')],
  [/^(mac|macaddress)$/, H('MAC_ADDRESS', K.MAC, 'MAC addresses')],
  [/^(age|ageyears|ageatadmission|ageatdiagnosis|ageatdeath|patientage|ageyrs)$/, H('AGE', K.AGE90, 'ages over 89', 'age')],
  [/^(town|city|placeofbirth|birthplace|village|townname|cityname|residence|district)$/, H('LOCATION', K.PLACE | K.NAME | K.TEXT, 'places')],
  [/^(dod|dateofdeath|deathdate|admissiondate|admitdate|dischargedate|appointmentdate|visitdate|eventdate|procdate|opdate|date)$/, H('DATE_TIME', K.DATE, 'dates')],
  [/^(url|website|homepage|link)$/, H('URL', K.URL, 'URLs')],
];
const SEX_HEADER = /^(sex|gender|sexcode|gendercode|patientsex)$/;

export function normaliseHeader(h: string): string {
  return h.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function headerPrior(h: string): HeaderPrior | null {
  const n = normaliseHeader(h);
  for (const [re, p] of HEADER_PRIORS) if (re.test(n)) return p;
  return null;
}

/** Entities a column can be typed as from values alone (share >= 0.8), in order of specificity. */
const VALUE_ONLY: [number, Entity, string][] = [
  [K.NHS, 'UK_NHS', 'valid NHS numbers'],
  [K.EMAIL, 'EMAIL_ADDRESS', 'e-mail addresses'],
  [K.IBAN, 'IBAN_CODE', 'valid IBANs'],
  [K.CARD, 'CREDIT_CARD', 'Luhn-valid card numbers'],
  [K.NINO, 'UK_NINO', 'valid NI numbers'],
  [K.SSN_FORMATTED, 'US_SSN', 'valid SSNs'],
  [K.POSTCODE, 'UK_POSTCODE', 'valid UK postcodes'],
  [K.PHONE_FORMATTED, 'PHONE_NUMBER', 'valid phone numbers'],
  [K.MAC, 'MAC_ADDRESS', 'MAC addresses'],
  [K.IP, 'IP_ADDRESS', 'IP addresses'],
  [K.URL, 'URL', 'URLs'],
  [K.NAME, 'PERSON', 'names in the name dictionaries'],
];

interface ColState {
  name: string;
  verdict: ColumnVerdict;
  prior: HeaderPrior | null;
  kind: number; // the validator kind for entity mode
  entity: Entity | null;
  score: number;
  emitted: number;
  cache: CellMemo;
  truncated: boolean;
}

/**
 * The per-column memo of scanned cells, keyed by the cell's characters and looked up in place, so a repeated
 * value costs a hash over its characters and no string. Open addressing; cleared when full, as a bounded Map.
 */
class CellMemo {
  static readonly MAX_KEY = 128;
  private static readonly MAX_ENTRIES = 8192;
  private static readonly SLOTS = 16384; // a power of two, twice MAX_ENTRIES so probes stay short
  private keys: (string | null)[] = new Array<string | null>(CellMemo.SLOTS).fill(null);
  private vals: (CellHit[] | null)[] = new Array<CellHit[] | null>(CellMemo.SLOTS).fill(null);
  private size = 0;

  get(buf: string, s: number, e: number): CellHit[] | undefined {
    const n = e - s;
    if (n > CellMemo.MAX_KEY) return undefined;
    const mask = CellMemo.SLOTS - 1;
    for (let i = hashSpan(buf, s, e) & mask; ; i = (i + 1) & mask) {
      const k = this.keys[i];
      if (k === null || k === undefined) return undefined;
      if (k.length === n && sameChars(k, buf, s, n)) return this.vals[i]!;
    }
  }

  set(key: string, hits: CellHit[]): void {
    if (this.size >= CellMemo.MAX_ENTRIES) {
      this.keys.fill(null);
      this.vals.fill(null);
      this.size = 0;
    }
    const mask = CellMemo.SLOTS - 1;
    let i = hashSpan(key, 0, key.length) & mask;
    while (this.keys[i] !== null) {
      if (this.keys[i] === key) return;
      i = (i + 1) & mask;
    }
    this.keys[i] = key;
    this.vals[i] = hits;
    this.size++;
  }
}

/**
 * A copy of a short string that does not point into the decoded chunk it was sliced from (V8 slices of 13+
 * characters do), so a memo key does not keep a megabyte chunk alive.
 */
function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** FNV-1a over UTF-16 code units. */
function hashSpan(buf: string, s: number, e: number): number {
  let h = 0x811c9dc5;
  for (let i = s; i < e; i++) h = Math.imul(h ^ buf.charCodeAt(i), 16777619);
  return h >>> 0;
}

function sameChars(k: string, buf: string, s: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (k.charCodeAt(i) !== buf.charCodeAt(s + i)) return false;
  return true;
}

interface CellHit {
  entity: Entity;
  start: number;
  end: number;
  score: number;
  evidence: string;
  detail: { rule: string; validator: string | null; context: string[] };
}

export interface TableScanOptions {
  core: CoreOptions;
  minScore: number;
  sampleRows: number;
  maxFindingsPerColumn: number;
}

export class TableScanner {
  private header: string[] | null = null;
  private sample: { fields: string[]; line: number }[] = [];
  private cols: ColState[] = [];
  private decided = false;
  private row = 0;
  readonly findings: DetailedFinding[] = [];
  readonly warnings: FileWarning[] = [];
  private truncated = new Set<string>();

  constructor(private readonly o: TableScanOptions) {}

  /** Data rows held for the column decision and not scanned yet (their findings come later). */
  get pendingRows(): number {
    return this.sample.length;
  }

  onRecord(fields: string[], line: number): void {
    if (this.header === null) {
      this.header = dedupeHeader(fields.map((f) => f.trim()));
      return;
    }
    if (fields.length === 1 && fields[0] === '') return; // blank line
    this.row++;
    if (!this.decided) {
      this.sample.push({ fields, line });
      if (this.sample.length >= this.o.sampleRows) this.decide();
      return;
    }
    this.scanRow(fields, this.row, line);
  }

  /**
   * A record as field offsets into buf (see CsvSpanSink). Once the columns are decided, cells are judged from
   * their characters where a column's validator allows it, and sliced into strings only when they need more.
   */
  onSpans(buf: string, starts: Int32Array, ends: Int32Array, count: number, line: number): void {
    if (this.header === null || !this.decided) {
      const fields = new Array<string>(count);
      for (let i = 0; i < count; i++) fields[i] = buf.slice(starts[i]!, ends[i]!);
      this.onRecord(fields, line);
      return;
    }
    if (count === 1 && starts[0] === ends[0]) return; // blank line
    const row = ++this.row;
    const cols = this.cols;
    while (count > cols.length) cols.push(this.extraColumn(cols.length));
    for (let i = 0; i < count; i++) this.cell(cols[i]!, buf, starts[i]!, ends[i]!, row, line);
  }

  finish(): { columns: ColumnVerdict[]; findings: DetailedFinding[]; warnings: FileWarning[] } {
    if (this.header === null) this.header = [];
    if (!this.decided) this.decide();
    for (const c of this.truncated) this.warnings.push({ kind: 'truncated-findings', message: `column "${c}": more than ${this.o.maxFindingsPerColumn} cell findings; only the first ${this.o.maxFindingsPerColumn} are listed (see columns[].findings for the total)`, columns: [c] });
    this.findings.sort((a, b) => a.row! - b.row! || (a.start - b.start));
    return { columns: this.cols.map((c) => c.verdict), findings: this.findings, warnings: this.warnings };
  }

  private decide(): void {
    this.decided = true;
    const header = this.header!;
    let width = header.length;
    for (const r of this.sample) width = Math.max(width, r.fields.length);
    for (let i = header.length; i < width; i++) header.push(`column_${i + 1}`);
    this.cols = header.map((name, i) => this.profile(name, i));
    this.quasiIdentifiers();
    let r = this.row - this.sample.length;
    for (const s of this.sample) this.scanRow(s.fields, ++r, s.line);
    this.sample = [];
  }

  private profile(name: string, idx: number): ColState {
    const counts = new Map<number, number>();
    const distinct = new Set<string>();
    let n = 0;
    for (const r of this.sample) {
      const v = (r.fields[idx] ?? '').trim();
      if (v === '' || /^(na|n\/a|null|none|nan|-|\.)$/i.test(v)) continue;
      n++;
      distinct.add(v);
      const k = cellKinds(v);
      for (let b = 1; b <= K.ID; b <<= 1) if (k & b) counts.set(b, (counts.get(b) ?? 0) + 1);
    }
    const share = (k: number) => {
      if (n === 0) return 0;
      let c = 0;
      // a kind mask may combine several bits: count values passing any (approximate with the max)
      for (let b = 1; b <= K.ID; b <<= 1) if (k & b) c = Math.max(c, counts.get(b) ?? 0);
      return c / n;
    };
    const uniqueness = n ? distinct.size / n : 0;
    const prior = headerPrior(name);
    let entity: Entity | null = null;
    let kind = 0;
    let reason = '';
    let validShare = 0;
    let score = 0;
    const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
    if (prior) {
      const sh = share(prior.kind);
      const noValidator = prior.entity === 'PERSON' || prior.entity === 'STREET_ADDRESS' || prior.entity === 'MEDICAL_RECORD_NUMBER' || prior.entity === 'LOCATION';
      if (prior.entity === 'AGE') {
        entity = 'AGE';
        kind = K.AGE90;
        validShare = sh;
        score = 0.85;
        reason = `${name}: age column; ${pct(sh)} of values over 89`;
      } else if (sh >= 0.3 || (noValidator && n > 0 && (share(K.NUMBER) < 0.5 || prior.entity === 'MEDICAL_RECORD_NUMBER'))) {
        entity = prior.entity;
        kind = prior.kind;
        validShare = sh;
        score = sh >= 0.8 ? 0.95 : noValidator ? 0.85 : 0.75;
        reason = noValidator ? `${name}: header indicates ${prior.label}` + (sh > 0 ? ` (${pct(sh)} look like ${prior.label})` : '') : `${name}: ${pct(sh)} valid ${prior.label}; header agrees`;
      } else {
        reason = `${name}: header suggests ${prior.label} but only ${pct(sh)} of sampled values are valid`;
      }
    }
    if (!entity && n > 0) {
      for (const [k, e, label] of VALUE_ONLY) {
        const sh = share(k);
        if (sh >= 0.8 && !(e === 'PERSON' && sh < 0.9)) {
          entity = e;
          kind = k === K.SSN_FORMATTED ? K.SSN : k === K.PHONE_FORMATTED ? K.PHONE : k;
          validShare = sh;
          score = e === 'PERSON' ? 0.7 : 0.85;
          reason = `${name}: ${pct(sh)} ${label}` + (reason ? ` (${reason})` : '');
          break;
        }
      }
    }
    if (!entity && n > 0 && share(K.DATE) >= 0.8) {
      entity = 'DATE_TIME';
      kind = K.DATE;
      validShare = share(K.DATE);
      score = 0.6;
      reason = `${name}: ${pct(validShare)} full dates`;
    }
    const numeric = n > 0 && share(K.NUMBER) >= 0.95;
    let mode: ColumnVerdict['mode'] = entity ? 'entity' : numeric ? 'numeric' : n === 0 ? 'text' : 'text';
    if (!entity && !reason) reason = n === 0 ? `${name}: empty in sample` : numeric ? `${name}: numeric` : `${name}: scanned as text`;
    if (entity === 'PERSON' || entity === 'STREET_ADDRESS' || entity === 'LOCATION') mode = 'entity';
    reason += `; uniqueness ${uniqueness.toFixed(2)}`;
    if (!entity && uniqueness >= 0.98 && n >= 20 && share(K.ID | K.NUMBER) >= 0.9 && /(id|no|num|number|code|ref)$/.test(normaliseHeader(name))) {
      this.warnings.push({ kind: 'other', message: `column "${name}" is unique per row (uniqueness ${uniqueness.toFixed(2)}): a record identifier; check it is a pseudonym`, columns: [name] });
    }
    let qi: string | null = prior?.qi ?? null;
    if (SEX_HEADER.test(normaliseHeader(name)) || (n >= 10 && share(K.SEX) >= 0.95 && distinct.size <= 4 && /sex|gender/i.test(name))) qi = 'sex';
    if (qi === 'postcode' && entity === null && share(K.OUTWARD) >= 0.8) qi = 'postcode district';
    if (entity === 'DATE_OF_BIRTH') qi = 'date of birth';
    if (entity === 'UK_POSTCODE' && !qi) qi = 'postcode';
    if (entity === 'ZIP_CODE') qi = 'zip';
    if (/^(ethnicity|ethnicgroup|ethnic|race)$/.test(normaliseHeader(name))) qi = 'ethnicity';
    const verdict: ColumnVerdict = { index: idx + 1, name, entity, reason, validShare: Math.round(validShare * 1000) / 1000, uniqueness: Math.round(uniqueness * 1000) / 1000, sampled: n, mode, findings: 0, quasiIdentifier: qi };
    return { name, verdict, prior, kind, entity, score, emitted: 0, cache: new CellMemo(), truncated: false };
  }

  private quasiIdentifiers(): void {
    const by = (q: string[]) => this.cols.filter((c) => c.verdict.quasiIdentifier !== null && q.includes(c.verdict.quasiIdentifier));
    const dob = by(['date of birth']);
    const geo = by(['postcode', 'postcode district', 'zip']);
    const sex = by(['sex']);
    const age = by(['age']);
    const combos: ColState[][] = [];
    if (dob.length && geo.length && sex.length) combos.push([dob[0]!, geo[0]!, sex[0]!]);
    else if (dob.length && geo.length) combos.push([dob[0]!, geo[0]!]);
    else if (age.length && geo.length && sex.length) combos.push([age[0]!, geo[0]!, sex[0]!]);
    for (const combo of combos) {
      const idx = combo.map((c) => c.verdict.index - 1);
      const seen = new Map<string, number>();
      let rows = 0;
      for (const r of this.sample) {
        const key = idx.map((i) => (r.fields[i] ?? '').trim().toLowerCase()).join('\u0001');
        seen.set(key, (seen.get(key) ?? 0) + 1);
        rows++;
      }
      let unique = 0;
      for (const c of seen.values()) if (c === 1) unique++;
      const names = combo.map((c) => `${c.verdict.quasiIdentifier} ("${c.name}")`).join(' + ');
      const pct = rows ? Math.round((unique / rows) * 1000) / 10 : 0;
      this.warnings.push({
        kind: 'quasi-identifiers',
        message: `quasi-identifier combination: ${names}; ${pct}% of ${rows} sampled rows are unique on it (full date of birth, postcode and sex together identify most people)`,
        columns: combo.map((c) => c.name),
      });
    }
  }

  private scanRow(fields: string[], row: number, line: number): void {
    const cols = this.cols;
    // a ragged row with more fields than the header: the extra cells are still scanned, as text
    while (fields.length > cols.length) cols.push(this.extraColumn(cols.length));
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      this.cell(cols[i]!, f, 0, f.length, row, line);
    }
  }

  /** The cell buf[s, e) of one row. */
  private cell(col: ColState, buf: string, s: number, e: number, row: number, line: number): void {
    if (s === e) return;
    switch (col.verdict.mode) {
      case 'numeric':
        // plain short numbers cannot be identifiers (ages in non-age columns are not flagged)
        if (e - s <= 8 && isPlainNumberAt(buf, s, e)) return;
        this.textCell(col, buf, s, e, row, line);
        break;
      case 'entity':
        this.entityCell(col, buf, s, e, row, line);
        break;
      case 'text':
        this.textCell(col, buf, s, e, row, line);
        break;
      default:
        break;
    }
  }

  private extraColumn(i: number): ColState {
    const name = `column_${i + 1}`;
    const verdict: ColumnVerdict = { index: i + 1, name, entity: null, reason: `${name}: beyond the header (ragged row); scanned as text`, validShare: 0, uniqueness: 0, sampled: 0, mode: 'text', findings: 0, quasiIdentifier: null };
    return { name, verdict, prior: null, kind: 0, entity: null, score: 0, emitted: 0, cache: new CellMemo(), truncated: false };
  }

  private entityCell(col: ColState, buf: string, s: number, e: number, row: number, line: number): void {
    const c0 = buf.charCodeAt(s);
    const cl = buf.charCodeAt(e - 1);
    // the trimmed value is the span [vs, ve) of buf; only a padded cell costs a string here
    let vs = s;
    let ve = e;
    if (c0 === 32 || c0 === 9 || cl === 32 || cl === 9 || cl === 13) {
      const raw = buf.slice(s, e);
      vs = s + raw.length - raw.trimStart().length;
      ve = vs + raw.trim().length;
    }
    const lead = vs - s;
    const n = ve - vs;
    if (n === 0 || (n <= 4 && isNaAt(buf, vs, ve))) return;
    // a placeholder deidentify wrote ("<PERSON>") is not an identifier, so a de-identified copy re-scans clean
    if (buf.charCodeAt(vs) === 60 && buf.charCodeAt(ve - 1) === 62 && RE_TAG.test(buf.slice(vs, ve))) return;
    const ent = col.entity!;
    const res = validateCellAt(ent, col.kind, buf, vs, ve);
    const ok = res !== null;
    let score = col.score;
    const validator = res;
    if (ok && ent === 'UK_NHS') {
      // validateCellAt returns one of the NHS_VALIDATOR strings for this entity
      if (res === NHS_VALIDATOR.test) score = Math.min(score, 0.5);
      else if (res === NHS_VALIDATOR.unissued) score -= 0.2;
    }
    if (this.o.core.known && knownMatch(this.o.core.known, buf.slice(vs, ve))) {
      this.push(col, { entity: 'KNOWN_IDENTIFIER', start: lead, end: lead + n, score: 1, evidence: '', detail: { rule: 'known-identifier', validator: 'hmac:match', context: ['entity:' + ent] } }, row, line);
      return;
    }
    if (ok) {
      if (score < this.o.minScore) return;
      if (this.o.maxFindingsPerColumn > 0 && col.emitted >= this.o.maxFindingsPerColumn) {
        col.verdict.findings++;
        this.markTruncated(col);
        return;
      }
      this.push(col, { entity: ent, start: lead, end: lead + n, score, evidence: '', detail: { rule: 'column:' + col.verdict.reason.split(';')[0], validator, context: ['+header:' + col.name] } }, row, line);
    } else this.textCell(col, buf, s, e, row, line);
  }

  private textCell(col: ColState, buf: string, s: number, e: number, row: number, line: number): void {
    // repeated values (codes, categories, stock phrases) are scanned once; the memo is bounded
    let hits = col.cache.get(buf, s, e);
    if (hits === undefined) {
      const raw = buf.slice(s, e);
      hits = scanCell(col.name, raw, this.o.core);
      if (raw.length <= CellMemo.MAX_KEY) col.cache.set(detach(raw), hits);
    }
    for (const h of hits) this.push(col, h, row, line);
  }

  /** Notes a column whose findings were capped (a flag first: this runs for every cell past the cap). */
  private markTruncated(col: ColState): void {
    if (col.truncated) return;
    col.truncated = true;
    this.truncated.add(col.name);
  }

  private push(col: ColState, h: CellHit, row: number, line: number): void {
    if (h.score < this.o.minScore) return;
    if (this.o.core.entities && !this.o.core.entities.has(h.entity)) return;
    col.verdict.findings++;
    if (this.o.maxFindingsPerColumn > 0 && col.emitted >= this.o.maxFindingsPerColumn) {
      this.markTruncated(col);
      return;
    }
    col.emitted++;
    this.findings.push({
      entity: h.entity,
      score: Math.round(h.score * 1000) / 1000,
      start: h.start,
      end: h.end,
      line,
      column: null,
      row,
      field: col.name,
      evidence: h.evidence || evidenceString(h.detail.rule, h.detail.validator, h.detail.context),
      detail: h.detail,
    });
  }

}

const RE_TAG = /^<[A-Z][A-Z_]*>$/;
const RE_NHS_CELL = /^(?:\d{10}|\d{3}([ -])\d{3}\1\d{4})$/;
const RE_HAS_ALNUM = /[A-Za-z0-9]/;
const RE_ALL_DIGITS = /^\d+$/;
export const TABLE_CELL_PATTERNS: readonly RegExp[] = [RE_NHS_CELL, RE_HAS_ALNUM, RE_ALL_DIGITS];

/** Validates a cell of an entity column; returns the validator evidence, or null when the cell does not pass. */
export function validateCell(e: Entity, kind: number, v: string): string | null {
  switch (e) {
    case 'PERSON':
    case 'STREET_ADDRESS':
    case 'LOCATION':
      return RE_HAS_ALNUM.test(v) && !RE_ALL_DIGITS.test(v) ? 'cell:text' : null;
    case 'MEDICAL_RECORD_NUMBER':
      return RE_HAS_ALNUM.test(v) ? 'cell:id' : null;
    case 'UK_NHS': {
      if (!RE_NHS_CELL.test(v)) return null;
      const d = v.length === 10 ? v : v.slice(0, 3) + v.slice(4, 7) + v.slice(8);
      return nhsChecksumValid(d) ? 'mod11:pass,range:' + nhsRange(d) : null;
    }
    case 'DATE_OF_BIRTH':
    case 'DATE_TIME':
      return isDate(v) ? 'calendar:valid' : null;
    case 'UK_POSTCODE':
      return parseUkPostcode(v) ? 'postcode:valid' : validOutwardCode(v) ? 'outward-code:valid' : null;
    default:
      return (cellKinds(v) & kind) !== 0 ? 'cell:valid' : null;
  }
}

/** validateCell on the (trimmed) span buf[s, e): the common entities are judged from the characters in place. */
export function validateCellAt(ent: Entity, kind: number, buf: string, s: number, e: number): string | null {
  switch (ent) {
    case 'PERSON':
    case 'STREET_ADDRESS':
    case 'LOCATION': {
      // RE_HAS_ALNUM && !RE_ALL_DIGITS in one pass
      let alnum = false;
      let nonDigit = false;
      for (let i = s; i < e && !(alnum && nonDigit); i++) {
        const c = buf.charCodeAt(i);
        if (c >= 48 && c <= 57) alnum = true;
        else {
          nonDigit = true;
          if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) alnum = true;
        }
      }
      return alnum && nonDigit ? 'cell:text' : null;
    }
    case 'MEDICAL_RECORD_NUMBER':
      for (let i = s; i < e; i++) {
        const c = buf.charCodeAt(i);
        if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return 'cell:id';
      }
      return null;
    case 'UK_NHS': {
      if (!nhsDigitsAt(buf, s, e)) return null;
      const d = NHS_DIGITS;
      return nhsChecksumValidDigits(d) ? NHS_VALIDATOR[nhsRangeDigits(d)] : null;
    }
    case 'DATE_OF_BIRTH':
    case 'DATE_TIME':
      return isDateAt(buf, s, e) ? 'calendar:valid' : null;
    default:
      return validateCell(ent, kind, buf.slice(s, e));
  }
}

const NHS_VALIDATOR: Record<NhsRange, string> = {
  'england-wales': 'mod11:pass,range:england-wales',
  'northern-ireland': 'mod11:pass,range:northern-ireland',
  'scotland-chi': 'mod11:pass,range:scotland-chi',
  test: 'mod11:pass,range:test',
  unissued: 'mod11:pass,range:unissued',
};

/** The digits of an NHS-shaped span (RE_NHS_CELL: ten digits, or 3-3-4 with one repeated space or hyphen), into NHS_DIGITS. */
const NHS_DIGITS = new Uint8Array(10);
function nhsDigitsAt(buf: string, s: number, e: number): boolean {
  const n = e - s;
  if (n !== 10 && n !== 12) return false;
  let k = 0;
  for (let i = s; i < e; i++) {
    const c = buf.charCodeAt(i);
    const at = i - s;
    if (n === 12 && (at === 3 || at === 7)) {
      if ((c !== 32 && c !== 45) || (at === 7 && c !== buf.charCodeAt(s + 3))) return false;
      continue;
    }
    if (c < 48 || c > 57) return false;
    NHS_DIGITS[k++] = c - 48;
  }
  return true;
}

function isDateAt(buf: string, s: number, e: number): boolean {
  // the fast path of isDate, in place; anything else goes through isDate itself
  if (e - s === 10) {
    const c4 = buf.charCodeAt(s + 4);
    const c2 = buf.charCodeAt(s + 2);
    if ((c4 === 45 || c4 === 47) && buf.charCodeAt(s + 7) === c4) {
      const y = num4(buf, s);
      const m = num2(buf, s + 5);
      const d = num2(buf, s + 8);
      if (y >= 0 && m >= 0 && d >= 0) return validYmd(y, m, d);
    } else if ((c2 === 47 || c2 === 45 || c2 === 46) && buf.charCodeAt(s + 5) === c2) {
      const a = num2(buf, s);
      const b = num2(buf, s + 3);
      const y = num4(buf, s + 6);
      if (y >= 0 && a >= 0 && b >= 0) return validYmd(y, b, a) || validYmd(y, a, b);
    }
  }
  return isDate(buf.slice(s, e));
}

/** /^(na|n\/a|null|none|nan|-|\.)$/i on buf[s, e) (ASCII only, as that pattern is without the u flag). */
function isNaAt(buf: string, s: number, e: number): boolean {
  const n = e - s;
  const c0 = buf.charCodeAt(s);
  if (n === 1) return c0 === 45 || c0 === 46;
  if (lowerAscii(c0) !== 110) return false;
  const c1 = lowerAscii(buf.charCodeAt(s + 1));
  if (n === 2) return c1 === 97;
  const c2 = lowerAscii(buf.charCodeAt(s + 2));
  if (n === 3) return (c1 === 47 && c2 === 97) || (c1 === 97 && c2 === 110);
  const c3 = lowerAscii(buf.charCodeAt(s + 3));
  return n === 4 && ((c1 === 117 && c2 === 108 && c3 === 108) || (c1 === 111 && c2 === 110 && c3 === 101));
}

const lowerAscii = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);

function isPlainNumberAt(buf: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = buf.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || c === 46 || c === 45 || c === 43 || c === 32 || c === 44 || c === 37 || c === 101 || c === 69)) return false;
  }
  return true;
}

/** Scans one cell as text, with the column name as context before it. */
export function scanCell(header: string, cell: string, core: CoreOptions): CellHit[] {
  const prefix = header.replace(/[_\-.]+/g, ' ') + ': ';
  const view = prefix + cell;
  const out: CellHit[] = [];
  for (const c of scanCore(view, prefix.length, view.length, core)) {
    out.push({ entity: c.entity, start: c.start - prefix.length, end: c.end - prefix.length, score: c.score, evidence: '', detail: { rule: c.rule, validator: c.validator, context: c.context } });
  }
  if (core.known && cell.length >= 3 && knownMatch(core.known, cell)) {
    out.push({ entity: 'KNOWN_IDENTIFIER', start: 0, end: cell.length, score: 1, evidence: '', detail: { rule: 'known-identifier', validator: 'hmac:match', context: [] } });
  }
  return out;
}

/** Column names as findings carry them: blanks named by position, repeats numbered. */
export function dedupeHeader(h: string[]): string[] {
  const seen = new Map<string, number>();
  return h.map((name, i) => {
    const base = name === '' ? `column_${i + 1}` : name;
    const c = seen.get(base) ?? 0;
    seen.set(base, c + 1);
    return c ? `${base}_${c + 1}` : base;
  });
}
