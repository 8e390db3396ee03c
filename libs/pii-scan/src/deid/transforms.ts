/**
 * De-identification transforms: redact, mask, replace with the entity tag, keyed hash (HMAC-SHA-256 with a
 * project key, so joins survive), date shifting per subject, and generalisation (dates to year, postcode to
 * outward code, ZIP to ZIP3 with the 17 restricted ZIP3s as 000, ages over 89 to "90+").
 */
import { createHmac } from 'node:crypto';
import type { Entity } from '../types';
import { expandYear, validYmd } from '../validators/checksums';
import { parseUkPostcode, RESTRICTED_ZIP3 } from '../validators/formats';
import { MONTHS } from '../lexicon/lexicon';
import { normaliseIdentifier } from '../known';

export type Operator = 'redact' | 'mask' | 'tag' | 'hash' | 'shift' | 'generalise' | 'keep';
export const OPERATORS: readonly Operator[] = ['redact', 'mask', 'tag', 'hash', 'shift', 'generalise', 'keep'];

export interface DeidOptions {
  /** Operator per entity; entities not listed use `defaultOperator`. */
  policy?: Partial<Record<Entity, Operator>>;
  defaultOperator?: Operator;
  /** Project key for `hash` and `shift`. */
  key?: Buffer | string | null;
  /** Subject identifier for date shifting (e.g. the pseudonym of the patient a document belongs to). */
  subject?: string;
  /** Largest date shift in days (either direction). Default 365. */
  maxShiftDays?: number;
  /** Hex characters of the HMAC kept by `hash`. Default 16. */
  hashLength?: number;
  maskChar?: string;
}

/** Generalisation first (it keeps analytic value); everything else becomes its tag. */
export const DEFAULT_POLICY: Partial<Record<Entity, Operator>> = {
  DATE_TIME: 'generalise',
  DATE_OF_BIRTH: 'generalise',
  UK_POSTCODE: 'generalise',
  ZIP_CODE: 'generalise',
  AGE: 'generalise',
};

export function redact(_value: string): string {
  return '';
}

/** Replaces letters and digits with the mask character, keeping separators (and optionally the last n characters). */
export function mask(value: string, maskChar = '*', keepLast = 0): string {
  let out = '';
  const keepFrom = value.length - keepLast;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    out += i < keepFrom && /[A-Za-z0-9\u00C0-\u024F]/.test(c) ? maskChar : c;
  }
  return out;
}

export function tag(entity: Entity): string {
  return `<${entity}>`;
}

/** HMAC-SHA-256 of the normalised value under the project key; equal inputs give equal outputs, so joins survive. */
export function keyedHash(value: string, key: Buffer | string, length = 16): string {
  if (!key || key.length === 0) throw new Error('keyed hash needs a project key');
  return createHmac('sha256', key).update(normaliseIdentifier(value) || value, 'utf8').digest('hex').slice(0, length);
}

/** A per-subject shift in whole days, in [-max, max] and never 0, derived from the key and the subject. */
export function subjectShiftDays(subject: string, key: Buffer | string, max = 365): number {
  const h = createHmac('sha256', key).update('date-shift:' + subject, 'utf8').digest();
  const n = h.readUInt32BE(0) % (2 * max);
  return n < max ? n - max : n - max + 1;
}

