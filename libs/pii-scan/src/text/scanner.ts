/**
 * The text scanner: one combined pass over a window of text.
 *
 * Cheap prefilters find the few places worth a closer look (a digit, a capital letter, an "@", "://" or
 * "www."), then hand-written parsers and small anchored (sticky) patterns read the candidate, validators run
 * on candidates only, and context words adjust the score. There is no giant alternation: dictionaries are
 * looked up one token at a time in a hash map.
 */
import type { Entity, FindingDetail, KnownIdentifierSet } from '../types';
import {
  cardNetwork,
  expandYear,
  ibanValid,
  IBAN_LENGTHS,
  itinValid,
  luhnValid,
  nhsChecksumValid,
  nhsRange,
  type NhsRange,
  ninoValid,
  ssnValid,
  validYmd,
  verhoeffValid,
} from '../validators/checksums';
import { classifyPhone, ipv4Valid, ipv6Valid, parseUkPostcode, tldValid, US_STATE_ABBRS, type PhoneRegion } from '../validators/formats';
import {
  EPONYM_FOLLOWERS,
  F_COMMON,
  F_DIRECTION,
  F_EPONYM,
  F_FIRST,
  F_LAST,
  F_MONTH,
  F_ORG,
  F_PARTICLE,
  F_PLACE,
  F_PLACE_PREFIX,
  F_STATE,
  F_SUFFIX,
  F_TITLE,
  F_WEEKDAY,
  lexFlags,
  MAX_PLACE_WORDS,
  MONTHS,
  NAME_CUES_AFTER,
  NAME_CUES_BEFORE,
  PLACE_CUES_BEFORE,
  PLACE_PREFIXES,
  PLACE_SET,
  STATE_SET,
  STRONG_NAME_CUES,
} from '../lexicon/lexicon';
import { contextScore, windowAfter, windowBefore } from './context';
import { knownMatch } from '../known';

export interface Candidate extends FindingDetail {
  entity: Entity;
  start: number;
  end: number;
  score: number;
}

export interface CoreOptions {
  /** Entities to report; null means all. */
  entities: ReadonlySet<Entity> | null;
  known: KnownIdentifierSet | null;
  /** Candidates scoring below this are dropped early (0 keeps everything). */
  minScore: number;
}

// ---------------------------------------------------------------------------------------------------------
// Character classes

const isDigit = (c: number) => c >= 48 && c <= 57;
const isUpper = (c: number) => (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7);
const isLower = (c: number) => (c >= 97 && c <= 122) || (c >= 0xdf && c <= 0xff && c !== 0xf7) || (c >= 0x100 && c <= 0x24f);
const isLetter = (c: number) => isUpper(c) || isLower(c);
const isAlnum = (c: number) => isDigit(c) || isLetter(c);
const isAsciiUpper = (c: number) => c >= 65 && c <= 90;
const isHex = (c: number) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