interface ParsedDate {
  y: number;
  m: number;
  d: number;
  fmt: (y: number, m: number, d: number) => string;
  rest: string;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const RE_YMD = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(.*)$/;
const RE_DMY = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(.*)$/;
const RE_D_MON_Y = /^(\d{1,2})(?:st|nd|rd|th)?(?:[ -]of)?[ -]([A-Za-z]{3,9})\.?(?:,? |-)(\d{4}|\d{2})(.*)$/;
const RE_MON_D_Y = /^([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})(.*)$/;
const RE_MON_Y = /^([A-Za-z]{3,9})\.?,? (\d{4})$/;
export const DEID_PATTERNS: readonly RegExp[] = [RE_YMD, RE_DMY, RE_D_MON_Y, RE_MON_D_Y, RE_MON_Y];
const p2 = (n: number) => String(n).padStart(2, '0');

/** Parses the date forms the scanner reports (day-first for numeric d/m/y, as in UK records). */
export function parseDate(text: string): ParsedDate | null {
  let m = RE_YMD.exec(text);
  if (m) {
    const sep = m[2]!;
    if (validYmd(+m[1]!, +m[3]!, +m[4]!)) return { y: +m[1]!, m: +m[3]!, d: +m[4]!, fmt: (y, mo, d) => `${y}${sep}${p2(mo)}${sep}${p2(d)}`, rest: m[5]! };
  }
  m = RE_DMY.exec(text);
  if (m) {
    const sep = m[2]!;
    const y = m[4]!.length === 4 ? +m[4]! : expandYear(+m[4]!);
    const a = +m[1]!;
    const b = +m[3]!;
    if (validYmd(y, b, a)) return { y, m: b, d: a, fmt: (yy, mo, d) => `${p2(d)}${sep}${p2(mo)}${sep}${yy}`, rest: m[5]! };
    if (validYmd(y, a, b)) return { y, m: a, d: b, fmt: (yy, mo, d) => `${p2(mo)}${sep}${p2(d)}${sep}${yy}`, rest: m[5]! };
  }
  m = RE_D_MON_Y.exec(text);
  if (m) {
    const mo = MONTHS.get(m[2]!.toLowerCase());
    const y = m[3]!.length === 4 ? +m[3]! : expandYear(+m[3]!);
    if (mo && validYmd(y, mo, +m[1]!)) return { y, m: mo, d: +m[1]!, fmt: (yy, mm, d) => `${d} ${MONTH_NAMES[mm - 1]} ${yy}`, rest: m[4]! };
  }
  m = RE_MON_D_Y.exec(text);
  if (m) {
    const mo = MONTHS.get(m[1]!.toLowerCase());
    if (mo && validYmd(+m[3]!, mo, +m[2]!)) return { y: +m[3]!, m: mo, d: +m[2]!, fmt: (yy, mm, d) => `${MONTH_NAMES[mm - 1]} ${d}, ${yy}`, rest: m[4]! };
  }
  m = RE_MON_Y.exec(text);
  if (m) {
    const mo = MONTHS.get(m[1]!.toLowerCase());
    if (mo) return { y: +m[2]!, m: mo, d: 1, fmt: (yy, mm) => `${MONTH_NAMES[mm - 1]} ${yy}`, rest: '' };
  }
  return null;
}

/** Shifts a date by whole days, keeping its written format (any time of day is kept as written). */
export function shiftDate(text: string, days: number): string | null {
  const p = parseDate(text);
  if (!p) return null;
  const t = new Date(Date.UTC(p.y, p.m - 1, p.d) + days * 86400000);
  return p.fmt(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()) + p.rest;
}

/** Date to year. */
export function generaliseDate(text: string): string | null {
  const p = parseDate(text);
  return p ? String(p.y) : null;
}

/** UK postcode to its outward code ("SW1A 1AA" -> "SW1A"). */
export function generalisePostcode(text: string): string | null {
  const p = parseUkPostcode(text.trim());
  return p ? p.outward : null;
}

/** US ZIP to ZIP3, with the 17 restricted ZIP3s (20,000 people or fewer) as "000". */
export function generaliseZip(text: string): string | null {
  const m = /^(\d{3})\d{2}(?:-\d{4})?$/.exec(text.trim());
  if (!m) return null;
  return RESTRICTED_ZIP3.has(m[1]!) ? '000' : m[1]!;
}

/** Ages over 89 become "90+"; others are unchanged. */
export function generaliseAge(text: string): string | null {
  const n = parseInt(text, 10);
  if (!Number.isFinite(n)) return null;
  return n >= 90 ? '90+' : String(n);
}

/** Applies one operator to one value. Falls back to the tag when an operator does not apply to a value. */
export function transformValue(entity: Entity, value: string, op: Operator, o: DeidOptions = {}): { text: string; operator: Operator } {
  switch (op) {
    case 'keep':
      return { text: value, operator: 'keep' };
    case 'redact':
      return { text: '', operator: 'redact' };
    case 'mask':
      return { text: mask(value, o.maskChar ?? '*'), operator: 'mask' };
    case 'hash':
      if (!o.key) throw new Error('the hash operator needs a project key');
      return { text: keyedHash(value, o.key, o.hashLength ?? 16), operator: 'hash' };
    case 'shift': {
      if (entity === 'DATE_TIME' || entity === 'DATE_OF_BIRTH') {
        if (!o.key) throw new Error('the shift operator needs a project key');
        const days = subjectShiftDays(o.subject ?? '', o.key, o.maxShiftDays ?? 365);
        const s = shiftDate(value, days);
        if (s !== null) return { text: s, operator: 'shift' };
      }
      return { text: tag(entity), operator: 'tag' };
    }
    case 'generalise': {
      let g: string | null = null;
      if (entity === 'DATE_TIME' || entity === 'DATE_OF_BIRTH') g = generaliseDate(value);
      else if (entity === 'UK_POSTCODE') g = generalisePostcode(value);
      else if (entity === 'ZIP_CODE') g = generaliseZip(value);
      else if (entity === 'AGE') g = generaliseAge(value);
      if (g !== null) return { text: g, operator: 'generalise' };
      return { text: tag(entity), operator: 'tag' };
    }
    default:
      return { text: tag(entity), operator: 'tag' };
  }
}

export interface Span {
  entity: Entity;
  start: number;
  end: number;
}

export interface Change {
  entity: Entity;
  operator: Operator;
  start: number;
  end: number;
  /** length of the replacement text */
  length: number;
}

export function operatorFor(entity: Entity, o: DeidOptions): Operator {
  return o.policy?.[entity] ?? o.defaultOperator ?? DEFAULT_POLICY[entity] ?? 'tag';
}

/** Rewrites the spans (non-overlapping; sorted here) in `text`. */
export function applySpans(text: string, spans: readonly Span[], o: DeidOptions = {}): { text: string; changes: Change[] } {
  const sorted = spans.slice().sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  const changes: Change[] = [];
  for (const s of sorted) {
    if (s.start < pos) continue;
    const op = operatorFor(s.entity, o);
    const r = transformValue(s.entity, text.slice(s.start, s.end), op, o);
    out += text.slice(pos, s.start) + r.text;
    pos = s.end;
    if (r.operator !== 'keep') changes.push({ entity: s.entity, operator: r.operator, start: s.start, end: s.end, length: r.text.length });
  }
  out += text.slice(pos);
  return { text: out, changes };
}