// Sticky patterns, anchored at a candidate position; each is linear (checked by the ReDoS test).
const RE_TIME = /[T ]([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?(?![\d:])/y;
const RE_CLOCK = /([01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:[.,]\d{1,9})?)?(?:\s?[ap]\.?m\.?)?(?![\d:])/iy;
const RE_DAY_MONTH_YEAR = /(\d{1,2})(?:st|nd|rd|th)?(?:[ -]of)?[ -]([A-Za-z]{3,9})\.?(?:,? |-)(\d{4}|\d{2})(?![\d:])/y;
const RE_MONTH_DAY_YEAR = /([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})(?!\d)/y;
const RE_MONTH_YEAR = /([A-Za-z]{3,9})\.?,? (\d{4})(?!\d)/y;
const RE_AGE_AFTER = /[ -]?(?:years?|yrs?|yo|y\/o|y\.o\.)(?:[ -]old|[ -]of[ -]age)?(?![A-Za-z])/iy;
const RE_POSTCODE = /([A-Z]{1,2}[0-9][0-9A-Z]?) ?([0-9][A-Z]{2})(?![A-Za-z0-9])/y;
const RE_NINO = /[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![A-Za-z0-9])/y;
const RE_HEX_COLON = /[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![0-9A-Za-z:])/y;
const RE_MAC_DASH = /[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5}(?![0-9A-Za-z-])/y;
const RE_MAC_DOT = /[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}(?![0-9A-Za-z.])/y;
const RE_PHONE_EXT = / ?(?:x|ext\.?|extn\.?|extension) ?\d{1,5}(?!\d)/iy;
const RE_SECONDARY_UNIT = /,? (?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Flat|Room|#) ?#?\d{1,5}[A-Za-z]?(?![A-Za-z0-9])/y;
const RE_FLAT_PREFIX = /(?:Flat|Apartment|Apt\.?|Unit|Suite) \d{1,4}[A-Za-z]?, $/;
const RE_ID_TOKEN = /[A-Za-z0-9][A-Za-z0-9/-]{3,19}(?![A-Za-z0-9])/y;
/** Prefilters: each finds the next place a family of entities could start. */
const PF_DIGIT = /[0-9]/g;
const PF_CAPITAL = /[A-Z\u00C0-\u00DE]/g;

/** Every regular expression the scanner uses, for the ReDoS test. */
export const SCANNER_PATTERNS: readonly RegExp[] = [
  RE_TIME, RE_CLOCK, RE_DAY_MONTH_YEAR, RE_MONTH_DAY_YEAR, RE_MONTH_YEAR, RE_AGE_AFTER, RE_POSTCODE, RE_NINO, RE_HEX_COLON,
  RE_MAC_DASH, RE_MAC_DOT, RE_PHONE_EXT, RE_SECONDARY_UNIT, RE_FLAT_PREFIX, RE_ID_TOKEN, PF_DIGIT, PF_CAPITAL,
];

const clamp = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : Math.round(x * 1000) / 1000);

// ---------------------------------------------------------------------------------------------------------

interface Group {
  s: number;
  e: number;
  paren: boolean;
}

class Scan {
  readonly out: Candidate[] = [];
  constructor(
    readonly v: string,
    readonly from: number,
    readonly to: number,
    readonly opts: CoreOptions,
  ) {}

  wants(e: Entity): boolean {
    return this.opts.entities === null || this.opts.entities.has(e) || (this.opts.known !== null && e === 'KNOWN_IDENTIFIER');
  }

  emit(entity: Entity, start: number, end: number, score: number, rule: string, validator: string | null, context: readonly string[] = []): void {
    if (start < this.from || start >= this.to || end <= start) return;
    // Dropping what scores below the reporting threshold cannot change the result: such a candidate can only
    // ever beat other candidates that also score below it.
    if (score < this.opts.minScore) return;
    // each candidate gets its own array: contextScore shares one frozen empty result
    this.out.push({ entity, start, end, score: clamp(score), rule, validator, context: context.length === 0 ? [] : context.slice() });
  }

  // The last few windows: one candidate asks for the same window several times in a row (once per entity it
  // could be), and a map of every window of a 1 MiB buffer cost more in hashing and garbage than it saved.
  private readonly cachePos = [-1, -1, -1, -1];
  private readonly cacheWin = ['', '', '', ''];
  private cacheNext = 0;
  before(pos: number): string {
    const cp = this.cachePos;
    for (let k = 0; k < 4; k++) if (cp[k] === pos) return this.cacheWin[k]!;
    const w = windowBefore(this.v, pos);
    const k = this.cacheNext;
    cp[k] = pos;
    this.cacheWin[k] = w;
    this.cacheNext = (k + 1) & 3;
    return w;
  }
  after(pos: number): string {
    return windowAfter(this.v, pos);
  }
  /** Emits with context applied. */
  emitCtx(entity: Entity, start: number, end: number, base: number, rule: string, validator: string | null, ctxEntity: Entity = entity): number {
    const hit = contextScore(ctxEntity, this.before(start), this.after(end));
    const score = base + hit.delta;
    this.emit(entity, start, end, score, rule, validator, hit.words);
    return score;
  }
}

export function scanCore(view: string, from: number, to: number, opts: CoreOptions): Candidate[] {
  const s = new Scan(view, from, to, opts);
  digitPass(s);
  capitalPass(s);
  emailPass(s);
  urlPass(s);
  if (opts.known) knownPass(s);
  return resolve(s.out);
}

// ---------------------------------------------------------------------------------------------------------
// Overlap resolution: the best-scoring candidate wins; ties go to the longer span.

export function resolve(cands: Candidate[]): Candidate[] {
  if (cands.length <= 1) return cands;
  const byStart = cands.slice().sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Candidate[] = [];
  // sweep clusters of overlapping candidates; resolve each cluster greedily by score
  let i = 0;
  while (i < byStart.length) {
    let j = i + 1;
    let maxEnd = byStart[i]!.end;
    while (j < byStart.length && byStart[j]!.start < maxEnd) {
      if (byStart[j]!.end > maxEnd) maxEnd = byStart[j]!.end;
      j++;
    }
    if (j === i + 1) out.push(byStart[i]!);
    else {
      const order = byStart.slice(i, j).sort((a, b) => b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start);
      const kept: Candidate[] = [];
      for (const c of order) {
        let clash = false;
        for (const k of kept) {
          if (c.start < k.end && k.start < c.end) {
            clash = true;
            break;
          }
        }
        if (!clash) kept.push(c);
      }
      kept.sort((a, b) => a.start - b.start);
      for (const k of kept) out.push(k);
    }
    i = j;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Digits: numbers, dates, phone numbers, national identifiers, postcodes, addresses, network addresses.

function digitPass(s: Scan): void {
  const v = s.v;
  const re = PF_DIGIT;
  let pos = s.from;
  while (pos < s.to) {
    re.lastIndex = pos;
    if (!re.test(v)) break;
    const p = re.lastIndex - 1;
    if (p >= s.to) break;
    let ts = p;
    while (ts > 0 && isAlnum(v.charCodeAt(ts - 1)) && p - ts < 12) ts--;
    if (ts > 0 && isAlnum(v.charCodeAt(ts - 1))) {
      pos = tokenEnd(v, p);
      continue;
    }
    const next = digitToken(s, ts, p);
    pos = next > p ? next : p + 1;
  }
}

function tokenEnd(v: string, i: number): number {
  while (i < v.length && isAlnum(v.charCodeAt(i))) i++;
  return i;
}

/** Handles the token starting at ts whose first digit is at p; returns where to continue. */
function digitToken(s: Scan, ts: number, p: number): number {
  const v = s.v;
  const te = tokenEnd(v, ts);
  const before = s.out.length;
  let furthest = te;
  if (ts === p) {
    furthest = Math.max(furthest, numericToken(s, ts));
  } else {
    furthest = Math.max(furthest, alnumToken(s, ts, te));
  }
  // Hex forms (IPv6, MAC) can start with a digit or a letter: back up over "ab:cd:" / "ab-cd-" groups.
  let hs = ts;
  while (hs >= 3 && (v.charCodeAt(hs - 1) === 58 || v.charCodeAt(hs - 1) === 45) && isHex(v.charCodeAt(hs - 2)) && ts - hs < 40) {
    let k = hs - 2;
    while (k > 0 && isHex(v.charCodeAt(k - 1)) && hs - 1 - k < 4) k--;
    if (k > 0 && isAlnum(v.charCodeAt(k - 1))) break;
    hs = k;
  }
  if (hs < ts && hs >= s.from) {
    const e = hexForms(s, hs);
    if (e > hs) return e;
  }
  if (isHex(v.charCodeAt(ts))) furthest = Math.max(furthest, hexForms(s, ts));
  if (s.out.length === before) return te;
  let best = te;
  for (let i = before; i < s.out.length; i++) if (s.out[i]!.score >= 0.3 && s.out[i]!.end > best) best = s.out[i]!.end;
  return Math.min(best, furthest);
}

/**
 * Scratch for readGroups, reused by every call: it runs for every structured number, and its small objects
 * and arrays were a large share of the garbage. The arrays are never truncated, so only the first `n`
 * groups and the separators between them are this call's; stale entries beyond them are never read.
 * Safe because its only caller (numericToken) never re-enters itself while it holds the result.
 */
const RG: { groups: Group[]; seps: string[]; n: number; plus: boolean } = { groups: [], seps: [], n: 0, plus: false };

function setGroup(k: number, gs: number, ge: number, paren: boolean): void {
  const g = (RG.groups[k] ??= { s: 0, e: 0, paren: false });
  g.s = gs;
  g.e = ge;
  g.paren = paren;
}

function readGroups(v: string, start: number): typeof RG {
  const groups = RG.groups;
  const seps = RG.seps;
  let n = 0;
  let m = 0;
  let i = start;
  let plus = false;
  if (v.charCodeAt(i) === 43) {
    plus = true;
    i++;
  }
  for (;;) {
    let paren = false;
    let gs = i;
    if (v.charCodeAt(i) === 40 && isDigit(v.charCodeAt(i + 1))) {
      paren = true;
      i++;
      gs = i;
    }
    while (isDigit(v.charCodeAt(i))) i++;
    if (i === gs) break;
    if (paren) {
      if (v.charCodeAt(i) !== 41) {
        i = gs - 1;
        break;
      }
      setGroup(n++, gs, i, true);
      i++;
    } else setGroup(n++, gs, i, false);
    if (n >= 8 || i - start > 40) break;
    const c = v.charCodeAt(i);
    const c1 = v.charCodeAt(i + 1);
    if ((c === 32 || c === 45 || c === 46 || c === 47 || c === 58) && isDigit(c1)) {
      seps[m++] = v[i]!;
      i++;
    } else if (c === 32 && c1 === 40 && isDigit(v.charCodeAt(i + 2))) {
      seps[m++] = ' ';
      i++;
    } else if ((groups[n - 1]!.paren || c === 40) && isDigit(c) === false && c === 40 && isDigit(c1)) {
      seps[m++] = '';
    } else if (groups[n - 1]!.paren && isDigit(c)) {
      seps[m++] = '';
    } else break;
  }
  RG.n = n;
  RG.plus = plus;
  return RG;
}

const digitsOf = (v: string, gs: Group[], k: number) => {
  let d = '';
  for (let i = 0; i < k; i++) d += v.slice(gs[i]!.s, gs[i]!.e);
  return d;
};
const groupEnd = (g: Group) => (g.paren ? g.e + 1 : g.e);
const lens = (gs: Group[], k: number) => gs.slice(0, k).map((g) => g.e - g.s);
const sameSeps = (seps: string[], k: number, allowed: string) => {
  if (k <= 1) return true;
  const f = seps[0]!;
  if (!allowed.includes(f) || f === '') return false;
  for (let i = 1; i < k - 1; i++) if (seps[i] !== f) return false;
  return true;
};

function numericToken(s: Scan, ts: number): number {
  const v = s.v;
  // Fast path: a lone number of up to four digits ("52 mmol/mol", "in 2019") can only be an age, the day of a
  // "12 March 2021" date or a house number; skip the general grouping machinery.
  {
    let i = ts;
    while (isDigit(v.charCodeAt(i))) i++;
    const n = i - ts;
    const c = v.charCodeAt(i);
    const pc = v.charCodeAt(ts - 1);
    if (n <= 4 && pc !== 43 && pc !== 40 && !((c === 32 || c === 45 || c === 46 || c === 47 || c === 58 || c === 41) && isDigit(v.charCodeAt(i + 1))) && c !== 41) {
      let furthest = i;
      if (n <= 2 && (c === 32 || c === 45 || isLetter(c)) && (c > 45 || mayStartDayMonth(v, i + 1))) {
        RE_DAY_MONTH_YEAR.lastIndex = ts;
        const m = RE_DAY_MONTH_YEAR.exec(v);
        if (m) {
          const mon = MONTHS.get(m[2]!.toLowerCase());
          const y = m[3]!.length === 4 ? +m[3]! : expandYear(+m[3]!);
          if (mon !== undefined && validYmd(y, mon, +m[1]!)) {
            dateCandidate(s, ts, ts + m[0].length, 'date-d-month-y', 0.7, false);
            return ts + m[0].length;
          }
        }
      }
      if (n >= 2 && n <= 3 && s.wants('AGE')) {
        let x = 0; // the value of the two or three digits, without a string
        for (let k = ts; k < i; k++) x = x * 10 + v.charCodeAt(k) - 48;
        if (x >= 90 && x <= 125) ageCandidate(s, ts, i, x);
      }
      if (s.wants('STREET_ADDRESS') && (c === 32 || (isLetter(c) && v.charCodeAt(i + 1) === 32))) {
        const e = streetAddress(s, ts, i);
        if (e > furthest) furthest = e;
      }
      return furthest;
    }
  }
  {
    // "1.73m2", "2.5, ": a one-digit whole part, a point and at most three decimals, not followed by a further
    // group. With two groups and under five digits, none of the paths below can match (dates and IPv4 need
    // more groups, structured numbers five digits, ages two or three before the point, a street a space
    // after the house number); skipping them saves their allocations on a very common token.
    let i = ts;
    while (isDigit(v.charCodeAt(i))) i++;
    const pc = v.charCodeAt(ts - 1);
    if (i - ts === 1 && v.charCodeAt(i) === 46 && pc !== 43 && pc !== 40) {
      let j = i + 1;
      while (isDigit(v.charCodeAt(j))) j++;
      const c2 = v.charCodeAt(j);
      if (j - i - 1 >= 1 && j - i - 1 <= 3 && c2 !== 32 && c2 !== 45 && c2 !== 46 && c2 !== 47 && c2 !== 58 && c2 !== 40) return i;
    }
  }
  let start = ts;
  const prev = v.charCodeAt(ts - 1);
  if (prev === 43 /* + */) start = ts - 1;
  else if (prev === 40 /* ( */ && /^\d{2,5}\)/.test(v.slice(ts, ts + 6))) start = ts - 1;
  const { groups, seps, n: G, plus } = readGroups(v, start);
  if (G === 0) return ts + 1;
  // spaced NINO whose letters precede this token: "AB 12 34 56 C"
  if (ts >= 3 && v.charCodeAt(ts - 1) === 32 && isAsciiUpper(v.charCodeAt(ts - 2)) && isAsciiUpper(v.charCodeAt(ts - 3)) && !isAlnum(v.charCodeAt(ts - 4)) && s.wants('UK_NINO')) {
    RE_NINO.lastIndex = ts - 3;
    const m = RE_NINO.exec(v);
    if (m) {
      ninoCandidate(s, ts - 3, m[0]);
      if (s.out.length && s.out[s.out.length - 1]!.start === ts - 3) return ts - 3 + m[0].length;
    }
  }
  const g0 = groups[0]!;
  const afterG0 = groupEnd(g0);
  const L = lens(groups, G);
  let furthest = afterG0;
  const tail = v.charCodeAt(afterG0);

  // --- dates (numeric) and clock times
  if (G >= 3 && !plus && !g0.paren) {
    const sp = seps[0]!;
    if ((sp === '/' || sp === '-' || sp === '.') && seps[1] === sp) {
      const a = +v.slice(groups[0]!.s, groups[0]!.e);
      const b = +v.slice(groups[1]!.s, groups[1]!.e);
      const c = +v.slice(groups[2]!.s, groups[2]!.e);
      let ok = false;
      let rule = '';
      if (L[0] === 4 && L[1]! <= 2 && L[2]! <= 2) {
        ok = validYmd(a, b, c);
        rule = 'date-ymd';
      } else if (L[0]! <= 2 && L[1]! <= 2 && (L[2] === 4 || L[2] === 2)) {
        const y = L[2] === 4 ? c : expandYear(c);
        ok = validYmd(y, b, a) || validYmd(y, a, b);
        rule = L[2] === 4 ? 'date-dmy' : 'date-dmy-2digit-year';
        if (sp === '.' && L[2] === 2) ok = false;
      }
      if (ok && !(G > 3 && seps[2] === sp)) {
        let end = groups[2]!.e;
        RE_TIME.lastIndex = end;
        const tm = RE_TIME.exec(v);
        let timeRule = '';
        if (tm) {
          end += tm[0].length;
          timeRule = tm[3] !== undefined ? '+time-seconds' : '+time';
        }
        dateCandidate(s, start, end, rule + timeRule, L[2] === 2 ? 0.5 : 0.6, tm !== null && tm[3] !== undefined);
        return end;
      }
    }
  }
  if (G >= 2 && seps[0] === ':' && !plus) {
    // a clock time (not an identifier); consumed so it is not read as anything else
    RE_CLOCK.lastIndex = start;
    const m = RE_CLOCK.exec(v);
    if (m) return start + m[0].length;
  }

  // --- day month-name year
  if (L[0]! <= 2 && G === 1 && !plus) {
    RE_DAY_MONTH_YEAR.lastIndex = start;
    const m = RE_DAY_MONTH_YEAR.exec(v);
    if (m) {
      const mon = MONTHS.get(m[2]!.toLowerCase());
      const y = m[3]!.length === 4 ? +m[3]! : expandYear(+m[3]!);
      if (mon !== undefined && validYmd(y, mon, +m[1]!)) {
        dateCandidate(s, start, start + m[0].length, 'date-d-month-y', 0.7, false);
        return start + m[0].length;
      }
    }
  }

  // --- IPv4
  if (G >= 4 && !plus && sameSeps(seps, 4, '.') && L.slice(0, 4).every((x) => x <= 3)) {
    const end = groups[3]!.e;
    if (ipv4Valid(v.slice(start, end)) && !(G > 4 && seps[3] === '.')) {
      if (s.wants('IP_ADDRESS')) s.emitCtx('IP_ADDRESS', start, end, 0.6, 'ipv4', 'octets:valid');
      return end;
    }
  }

  // --- age over 89
  if (G >= 1 && !plus && L[0]! >= 2 && L[0]! <= 3 && s.wants('AGE')) {
    const n = +v.slice(g0.s, g0.e);
    if (n >= 90 && n <= 125) ageCandidate(s, g0.s, g0.e, n);
  }

  // --- street address: house number then capitalised words ending in a street suffix
  if (L[0]! <= 5 && !plus && s.wants('STREET_ADDRESS')) {
    const e = streetAddress(s, start, afterG0);
    if (e > furthest) furthest = e;
  }

  // --- structured numbers: try the longest digit grouping first. The shape tests below read the group
  // lengths (L) and separators (seps) in place: this path runs for every phone and NHS number, and slicing
  // and joining small arrays per grouping was a good part of its cost.
  for (let k = G; k >= 1; k--) {
    let dl = 0;
    for (let i = 0; i < k; i++) dl += L[i]!;
    if (dl < 5 || dl > 19) continue;
    const d = digitsOf(v, groups, k);
    const sep0 = k > 1 ? seps[0]! : '';
    let uniform = true;
    let phoneSeps = true;
    for (let i = 0; i < k - 1; i++) {
      const x = seps[i]!;
      if (x !== sep0) uniform = false;
      if (x !== ' ' && x !== '-' && x !== '.' && x !== '') phoneSeps = false;
    }
    const plain = k === 1;
    const end = groupEnd(groups[k - 1]!);
    const is334 = k === 3 && L[0] === 3 && L[1] === 3 && L[2] === 4;
    // Text immediately after must not continue the number (e.g. "12345678/9").
    const nextC = v.charCodeAt(end);
    if (isAlnum(nextC)) continue;
    if (k < G && seps[k - 1] !== ' ') continue; // the number goes on ("2017-089207-52")
    const tooLong = isDigit(v.charCodeAt(end + 1)) && (nextC === 46 || nextC === 45 || nextC === 47);
    // UK NHS number: 3-3-4 or 10 digits, mod-11 and issued ranges
    if (d.length === 10 && !plus && (plain || (uniform && (sep0 === ' ' || sep0 === '-') && is334)) && s.wants('UK_NHS') && !tooLong) {
      if (nhsChecksumValid(d)) {
        const range = nhsRange(d);
        let base = plain ? 0.35 : 0.7;
        if (range === 'unissued') base -= 0.2;
        const hit = contextScore('UK_NHS', s.before(start), s.after(end));
        let delta = hit.delta;
        let words = hit.words;
        if (delta <= 0) {
          const hdr = headerAbove(v, start, end);
          if (hdr && /nhs|chi/.test(hdr)) {
            delta += 0.45;
            words = [...words, '+column:' + hdr.trim()];
          } else if (v.slice(Math.max(0, start - 300), start).toLowerCase().includes('nhs')) {
            delta += 0.25;
            words = [...words, '+nhs(within 300)'];
          }
        }
        let score = base + delta;
        if (range === 'test') score = Math.min(score - 0.1, 0.6);
        s.emit('UK_NHS', start, end, score, plain ? 'nhs-10-digits' : 'nhs-3-3-4', NHS_VALIDATOR[range], words);
      }
    }
    // US SSN / ITIN: 3-2-4
    if (d.length === 9 && !plus && (plain || (uniform && (sep0 === '-' || sep0 === ' ' || sep0 === '.' || sep0 === '') && k === 3 && L[0] === 3 && L[1] === 2 && L[2] === 4)) && !tooLong) {
      if (itinValid(d) && s.wants('US_ITIN')) s.emitCtx('US_ITIN', start, end, plain ? 0.05 : 0.5, plain ? 'itin-9-digits' : 'itin-3-2-4', 'itin-groups:valid');
      else if (ssnValid(d) && s.wants('US_SSN')) s.emitCtx('US_SSN', start, end, plain ? 0.05 : sep0 === '-' ? 0.6 : 0.45, plain ? 'ssn-9-digits' : 'ssn-3-2-4', 'ssn-rules:valid');
    }
    // Payment cards: Luhn and issuer prefix
    if (d.length >= 13 && d.length <= 19 && !plus && (plain || (uniform && (sep0 === ' ' || sep0 === '-') && cardGrouping(L, k))) && s.wants('CREDIT_CARD')) {
      if (luhnValid(d)) {
        const net = cardNetwork(d);
        const base = net ? (plain ? 0.7 : 0.85) : 0.25;
        s.emitCtx('CREDIT_CARD', start, end, base, plain ? 'card-digits' : 'card-grouped', `luhn:pass,iin:${net ?? 'unknown'}`);
      }
    }
    // Phone numbers
    if (d.length >= 9 && d.length <= 15 && s.wants('PHONE_NUMBER')) {
      const phoneOk = phoneSeps && (sep0 !== '.' || uniform);
      let gOk = true;
      for (let i = 0; i < k && gOk; i++) {
        const x = L[i]!;
        gOk = x >= 2 || (i === 0 && (plus || groups[0]!.paren)) || (groups[i]!.paren && x === 1);
      }
      if (phoneOk && gOk) {
        const info = classifyPhone(d, plus);
        if (info) {
          let base: number;
          if (plus) base = 0.75;
          else if (groups[0]!.paren || (G > 1 && groups[1]!.paren)) base = 0.7;
          else if (!plain) base = 0.6;
          else base = info.region === 'GB' && d.startsWith('07') ? 0.45 : 0.3;
          // Three-three-four without a "(": also an NHS shape; leave it to context.
          if (!plain && is334 && !groups[0]!.paren && info.region === 'US' && sep0 === ' ') base -= 0.1;
          let pend = end;
          RE_PHONE_EXT.lastIndex = end;
          const ext = RE_PHONE_EXT.exec(v);
          if (ext) pend = end + ext[0].length;
          s.emitCtx('PHONE_NUMBER', start, pend, base, phoneRule(info.region, plain), PHONE_VALIDATOR[info.region]);
        }
      }
    }
    // US ZIP and ZIP+4
    if (!plus && ((plain && d.length === 5) || (k === 2 && L[0] === 5 && L[1] === 4 && sep0 === '-')) && s.wants('ZIP_CODE')) zipCandidate(s, start, end, k === 2);
    // Bare identifiers that only context can type
    if (plain && !plus) contextOnlyIds(s, start, end, d);
  }
  // Numeric-first alphanumeric tails ("221B", "1AA") are handled by street/postcode paths.
  void tail;
  return furthest;
}

/**
 * After "12 " or "12-": whether RE_DAY_MONTH_YEAR can match here. Its month group is a whole run of ASCII
 * letters, so the word at i must be "of" or have 3 to 9 letters and start with the first three letters of a
 * month (every month name and abbreviation does). Spares the regex call after most numbers ("52 mmol/mol",
 * "10 cigarettes"); a pass only means "try it".
 */
const MONTH_PREFIXES: ReadonlySet<string> = new Set(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']);
function mayStartDayMonth(v: string, i: number): boolean {
  let j = i;
  for (;;) {
    const c = v.charCodeAt(j);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) j++;
    else break;
  }
  const n = j - i;
  if (n === 2) return (v.charCodeAt(i) | 32) === 111 && (v.charCodeAt(i + 1) | 32) === 102;
  return n >= 3 && n <= 9 && MONTH_PREFIXES.has(v.slice(i, i + 3).toLowerCase());
}

/** Card groupings of the first k groups: 4-6-5, 4-6-4 (Amex, Diners) or fours with a last group of 1-4. */
function cardGrouping(L: readonly number[], k: number): boolean {
  if (k === 3 && L[0] === 4 && L[1] === 6 && (L[2] === 5 || L[2] === 4)) return true;
  for (let i = 0; i < k - 1; i++) if (L[i] !== 4) return false;
  const last = L[k - 1]!;
  return k >= 4 && last >= 1 && last <= 4;
}

const NHS_VALIDATOR: Readonly<Record<NhsRange, string>> = {
  test: 'mod11:pass,range:test',
  'england-wales': 'mod11:pass,range:england-wales',
  'northern-ireland': 'mod11:pass,range:northern-ireland',
  'scotland-chi': 'mod11:pass,range:scotland-chi',
  unissued: 'mod11:pass,range:unissued',
};
const PHONE_VALIDATOR: Readonly<Record<PhoneRegion, string>> = { GB: 'phone:GB', US: 'phone:US', INTL: 'phone:INTL' };
function phoneRule(region: PhoneRegion, plain: boolean): string {
  if (region === 'GB') return plain ? 'phone-gb-digits' : 'phone-gb-grouped';
  if (region === 'US') return plain ? 'phone-us-digits' : 'phone-us-grouped';
  return plain ? 'phone-intl-digits' : 'phone-intl-grouped';
}

function dateCandidate(s: Scan, start: number, end: number, rule: string, base: number, machine: boolean): void {
  const before = s.before(start);
  const dob = contextScore('DATE_OF_BIRTH', before, '');
  if (dob.delta > 0 && nearDobCue(before)) {
    if (s.wants('DATE_OF_BIRTH')) s.emit('DATE_OF_BIRTH', start, end, Math.max(base, 0.6) + dob.delta, rule, 'calendar:valid', dob.words);
    return;
  }
  const hdr = headerAbove(s.v, start, end);
  if (hdr && / (dob|birth|birthdate|date of birth|born) /.test(hdr)) {
    if (s.wants('DATE_OF_BIRTH')) s.emit('DATE_OF_BIRTH', start, end, 0.85, rule, 'calendar:valid', ['+column:' + hdr.trim()]);
    return;
  }
  if (!s.wants('DATE_TIME')) return;
  const hit = contextScore('DATE_TIME', before, s.after(end));
  const score = machine ? 0.25 + Math.min(hit.delta, 0) : base + hit.delta;
  s.emit('DATE_TIME', start, end, score, machine ? rule + ',machine-timestamp' : rule, 'calendar:valid', hit.words);
}

/** A DOB cue counts only when it is among the last few words (not a date further along the sentence). */
function nearDobCue(before: string): boolean {
  const words = before.trim().split(' ');
  const tail = ' ' + words.slice(-4).join(' ') + ' ';
  return /ence /.test('') || / (dob|d o b|birth|born|birthdate|birthday|b)( on| date| is)? $/.test(tail) || / (date of birth|birth date|dob)( [a-z]+)?( [a-z]+)? $/.test(tail);
}

/**
 * Printed tables (pandas and R output, fixed-width text): the header word above the candidate's column.
 * Walks up over lines of the same block to the first line without digits and returns the words in it that
 * overlap the candidate's character columns (normalised), or null.
 */
export function headerAbove(v: string, start: number, end: number): string | null {
  const ls = v.lastIndexOf('\n', start - 1) + 1;
  const c0 = start - ls;
  const c1 = end - ls;
  // only for lines that look tabular: two or more runs of 2+ spaces
  const le = v.indexOf('\n', end);
  const line = v.slice(ls, le === -1 ? v.length : le);
  // the pattern needs a double space: most lines have none, and indexOf says so faster than the regex
  if (line.indexOf('  ') === -1 || !/ {2}\S.* {2}\S/.test(line)) return null;
  let cur = ls;
  for (let k = 0; k < 40 && cur > 0; k++) {
    const ps = v.lastIndexOf('\n', cur - 2) + 1;
    const prev = v.slice(ps, cur - 1);
    if (prev.trim() === '' || prev.length < c0) return null;
    if (!/[0-9]/.test(prev.replace(/^\s*"?/, '')) && / {2}/.test(prev.trim())) {
      let a = Math.max(0, c0 - 3);
      let b = Math.min(prev.length, c1 + 3);
      while (a > 0 && prev[a - 1] !== ' ') a--;
      while (b < prev.length && prev[b] !== ' ') b++;
      const seg = prev.slice(a, b).toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
      return seg ? ' ' + seg + ' ' : null;
    }
    cur = ps;
  }
  return null;
}

function ageCandidate(s: Scan, ns: number, ne: number, _n: number): void {
  const v = s.v;
  RE_AGE_AFTER.lastIndex = ne;
  const after = RE_AGE_AFTER.exec(v);
  if (after) {
    s.emit('AGE', ns, ne, 0.9, 'age-years-old', 'age:>89', ['+' + after[0].trim().toLowerCase()]);
    return;
  }
  if (isLetter(v.charCodeAt(ne))) return;
  // "aged 90 or over", "90+": an aggregate band, not one person's age
  if (v.charCodeAt(ne) === 43 || /^ *(?:or|and) (?:over|older|above|more)/.test(v.slice(ne, ne + 16))) return;
  const before = s.before(ns);
  const m = / (aged|age|ages|age at [a-z]+|aged about|aged approximately|is|was) $/.exec(before);
  if (m && m[1] !== 'is' && m[1] !== 'was') s.emit('AGE', ns, ne, 0.85, 'age-cue', 'age:>89', ['+' + m[1]]);
  else if (m && / (age|aged) (is|was) $/.test(before)) s.emit('AGE', ns, ne, 0.85, 'age-cue', 'age:>89', ['+age']);
}

function zipCandidate(s: Scan, start: number, end: number, plus4: boolean): void {
  const v = s.v;
  // "IL 62704" or "Illinois 62704" or ", IL, 62704"
  let i = start - 1;
  while (i >= 0 && (v[i] === ' ' || v[i] === ',')) i--;
  let j = i;
  while (j >= 0 && isLetter(v.charCodeAt(j))) j--;
  const word = v.slice(j + 1, i + 1);
  let base = plus4 ? 0.35 : 0.05;
  const words: string[] = [];
  if (word.length === 2 && US_STATE_ABBRS.has(word)) {
    base += 0.65;
    words.push('+state:' + word);
  } else if (word.length > 3 && (lexFlags(word.toLowerCase()) & F_STATE) !== 0) {
    const w2 = stateNameEnding(v, j + 1, i + 1);
    if (w2) {
      base += 0.6;
      words.push('+state:' + w2);
    }
  }
  const hit = contextScore('ZIP_CODE', s.before(start), '');
  s.emit('ZIP_CODE', start, end, base + hit.delta, plus4 ? 'zip+4' : 'zip5', null, [...words, ...hit.words]);
}

function stateNameEnding(v: string, ws: number, we: number): string | null {
  const one = v.slice(ws, we).toLowerCase();
  if (STATE_SET.has(one)) return one;
  // two-word state names: "New York", "North Carolina"
  let k = ws - 2;
  while (k >= 0 && isLetter(v.charCodeAt(k))) k--;
  const two = v.slice(k + 1, we).toLowerCase();
  return STATE_SET.has(two) ? two : null;
}

function contextOnlyIds(s: Scan, start: number, end: number, d: string): void {
  const n = d.length;
  if (n < 6 || n > 17) return;
  const before = s.before(start);
  if (n >= 6 && n <= 12 && s.wants('MEDICAL_RECORD_NUMBER')) {
    const h = contextScore('MEDICAL_RECORD_NUMBER', before, '');
    if (h.delta > 0) s.emit('MEDICAL_RECORD_NUMBER', start, end, 0.1 + h.delta, 'id-after-mrn-cue', null, h.words);
  }
  if (n === 9 && s.wants('US_PASSPORT')) {
    const h = contextScore('US_PASSPORT', before, '');
    if (h.delta > 0) s.emit('US_PASSPORT', start, end, 0.1 + h.delta, 'passport-9-digits', null, h.words);
  }
  if (n >= 7 && n <= 14 && s.wants('US_DRIVER_LICENSE')) {
    const h = contextScore('US_DRIVER_LICENSE', before, '');
    if (h.delta > 0) s.emit('US_DRIVER_LICENSE', start, end, 0.1 + h.delta, 'dl-digits', null, h.words);
  }
  if (n >= 8 && n <= 17 && s.wants('US_BANK_NUMBER')) {
    const h = contextScore('US_BANK_NUMBER', before, '');
    if (h.delta > 0) s.emit('US_BANK_NUMBER', start, end, 0.1 + h.delta, 'bank-account-digits', null, h.words);
  }
  if (n >= 6 && verhoeffValid(d) && / (snomed|sctid|concept|snomed ct) /.test(before)) {
    // A SNOMED CT identifier: known not to be personal. Nothing to emit; other candidates carry the penalty.
  }
}

/** "12 High Street", "221B Baker Street", "1600 Pennsylvania Avenue NW", "4 St. Mary's Road, Apt 5" */
function streetAddress(s: Scan, start: number, numEnd: number): number {
  const v = s.v;
  let i = numEnd;
  // optional single letter after the number (221B, 12a)
  if (isLetter(v.charCodeAt(i)) && !isLetter(v.charCodeAt(i + 1))) i++;
  if (v.charCodeAt(i) !== 32) return start;
  i++;
  let words = 0;
  let lastSuffixEnd = -1;
  let suffixIsAbbrev = false;
  let sawName = false;
  while (words < 6) {
    const ws = i;
    const c = v.charCodeAt(i);
    if (isUpper(c)) {
      i++;
      while (i < v.length) {
        const ch = v.charCodeAt(i);
        if (isLetter(ch)) i++;
        else if ((ch === 39 || ch === 0x2019 || ch === 45) && isLetter(v.charCodeAt(i + 1))) i += 2;
        else break;
      }
    } else if (isDigit(c)) {
      // numbered streets: "5th Avenue", "42nd Street"
      while (isDigit(v.charCodeAt(i))) i++;
      const suf = v.slice(i, i + 2).toLowerCase();
      if (suf === 'st' || suf === 'nd' || suf === 'rd' || suf === 'th') i += 2;
      else return start;
    } else break;
    const w = v.slice(ws, i);
    const f = lexFlags(w.toLowerCase());
    words++;
    if ((f & F_SUFFIX) !== 0 && (sawName || words > 1)) {
      lastSuffixEnd = i;
      suffixIsAbbrev = w.length <= 4;
      if (v.charCodeAt(i) === 46 /* . */ && suffixIsAbbrev) lastSuffixEnd = i + 1;
    } else if (words === 1 && (f & F_DIRECTION) !== 0 && w.length <= 2) {
      // "865 E Oak Street": a leading direction
    } else sawName = true;
    if (v.charCodeAt(i) === 46 && (f & F_SUFFIX) === 0 && w.length <= 3) i++; // "St. Mary's"
    if (v.charCodeAt(i) !== 32 || !(isUpper(v.charCodeAt(i + 1)) || isDigit(v.charCodeAt(i + 1)))) break;
    if (lastSuffixEnd === i && !isDirectionAt(v, i + 1)) {
      // a suffix followed by another capitalised word: keep reading only if the next word is also a suffix ("Park Road")
      const nw = readWord(v, i + 1);
      if ((lexFlags(nw.toLowerCase()) & F_SUFFIX) === 0) break;
    }
    i++;
  }
  if (lastSuffixEnd < 0) return start;
  let end = lastSuffixEnd;
  // trailing direction (NW, SE)
  if (v.charCodeAt(end) === 32) {
    const nw = readWord(v, end + 1);
    if (nw.length <= 2 && nw.length > 0 && (lexFlags(nw.toLowerCase()) & F_DIRECTION) !== 0 && nw === nw.toUpperCase() && !isLetter(v.charCodeAt(end + 1 + nw.length))) end += 1 + nw.length;
  }
  RE_SECONDARY_UNIT.lastIndex = end;
  const sec = RE_SECONDARY_UNIT.exec(v);
  if (sec) end += sec[0].length;
  let st = start;
  const pre = v.slice(Math.max(0, start - 20), start);
  const fm = RE_FLAT_PREFIX.exec(pre);
  if (fm) st = start - fm[0].length;
  const hit = contextScore('STREET_ADDRESS', s.before(st), '');
  s.emit('STREET_ADDRESS', st, end, (suffixIsAbbrev ? 0.75 : 0.85) + hit.delta, 'house-number+street-suffix', null, hit.words);
  townAfterAddress(s, end);
  return end;
}

function isDirectionAt(v: string, i: number): boolean {
  const w = readWord(v, i);
  return w.length <= 2 && w.length > 0 && (lexFlags(w.toLowerCase()) & F_DIRECTION) !== 0;
}

function readWord(v: string, i: number): string {
  let j = i;
  while (j < v.length && isLetter(v.charCodeAt(j))) j++;
  return v.slice(i, j);
}

/** ", Great Denesik, DE47 1AW" or ", Springfield, IL 62704": the town between a street address and a postcode/state. */
function townAfterAddress(s: Scan, addrEnd: number): void {
  const v = s.v;
  if (!s.wants('LOCATION')) return;
  let i = addrEnd;
  if (v.charCodeAt(i) === 44) i++;
  else if (v.charCodeAt(i) !== 10 && v.charCodeAt(i) !== 32) return;
  while (v.charCodeAt(i) === 32 || v.charCodeAt(i) === 10 || v.charCodeAt(i) === 13) i++;
  const ts = i;
  let words = 0;
  let te = ts;
  while (words < 4 && isUpper(v.charCodeAt(i))) {
    const w = readWord(v, i);
    if (w.length < 2) break;
    i += w.length;
    while (v.charCodeAt(i) === 45 && isLetter(v.charCodeAt(i + 1))) i += 1 + readWord(v, i + 1).length;
    // a postcode starts here? then stop before it
    te = i;
    words++;
    if (v.charCodeAt(i) === 32 && isUpper(v.charCodeAt(i + 1)) && !looksLikePostcodeOrState(v, i + 1)) i++;
    else break;
  }
  if (words === 0) return;
  const town = v.slice(ts, te);
  if (town === town.toUpperCase() && town.length <= 3) return;
  let j = te;
  if (v.charCodeAt(j) === 44) j++;
  while (v.charCodeAt(j) === 32 || v.charCodeAt(j) === 10) j++;
  const follows = looksLikePostcodeOrState(v, j) || (isUpper(v.charCodeAt(j)) && PLACE_SET.has(readWord(v, j).toLowerCase()));
  const inLex = PLACE_SET.has(town.toLowerCase());
  const score = follows ? 0.85 : inLex ? 0.75 : 0.5;
  s.emit('LOCATION', ts, te, score, 'town-after-street-address', inLex ? 'place-lexicon:hit' : null, follows ? ['+postcode-or-state-after'] : []);
}

function looksLikePostcodeOrState(v: string, i: number): boolean {
  RE_POSTCODE.lastIndex = i;
  const m = RE_POSTCODE.exec(v);
  if (m && parseUkPostcode(m[0])) return true;
  const w = readWord(v, i);
  if (w.length === 2 && US_STATE_ABBRS.has(w) && !isLetter(v.charCodeAt(i + 2))) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------------------
// Tokens with letters and digits: postcodes, NINOs, IBANs, identifiers after a cue.

function alnumToken(s: Scan, ts: number, te: number): number {
  const v = s.v;
  let furthest = te;
  const c0 = v.charCodeAt(ts);
  if (isAsciiUpper(c0)) {
    // UK postcode
    if (s.wants('UK_POSTCODE')) {
      RE_POSTCODE.lastIndex = ts;
      const m = RE_POSTCODE.exec(v);
      if (m && parseUkPostcode(m[0])) {
        const spaced = m[0].includes(' ');
        s.emitCtx('UK_POSTCODE', ts, ts + m[0].length, spaced ? 0.8 : 0.55, spaced ? 'postcode' : 'postcode-unspaced', 'area:known,format:valid');
        furthest = Math.max(furthest, ts + m[0].length);
      }
    }
    // NINO (compact or spaced)
    if (s.wants('UK_NINO')) {
      RE_NINO.lastIndex = ts;
      const m = RE_NINO.exec(v);
      if (m) ninoCandidate(s, ts, m[0]);
    }
    // IBAN
    if (s.wants('IBAN_CODE') && isAsciiUpper(v.charCodeAt(ts + 1)) && isDigit(v.charCodeAt(ts + 2)) && isDigit(v.charCodeAt(ts + 3))) {
      const e = ibanCandidate(s, ts);
      if (e > furthest) furthest = e;
    }
  }
  idAfterCue(s, ts, te);
  return furthest;
}

function ninoCandidate(s: Scan, start: number, text: string): void {
  const compact = text.replace(/ /g, '');
  const spaces = text.length - compact.length;
  if (spaces !== 0 && spaces !== 4) return;
  if (!ninoValid(compact)) return;
  s.emitCtx('UK_NINO', start, start + text.length, spaces ? 0.7 : 0.6, spaces ? 'nino-spaced' : 'nino', 'prefix:valid,suffix:A-D');
}

function ibanCandidate(s: Scan, ts: number): number {
  const v = s.v;
  const cc = v.slice(ts, ts + 2);
  const len = IBAN_LENGTHS[cc];
  if (len === undefined) return ts;
  let i = ts;
  let n = 0;
  let compact = '';
  let spaced = false;
  while (n < len && i < v.length) {
    const c = v.charCodeAt(i);
    if (isDigit(c) || isAsciiUpper(c)) {
      compact += v[i];
      n++;
      i++;
    } else if (c === 32 && n % 4 === 0 && n > 0 && (isDigit(v.charCodeAt(i + 1)) || isAsciiUpper(v.charCodeAt(i + 1)))) {
      spaced = true;
      i++;
    } else break;
  }
  if (n !== len || isAlnum(v.charCodeAt(i))) return ts;
  if (!ibanValid(compact)) return ts;
  s.emitCtx('IBAN_CODE', ts, i, 0.95, spaced ? 'iban-grouped' : 'iban', 'mod97:pass,length:' + cc);
  return i;
}

function idAfterCue(s: Scan, ts: number, te: number): void {
  const v = s.v;
  RE_ID_TOKEN.lastIndex = ts;
  const m = RE_ID_TOKEN.exec(v);
  if (!m) return;
  const tok = m[0];
  let digits = 0;
  for (let i = 0; i < tok.length; i++) if (isDigit(tok.charCodeAt(i))) digits++;
  if (digits < 3) return;
  const end = ts + tok.length;
  const before = s.before(ts);
  if (s.wants('MEDICAL_RECORD_NUMBER') && tok.length >= 5 && tok.length <= 15) {
    const h = contextScore('MEDICAL_RECORD_NUMBER', before, '');
    if (h.delta > 0) s.emit('MEDICAL_RECORD_NUMBER', ts, end, 0.1 + h.delta, 'id-after-mrn-cue', null, h.words);
  }
  if (s.wants('US_PASSPORT') && /^[A-Z]\d{8}$/.test(tok)) {
    const h = contextScore('US_PASSPORT', before, '');
    if (h.delta > 0) s.emit('US_PASSPORT', ts, end, 0.1 + h.delta, 'passport-letter-8-digits', null, h.words);
  }
  if (s.wants('US_DRIVER_LICENSE') && tok.length >= 5 && tok.length <= 16) {
    const h = contextScore('US_DRIVER_LICENSE', before, '');
    if (h.delta > 0) s.emit('US_DRIVER_LICENSE', ts, end, 0.1 + h.delta, 'dl-alphanumeric', null, h.words);
  }
  void te;
}

function hexForms(s: Scan, ts: number): number {
  const v = s.v;
  let j = ts;
  while (j < ts + 5 && isHex(v.charCodeAt(j))) j++;
  const sep = v.charCodeAt(j);
  if (sep === 58 /* : */) {
    RE_HEX_COLON.lastIndex = ts;
    const m = RE_HEX_COLON.exec(v);
    if (!m) return ts;
    const t = m[0];
    if (/^[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}$/.test(t)) {
      if (s.wants('MAC_ADDRESS')) s.emitCtx('MAC_ADDRESS', ts, ts + t.length, 0.7, 'mac-colon', 'format:valid');
      return ts + t.length;
    }
    if (ipv6Valid(t) && /[A-Fa-f]|::/.test(t)) {
      if (s.wants('IP_ADDRESS')) s.emitCtx('IP_ADDRESS', ts, ts + t.length, 0.7, 'ipv6', 'groups:valid');
      return ts + t.length;
    }
  } else if (sep === 45 /* - */ && j - ts === 2) {
    RE_MAC_DASH.lastIndex = ts;
    const m = RE_MAC_DASH.exec(v);
    if (m && /[A-Fa-f]/.test(m[0]) !== false) {
      if (s.wants('MAC_ADDRESS')) s.emitCtx('MAC_ADDRESS', ts, ts + m[0].length, 0.65, 'mac-dash', 'format:valid');
      return ts + m[0].length;
    }
  } else if (sep === 46 /* . */ && j - ts === 4) {
    RE_MAC_DOT.lastIndex = ts;
    const m = RE_MAC_DOT.exec(v);
    if (m) {
      if (s.wants('MAC_ADDRESS')) s.emitCtx('MAC_ADDRESS', ts, ts + m[0].length, 0.6, 'mac-cisco', 'format:valid');
      return ts + m[0].length;
    }
  }
  return ts;
}

// ---------------------------------------------------------------------------------------------------------
// Capitalised words: names, places, month-first dates.

class Tok {
  private low: string | null = null;
  constructor(
    readonly s: number,
    readonly e: number,
    /** without a trailing possessive 's */
    readonly w: string,
    readonly f: number,
    readonly possessive: boolean,
    readonly initial: boolean,
    readonly caps: boolean,
  ) {}
  /** Lower-cased on demand: only titles and places need it, and most tokens are neither. */
  get lower(): string {
    return (this.low ??= this.w.toLowerCase());
  }
}

/** End of the word at i (letters, internal apostrophes and hyphens; a possessive 's is not included). */
function wordEnd(v: string, i: number): number {
  i++;
  for (;;) {
    const c = v.charCodeAt(i);
    if (isLetter(c)) i++;
    else if ((c === 39 || c === 0x2019 || c === 45) && isLetter(v.charCodeAt(i + 1))) {
      if (c !== 45 && (v.charCodeAt(i + 1) === 115 || v.charCodeAt(i + 1) === 83) && !isLetter(v.charCodeAt(i + 2))) return i;
      i += 2;
    } else return i;
  }
}

/** Lexicon flags by the word as written (memoised, bounded), sparing a toLowerCase per token. */
const FLAG_MEMO = new Map<string, number>();
function cachedFlags(w: string): number {
  let f = FLAG_MEMO.get(w);
  if (f === undefined) {
    f = lexFlags(w.toLowerCase());
    if (FLAG_MEMO.size > 50_000) FLAG_MEMO.clear();
    FLAG_MEMO.set(w, f);
  }
  return f;
}

/** Whether the word before position p (skipping spaces and a colon) is a strong name cue. */
function cueBefore(v: string, p: number): boolean {
  let j = p - 1;
  while (j >= 0 && (v.charCodeAt(j) === 32 || v.charCodeAt(j) === 58)) j--;
  if (j < 0 || p - j > 3 || !isLetter(v.charCodeAt(j))) return false;
  let k = j;
  while (k >= 0 && isLetter(v.charCodeAt(k)) && j - k < 12) k--;
  return STRONG_NAME_CUES.has(v.slice(k + 1, j + 1).toLowerCase());
}

/** Reads a word at i (letters, internal apostrophes and hyphens); `flags`, when the caller has them already. */
function wordAt(v: string, i: number, flags = -1): Tok | null {
  const s0 = i;
  const c0 = v.charCodeAt(i);
  if (!isLetter(c0)) return null;
  i++;
  for (;;) {
    const c = v.charCodeAt(i);
    if (isLetter(c)) i++;
    else if ((c === 39 || c === 0x2019 || c === 45) && isLetter(v.charCodeAt(i + 1))) {
      // possessive 's: stop before it
      if (c !== 45 && (v.charCodeAt(i + 1) === 115 || v.charCodeAt(i + 1) === 83) && !isLetter(v.charCodeAt(i + 2))) break;
      i += 2;
    } else break;
  }
  const w = v.slice(s0, i);
  let possessive = false;
  const c = v.charCodeAt(i);
  if ((c === 39 || c === 0x2019) && (v.charCodeAt(i + 1) === 115 || v.charCodeAt(i + 1) === 83) && !isLetter(v.charCodeAt(i + 2))) possessive = true;
  const initial = w.length === 1 && isUpper(c0);
  return new Tok(s0, i, w, flags >= 0 ? flags : cachedFlags(w), possessive, initial, w.length > 1 && allCaps(w));
}

/** w === w.toUpperCase(), without the copy for ASCII words. */
function allCaps(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c >= 128) return w === w.toUpperCase();
  }
  return true;
}

function capitalPass(s: Scan): void {
  const v = s.v;
  const re = PF_CAPITAL;
  let pos = s.from;
  const wantPerson = s.wants('PERSON');
  const wantLoc = s.wants('LOCATION');
  const wantDate = s.wants('DATE_TIME') || s.wants('DATE_OF_BIRTH');
  while (pos < s.to) {
    re.lastIndex = pos;
    if (!re.test(v)) break;
    const p = re.lastIndex - 1;
    if (p >= s.to) break;
    const pc = v.charCodeAt(p - 1);
    if (p > 0 && (isAlnum(pc) || pc === 39 || pc === 0x2019)) {
      pos = p + 1;
      while (pos < v.length && isLetter(v.charCodeAt(pos))) pos++;
      continue;
    }
    const we = wordEnd(v, p);
    const fw = cachedFlags(v.slice(p, we));
    const f0 = fw & (F_MONTH | F_TITLE | F_FIRST | F_LAST | F_PLACE | F_PLACE_PREFIX);
    if (f0 === 0) {
      // a word in no dictionary: a name only right after a strong cue ("Dear Xanthe", "Patient: Ngozi")
      if (wantPerson && we - p >= 2 && cueBefore(v, p)) {
        const t0 = wordAt(v, p, fw)!;
        if (!t0.caps) {
          pos = Math.max(we, cuedName(s, t0));
          continue;
        }
      }
      pos = we;
      continue;
    }
    // Only the first word of a multi-word place ("The" in "The Hague", but mostly just "The"): nothing can come
    // of it unless the next word continues a place name, so skip the token and the place reader otherwise.
    if (f0 === F_PLACE_PREFIX && (!wantLoc || !placeMayContinue(v, p, we))) {
      pos = we;
      continue;
    }
    const t = wordAt(v, p, fw);
    if (!t) {
      pos = p + 1;
      continue;
    }
    let next = t.e;
    const f = t.f;
    if (f !== 0) {
      if ((f & F_MONTH) !== 0 && wantDate) next = Math.max(next, monthFirstDate(s, t));
      if ((f & F_TITLE) !== 0 && wantPerson) next = Math.max(next, titledName(s, t));
      else if ((f & (F_FIRST | F_LAST)) !== 0 && wantPerson) next = Math.max(next, lexiconName(s, t));
      if ((f & (F_PLACE | F_PLACE_PREFIX)) !== 0 && wantLoc) placeCandidate(s, t);
    } else if (wantPerson && t.w.length >= 2 && !t.caps) {
      next = Math.max(next, cuedName(s, t));
    }
    pos = next;
  }
}

/** Whether the word at [p, we) and the next word are a place or the start of a longer one (as placeCandidate reads them). */
function placeMayContinue(v: string, p: number, we: number): boolean {
  if (v.charCodeAt(we) !== 32 || !isLetter(v.charCodeAt(we + 1))) return false;
  const text = v.slice(p, we).toLowerCase() + ' ' + v.slice(we + 1, wordEnd(v, we + 1)).toLowerCase();
  return PLACE_SET.has(text) || PLACE_PREFIXES.has(text);
}

function monthFirstDate(s: Scan, t: Tok): number {
  const v = s.v;
  if (t.possessive) return t.e;
  RE_MONTH_DAY_YEAR.lastIndex = t.s;
  let m = RE_MONTH_DAY_YEAR.exec(v);
  if (m) {
    const mon = MONTHS.get(m[1]!.toLowerCase());
    if (mon !== undefined && validYmd(+m[3]!, mon, +m[2]!)) {
      dateCandidate(s, t.s, t.s + m[0].length, 'date-month-d-y', 0.7, false);
      return t.s + m[0].length;
    }
  }
  RE_MONTH_YEAR.lastIndex = t.s;
  m = RE_MONTH_YEAR.exec(v);
  if (m) {
    const mon = MONTHS.get(m[1]!.toLowerCase());
    const y = +m[2]!;
    if (mon !== undefined && y >= 1900 && y <= 2099 && (m[1]!.length >= 3)) {
      dateCandidate(s, t.s, t.s + m[0].length, 'date-month-y', 0.45, false);
      return t.s + m[0].length;
    }
  }
  return t.e;
}

/** Reads the capitalised name tokens after position i (initials, particles, hyphenated names), up to max. */
function nameRun(v: string, i: number, max: number): Tok[] {
  const toks: Tok[] = [];
  while (toks.length < max) {
    const c = v.charCodeAt(i);
    let t: Tok | null = null;
    if (isUpper(c)) t = wordAt(v, i);
    else if (isLower(c) && toks.length > 0) {
      const pt = wordAt(v, i);
      if (pt && (pt.f & F_PARTICLE) !== 0 && v.charCodeAt(pt.e) === 32) {
        const nx = wordAt(v, pt.e + 1);
        if (nx && (isUpper(v.charCodeAt(pt.e + 1)) || ((nx.f & F_PARTICLE) !== 0 && isUpper(v.charCodeAt(nx.e + 1))))) t = pt;
      }
    }
    if (!t) break;
    if ((t.f & (F_ORG | F_SUFFIX)) !== 0 && (t.f & (F_FIRST | F_LAST)) === 0) break;
    if ((t.f & (F_MONTH | F_WEEKDAY)) !== 0 && (t.f & (F_FIRST | F_LAST)) === 0) break;
    toks.push(t);
    let e = t.e;
    if (t.possessive) break;
    if (t.initial && v.charCodeAt(e) === 46) e++;
    if (v.charCodeAt(e) === 32 && (isUpper(v.charCodeAt(e + 1)) || (isLower(v.charCodeAt(e + 1)) && !t.initial))) i = e + 1;
    else break;
  }
  return toks;
}

function endOfRun(_v: string, toks: Tok[]): number {
  const last = toks[toks.length - 1]!;
  return last.e;
}

function afterRunWord(v: string, end: number): { word: string; lower: string; f: number } {
  let i = end;
  if (v.charCodeAt(i) === 39 || v.charCodeAt(i) === 0x2019) i += 2;
  if (v.charCodeAt(i) === 46 && isLetter(v.charCodeAt(i - 1)) && i - end === 0) i++;
  while (v.charCodeAt(i) === 32) i++;
  const w = readWord(v, i);
  const lower = w.toLowerCase();
  return { word: w, lower, f: lexFlags(lower) };
}

function titledName(s: Scan, t: Tok): number {
  const v = s.v;
  let i = t.e;
  if (v.charCodeAt(i) === 46) i++;
  if (v.charCodeAt(i) !== 32) return t.e;
  i++;
  if (!isUpper(v.charCodeAt(i))) return t.e;
  const toks = nameRun(v, i, 4);
  if (toks.length === 0) return t.e;
  // trim trailing tokens that are org words or common words without name flags
  while (toks.length > 1 && (toks[toks.length - 1]!.f & (F_FIRST | F_LAST)) === 0 && (toks[toks.length - 1]!.f & F_COMMON) !== 0) toks.pop();
  const start = toks[0]!.s;
  const end = endOfRun(v, toks);
  const nxt = afterRunWord(v, end);
  if ((nxt.f & F_ORG) !== 0 && EPONYM_FOLLOWERS.has(nxt.lower)) return end;
  const allCommon = toks.every((x) => (x.f & F_COMMON) !== 0 && (x.f & (F_FIRST | F_LAST)) === 0);
  s.emit('PERSON', start, end, allCommon ? 0.6 : 0.9, 'title+capitalised', 'title:' + t.lower, ['+' + t.lower]);
  return end;
}

function lexiconName(s: Scan, t: Tok): number {
  const v = s.v;
  // "SMITH, John": surname in capitals, comma, forename
  if (t.caps && (t.f & F_LAST) !== 0 && v.charCodeAt(t.e) === 44 && v.charCodeAt(t.e + 1) === 32) {
    const fn = wordAt(v, t.e + 2);
    if (fn && (fn.f & F_FIRST) !== 0 && isUpper(v.charCodeAt(fn.s))) {
      s.emit('PERSON', t.s, fn.e, 0.8, 'surname-comma-forename', 'lexicon:last+first', []);
      return fn.e;
    }
  }
  const toks = nameRun(v, t.s, 4);
  if (toks.length === 0) return t.e;
  // Drop leading tokens that are not names (e.g. "Thanks John" is handled as cue below)
  while (toks.length > 1 && (toks[toks.length - 1]!.f & (F_FIRST | F_LAST)) === 0 && ((toks[toks.length - 1]!.f & (F_COMMON | F_PLACE | F_PLACE_PREFIX | F_STATE)) !== 0 || toks[toks.length - 1]!.caps)) toks.pop();
  const n = toks.length;
  const first = toks[0]!;
  const last = toks[n - 1]!;
  const start = first.s;
  const end = endOfRun(v, toks);
  const nxt = afterRunWord(v, end);
  // eponyms and organisations: "Parkinson's disease", "Addenbrooke Hospital"
  if (EPONYM_FOLLOWERS.has(nxt.lower) || ((nxt.f & F_ORG) !== 0 && nxt.word.length > 0 && isUpper(nxt.word.charCodeAt(0)))) return end;
  if ((last.f & F_EPONYM) !== 0 && last.possessive) return end;
  if ((nxt.f & F_SUFFIX) !== 0 && isUpper(nxt.word.charCodeAt(0) || 0)) return end; // "Abbott Road"
  let nameToks = 0;
  let unknownCaps = 0;
  let commonOnly = 0;
  let initialsOrParticles = 0;
  for (const x of toks) {
    if ((x.f & (F_FIRST | F_LAST)) !== 0) nameToks++;
    if ((x.f & (F_FIRST | F_LAST | F_COMMON | F_PARTICLE)) === 0 && !x.initial) unknownCaps++;
    if ((x.f & F_COMMON) !== 0) commonOnly++;
    if (x.initial || (x.f & F_PARTICLE) !== 0) initialsOrParticles++;
  }
  let base: number;
  let rule: string;
  if (n >= 2 && (first.f & F_FIRST) !== 0 && ((last.f & (F_LAST | F_FIRST)) !== 0 || ((last.f & F_COMMON) === 0 && !last.initial))) {
    base = 0.75;
    rule = 'first+last';
    if ((first.f & F_COMMON) !== 0 && (last.f & F_COMMON) !== 0) base = 0.5;
  } else if (n >= 2 && nameToks >= 1 && unknownCaps + nameToks >= n - initialsOrParticles) {
    base = 0.55;
    rule = 'name+capitalised';
  } else if (n === 1) {
    base = (t.f & F_FIRST) !== 0 ? 0.3 : 0.25;
    rule = 'single-name-token';
    if ((t.f & F_COMMON) !== 0 || t.caps) base = 0.05;
  } else {
    base = 0.3;
    rule = 'capitalised-run';
  }
  if (commonOnly === n) base = Math.min(base, 0.2);
  const words: string[] = [];
  const bw = prevWords(v, start, 2);
  if (bw.some((w) => NAME_CUES_BEFORE.has(w))) {
    base += n >= 2 ? 0.25 : 0.35;
    words.push('+' + bw.find((w) => NAME_CUES_BEFORE.has(w)));
  } else if (bw.length === 2 && bw[1] === 'by' && bw[0]!.endsWith('ed')) {
    base += 0.3;
    words.push('+by');
  }
  if (NAME_CUES_AFTER.has(nxt.lower) || last.possessive) {
    base += 0.1;
    words.push('+' + (last.possessive ? "'s" : nxt.lower));
  }
  // sentence start with a single token and no cue
  if (n === 1 && words.length === 0 && isSentenceStart(v, start)) base -= 0.05;
  // places that are also names ("Preston", "Lincoln") after a place cue
  if ((first.f & (F_PLACE | F_PLACE_PREFIX)) !== 0 && n === 1 && bw.some((w) => PLACE_CUES_BEFORE.has(w))) base -= 0.2;
  s.emit('PERSON', start, end, base, rule, `lexicon:${nameToks}/${n}`, words);
  return end;
}

/** The n words before position i, lower-cased, nearest last; reads characters directly (no regex, no window). */
function prevWords(v: string, i: number, n: number): string[] {
  const out: string[] = [];
  let j = i - 1;
  const lim = Math.max(0, i - 64);
  while (out.length < n && j >= lim) {
    while (j >= lim && !isAlnum(v.charCodeAt(j))) j--;
    const e = j + 1;
    while (j >= lim && isAlnum(v.charCodeAt(j))) j--;
    if (e > j + 1) out.unshift(v.slice(j + 1, e).toLowerCase());
  }
  return out;
}

function isSentenceStart(v: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && v.charCodeAt(j) === 32) j--;
  if (j < 0) return true;
  const c = v.charCodeAt(j);
  return c === 46 || c === 10 || c === 33 || c === 63 || c === 34;
}

/** A capitalised word in no dictionary, right after a strong cue ("Dear Xanthe", "Patient: Ngozi Okonkwo"). */
function cuedName(s: Scan, t: Tok): number {
  const v = s.v;
  // previous word, skipping spaces and a colon
  let j = t.s - 1;
  while (j >= 0 && (v.charCodeAt(j) === 32 || v.charCodeAt(j) === 58)) j--;
  if (j < 0 || t.s - j > 3) return t.e;
  let k = j;
  while (k >= 0 && isLetter(v.charCodeAt(k))) k--;
  const prev = v.slice(k + 1, j + 1).toLowerCase();
  if (!STRONG_NAME_CUES.has(prev)) return t.e;
  if (prev === 'by' && !/ ([a-z]+ed|written) by $/.test(s.before(t.s))) return t.e;
  const toks = nameRun(v, t.s, 3);
  while (toks.length > 1 && (toks[toks.length - 1]!.f & F_COMMON) !== 0) toks.pop();
  if (toks.length === 0 || (toks[0]!.f & F_COMMON) !== 0) return t.e;
  const end = endOfRun(v, toks);
  const nxt = afterRunWord(v, end);
  if (EPONYM_FOLLOWERS.has(nxt.lower) || (nxt.f & (F_ORG | F_SUFFIX)) !== 0) return end;
  s.emit('PERSON', t.s, end, toks.length >= 2 ? 0.7 : 0.6, 'cue+capitalised', null, ['+' + prev]);
  return end;
}

function placeCandidate(s: Scan, t: Tok): void {
  const v = s.v;
  // longest multi-word place first
  let end = -1;
  let name = '';
  if ((t.f & F_PLACE_PREFIX) !== 0) {
    let i = t.e;
    let text = t.lower;
    for (let k = 1; k < MAX_PLACE_WORDS; k++) {
      if (v.charCodeAt(i) !== 32 || !isLetter(v.charCodeAt(i + 1))) break;
      // as wordAt, without its token object: only the lower-case text and the end are needed
      const we = wordEnd(v, i + 1);
      text += ' ' + v.slice(i + 1, we).toLowerCase();
      i = we;
      if (PLACE_SET.has(text)) {
        end = i;
        name = text;
      }
      // no longer place starts with these words ("The patient …"): stop reading
      if (!PLACE_PREFIXES.has(text)) break;
    }
  }
  if (end < 0 && (t.f & F_PLACE) !== 0) {
    end = t.e;
    name = t.lower;
  }
  if (end < 0) return;
  const multi = name.includes(' ');
  const ambiguous = (t.f & (F_FIRST | F_LAST | F_COMMON)) !== 0 && !multi;
  let base = ambiguous ? 0.25 : 0.5;
  const words: string[] = [];
  const bw = prevWords(v, t.s, 2);
  const cue = bw.find((w) => PLACE_CUES_BEFORE.has(w));
  if (cue) {
    base += 0.25;
    words.push('+' + cue);
  }
  // followed by a postcode, a county or a state
  let j = end;
  if (v.charCodeAt(j) === 44) j++;
  while (v.charCodeAt(j) === 32) j++;
  if (looksLikePostcodeOrState(v, j)) {
    base += 0.3;
    words.push('+postcode-or-state-after');
  }
  // preceded by ", " after a street suffix or an address-like line
  const prevTxt = v.slice(Math.max(0, t.s - 3), t.s);
  if (/, ?$/.test(prevTxt)) {
    base += 0.1;
    words.push('+comma');
  }
  if (t.possessive) base -= 0.1;
  const nxt = afterRunWord(v, end);
  if ((nxt.f & F_ORG) !== 0 && isUpper(nxt.word.charCodeAt(0) || 0)) base -= 0.25; // "Leeds General Infirmary", "Leeds Road"
  if (EPONYM_FOLLOWERS.has(nxt.lower)) return; // "Glasgow Coma Scale"
  if (t.caps) base -= 0.2;
  s.emit('LOCATION', t.s, end, base, multi ? 'place-lexicon-multiword' : 'place-lexicon', 'place-lexicon:hit', words);
}

// ---------------------------------------------------------------------------------------------------------
// E-mail addresses and URLs

const isEmailLocal = (c: number) => isAlnum(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
const isDomainChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 46;

function emailPass(s: Scan): void {
  if (!s.wants('EMAIL_ADDRESS')) return;
  const v = s.v;
  let at = v.indexOf('@', Math.max(0, s.from - 1));
  while (at !== -1 && at < s.to + 64) {
    let ls = at;
    while (ls > 0 && isEmailLocal(v.charCodeAt(ls - 1)) && at - ls < 64) ls--;
    while (ls < at && v.charCodeAt(ls) === 46) ls++;
    let de = at + 1;
    while (de < v.length && isDomainChar(v.charCodeAt(de)) && de - at < 255) de++;
    while (de > at + 1 && (v.charCodeAt(de - 1) === 46 || v.charCodeAt(de - 1) === 45)) de--;
    if (ls < at && de > at + 3) {
      const domain = v.slice(at + 1, de);
      const dot = domain.lastIndexOf('.');
      if (dot > 0 && !domain.includes('..') && tldValid(domain.slice(dot + 1))) {
        s.emit('EMAIL_ADDRESS', ls, de, 0.95, 'email', 'tld:valid', []);
      }
    }
    at = v.indexOf('@', at + 1);
  }
}

const isUrlChar = (c: number) => c > 32 && c !== 34 && c !== 39 && c !== 60 && c !== 62 && c !== 96 && c !== 92 && c < 0x7f;

function urlPass(s: Scan): void {
  if (!s.wants('URL')) return;
  const v = s.v;
  const emitUrl = (st: number, rule: string) => {
    let e = st;
    while (e < v.length && isUrlChar(v.charCodeAt(e)) && e - st < 2048) e++;
    // trailing punctuation and unbalanced closing brackets are not part of the URL
    for (;;) {
      const c = v.charCodeAt(e - 1);
      if (c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63) e--;
      else if ((c === 41 && !v.slice(st, e).includes('(')) || (c === 93 && !v.slice(st, e).includes('['))) e--;
      else break;
    }
    if (e - st > 7) s.emit('URL', st, e, 0.5, rule, null, []);
    return e;
  };
  let i = v.indexOf('://', Math.max(0, s.from - 8));
  while (i !== -1 && i < s.to + 8) {
    let st = i;
    while (st > 0 && isLetter(v.charCodeAt(st - 1)) && i - st < 6) st--;
    const scheme = v.slice(st, i).toLowerCase();
    if (scheme === 'http' || scheme === 'https' || scheme === 'ftp' || scheme === 'sftp') i = emitUrl(st, 'url-scheme');
    i = v.indexOf('://', i + 3);
  }
  let w = v.indexOf('www.', s.from);
  while (w !== -1 && w < s.to) {
    const pc = v.charCodeAt(w - 1);
    if (w === 0 || !(isUrlChar(pc) && pc !== 40 && pc !== 91)) w = emitUrl(w, 'url-www');
    w = v.indexOf('www.', w + 4);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Known identifiers: exact match (after normalisation) against keyed hashes.

function knownPass(s: Scan): void {
  const known = s.opts.known!;
  const v = s.v;
  // every finding so far, and every alphanumeric token with a digit
  for (const c of s.out.slice()) {
    if (knownMatch(known, v.slice(c.start, c.end))) s.emit('KNOWN_IDENTIFIER', c.start, c.end, 1, 'known-identifier', 'hmac:match', ['entity:' + c.entity]);
  }
  const re = /[A-Za-z0-9][A-Za-z0-9 -]{2,30}[A-Za-z0-9]/g;
  re.lastIndex = s.from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(v)) !== null && m.index < s.to) {
    const text = m[0];
    // try each token and the whole run
    if (knownMatch(known, text)) s.emit('KNOWN_IDENTIFIER', m.index, m.index + text.length, 1, 'known-identifier', 'hmac:match', []);
    let off = 0;
    for (const tok of text.split(/( )/)) {
      if (tok.length >= 3 && tok !== ' ') {
        if (knownMatch(known, tok)) s.emit('KNOWN_IDENTIFIER', m.index + off, m.index + off + tok.length, 1, 'known-identifier', 'hmac:match', []);
        else if (tok.includes('-')) {
          let o2 = 0;
          for (const part of tok.split('-')) {
            if (part.length >= 3 && knownMatch(known, part)) s.emit('KNOWN_IDENTIFIER', m.index + off + o2, m.index + off + o2 + part.length, 1, 'known-identifier', 'hmac:match', []);
            o2 += part.length + 1;
          }
        }
      }
      off += tok.length;
    }
  }
}
export const KNOWN_PATTERNS: readonly RegExp[] = [/[A-Za-z0-9][A-Za-z0-9 -]{2,30}[A-Za-z0-9]/g];
