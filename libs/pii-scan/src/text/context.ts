/**
 * Context scoring: the words in a character window before and after a candidate raise or lower its score.
 * Windows are normalised to " word word " (lower case, any run of non-alphanumerics as one space) so that
 * a keyword or phrase is found with one `includes` on word boundaries.
 */
import type { Entity } from '../types';

export const CONTEXT_BEFORE_CHARS = 56;
export const CONTEXT_AFTER_CHARS = 32;
/** Any window the scanner needs around a candidate fits in this many characters (used by the streaming layer). */
export const MAX_CONTEXT_CHARS = 160;

const NON_WORD = /[^a-z0-9]+/g;

export function normaliseWindow(raw: string): string {
  return ' ' + raw.toLowerCase().replace(NON_WORD, ' ').trim() + ' ';
}

export function windowBefore(view: string, start: number, chars = CONTEXT_BEFORE_CHARS): string {
  return normaliseSpan(view, Math.max(0, start - chars), start);
}

export function windowAfter(view: string, end: number, chars = CONTEXT_AFTER_CHARS): string {
  return normaliseSpan(view, end, Math.min(view.length, end + chars));
}

// ASCII letters lower-cased, digits kept, everything else a separator (0)
const WORD_CHAR = new Uint8Array(128);
for (let c = 48; c <= 57; c++) WORD_CHAR[c] = c;
for (let c = 97; c <= 122; c++) WORD_CHAR[c] = c;
for (let c = 65; c <= 90; c++) WORD_CHAR[c] = c + 32;
const NORM_BUF = Buffer.alloc(1024);

/**
 * normaliseWindow(view.slice(a, b)) in one pass without a regular expression: the window is written into a
 * reused byte buffer and read back as one string. Text with any non-ASCII character takes the original path
 * (lower-casing can turn such characters into ASCII letters).
 */
function normaliseSpan(view: string, a: number, b: number): string {
  if (b - a > NORM_BUF.length - 2) return normaliseWindow(view.slice(a, b));
  const out = NORM_BUF;
  out[0] = 32;
  let n = 1;
  for (let i = a; i < b; i++) {
    const c = view.charCodeAt(i);
    if (c >= 128) return normaliseWindow(view.slice(a, b));
    const w = WORD_CHAR[c]!;
    if (w !== 0) out[n++] = w;
    else if (out[n - 1] !== 32) out[n++] = 32;
  }
  if (out[n - 1] !== 32) out[n++] = 32;
  // an empty window is "  ", as ' ' + '' + ' '
  if (n === 1) out[n++] = 32;
  return out.toString('latin1', 0, n);
}

export interface ContextRule {
  /** Phrases (space-separated words) before the candidate that raise the score. */
  before: readonly string[];
  /** Phrases after the candidate that raise the score. */
  after?: readonly string[];
  /** Phrases on either side that lower the score. */
  negative?: readonly string[];
  boost: number;
  penalty?: number;
}

const PHONE_NEG = ['nhs', 'ssn', 'nino', 'mrn', 'chi', 'ref', 'reference', 'code', 'study', 'protocol', 'batch', 'lot', 'order', 'invoice', 'accession', 'sample', 'isrctn', 'eudract', 'nct', 'iras', 'snomed', 'icd', 'version', 'id'];

export const CONTEXT: Partial<Record<Entity, ContextRule>> = {
  UK_NHS: { before: ['nhs', 'nhsno', 'nhs no', 'nhs number', 'nhs num', 'nhs_number', 'national health service', 'chi', 'chi number', 'h c number', 'health and care number'], negative: ['snomed', 'icd', 'code', 'epoch', 'timestamp', 'unix', 'accession', 'barcode', 'isbn', 'order', 'invoice', 'phone', 'tel', 'mobile'], boost: 0.45, penalty: 0.35 },
  PHONE_NUMBER: { before: ['tel', 'telephone', 'phone', 'ph', 'mobile', 'mob', 'cell', 'fax', 'call', 'called', 'contact', 'ring', 'rang', 'number', 'landline', 't', 'm', 'home', 'work', 'daytime', 'on', 'dial', 'whatsapp', 'sms', 'text'], negative: PHONE_NEG, boost: 0.3, penalty: 0.4 },
  US_SSN: { before: ['ssn', 'ss', 'social security', 'social security number', 'social sec', 'soc sec', 'ss no'], negative: ['phone', 'tel', 'order', 'ref', 'code'], boost: 0.4, penalty: 0.3 },
  US_ITIN: { before: ['itin', 'taxpayer', 'tax id', 'tin', 'individual taxpayer'], boost: 0.4 },
  CREDIT_CARD: { before: ['card', 'visa', 'mastercard', 'amex', 'american express', 'credit', 'debit', 'cc', 'payment', 'pan', 'discover', 'maestro'], boost: 0.15, negative: ['order', 'tracking', 'isbn'], penalty: 0.3 },
  IBAN_CODE: { before: ['iban', 'account', 'bank', 'transfer', 'pay', 'sort code'], boost: 0.05 },
  UK_NINO: { before: ['ni', 'nino', 'nin', 'national insurance', 'ni number', 'ni no', 'insurance number'], boost: 0.3 },
  UK_POSTCODE: { before: ['postcode', 'post code', 'address', 'lives', 'resides', 'home'], boost: 0.15 },
  ZIP_CODE: { before: ['zip', 'zipcode', 'zip code', 'postal code', 'postal'], boost: 0.6 },
  IP_ADDRESS: { before: ['ip', 'ip address', 'host', 'server', 'client', 'address', 'from', 'src', 'dst', 'login'], negative: ['version', 'v', 'release', 'build', 'table', 'section', 'figure', 'chapter'], boost: 0.3, penalty: 0.4 },
  MAC_ADDRESS: { before: ['mac', 'mac address', 'hw', 'hardware', 'ether', 'device', 'wifi', 'bluetooth'], boost: 0.3 },
  DATE_OF_BIRTH: { before: ['dob', 'd o b', 'date of birth', 'birth date', 'birthdate', 'born', 'born on', 'b', 'birthday', 'birth'], boost: 0.3 },
  MEDICAL_RECORD_NUMBER: { before: ['mrn', 'medical record', 'medical record number', 'record number', 'record no', 'hospital no', 'hospital number', 'hosp no', 'unit no', 'unit number', 'patient id', 'patient number', 'case no', 'case number', 'pas', 'pas no', 'rtt', 'k number', 'crn', 'casenote', 'case note', 'hospital id', 'mr', 'chart', 'chart number'], boost: 0.8 },
  US_PASSPORT: { before: ['passport', 'passport no', 'passport number', 'travel document'], boost: 0.75 },
  US_DRIVER_LICENSE: { before: ['driver', 'drivers', 'driver s', 'driving', 'licence', 'license', 'dl', 'lic', 'dln', 'permit'], boost: 0.7, negative: ['medical', 'gmc', 'nmc', 'dea', 'npi'], penalty: 0.5 },
  US_BANK_NUMBER: { before: ['account', 'acct', 'account no', 'account number', 'bank', 'checking', 'savings', 'routing', 'a c', 'acc'], boost: 0.65, negative: ['nhs', 'phone', 'tel', 'snomed'], penalty: 0.5 },
  AGE: { before: ['age', 'aged', 'age at', 'ages'], after: ['years', 'year', 'yrs', 'yr', 'yo', 'y o', 'years old', 'year old'], boost: 0.85 },
  DATE_TIME: { before: ['on', 'date', 'dated', 'admitted', 'admission', 'discharged', 'discharge', 'seen', 'appointment', 'attended', 'clinic', 'visit', 'since', 'from', 'until', 'died', 'death', 'deceased', 'operation', 'surgery', 'procedure', 'referral', 'referred'], negative: ['timestamp', 'created', 'modified', 'logged', 'info', 'debug', 'warning', 'error', 'run', 'executed', 'elapsed'], boost: 0.15, penalty: 0.35 },
};

export interface ContextHit {
  readonly delta: number;
  readonly words: readonly string[];
}

/** The result when no word hits (most calls): shared and frozen rather than allocated each time. */
const NO_HIT: ContextHit = Object.freeze({ delta: 0, words: Object.freeze([]) as readonly string[] });

/** Scores a candidate's context against its entity's rule. `before`/`after` are normalised windows. */
interface Phrase {
  /** " word word " */
  padded: string;
  /** the first word's slot in a window's word filter, tested before any substring search */
  slot: number;
  label: string;
  /** "+label" and "-label", built once rather than per hit */
  plus: string;
  minus: string;
}
interface CompiledRule {
  before: Phrase[];
  after: Phrase[];
  negative: Phrase[];
  /** The union of the phrases' slots: a window whose filter shares none of them has no hit at all. */
  beforeMask: Int32Array;
  afterMask: Int32Array;
  negativeMask: Int32Array;
  boost: number;
  penalty: number;
}
const COMPILED = new Map<Entity, CompiledRule>();
for (const [e, r] of Object.entries(CONTEXT) as [Entity, ContextRule][]) {
  // longest phrase first, so the evidence names the most specific cue ("nhs number" rather than "nhs")
  const compile = (xs: readonly string[]): Phrase[] =>
    xs
      .slice()
      .sort((a, b) => b.length - a.length)
      .map((p) => ({ padded: ' ' + p + ' ', slot: wordSlot(p, 0, p.includes(' ') ? p.indexOf(' ') : p.length), label: p, plus: '+' + p, minus: '-' + p }));
  const before = compile(r.before);
  const after = compile(r.after ?? []);
  const negative = compile(r.negative ?? []);
  COMPILED.set(e, { before, after, negative, beforeMask: maskOf(before), afterMask: maskOf(after), negativeMask: maskOf(negative), boost: r.boost, penalty: r.penalty ?? 0.3 });
}

function maskOf(phrases: readonly Phrase[]): Int32Array {
  const m = new Int32Array(8);
  for (const p of phrases) m[p.slot >> 5]! |= 1 << (p.slot & 31);
  return m;
}

/** Whether a window's word filter shares a slot with a rule's mask. */
function overlaps(filter: Int32Array, mask: Int32Array): boolean {
  return ((filter[0]! & mask[0]!) | (filter[1]! & mask[1]!) | (filter[2]! & mask[2]!) | (filter[3]! & mask[3]!) | (filter[4]! & mask[4]!) | (filter[5]! & mask[5]!) | (filter[6]! & mask[6]!) | (filter[7]! & mask[7]!)) !== 0;
}

/** The slot of the first word of a normalised window (" word ..."), or -1 when it has none. */
function firstWordSlot(w: string): number {
  const e = w.indexOf(' ', 1);
  return e > 1 ? wordSlot(w, 1, e) : -1;
}

/** A word's slot (0-255) in a window's word filter: FNV-1a over its characters. */
function wordSlot(w: string, a: number, b: number): number {
  let h = 0x811c9dc5;
  for (let i = a; i < b; i++) h = Math.imul(h ^ w.charCodeAt(i), 16777619);
  return (h ^ (h >>> 8) ^ (h >>> 16)) & 255;
}

/**
 * A 256-bit filter of the words in a normalised window. A phrase can only occur when its first word's slot is
 * set, which rules out nearly every phrase without a substring search (a set slot is then confirmed by one).
 * The same window is scored for several entities in a row, so the last two filters are kept.
 */
let memoA = '';
let memoAF = new Int32Array(8);
let memoB = '';
let memoBF = new Int32Array(8);
function filterOf(w: string): Int32Array {
  if (w === memoA) return memoAF;
  if (w === memoB) return memoBF;
  const f = memoBF;
  f.fill(0);
  let ws = -1;
  for (let i = 1; i < w.length; i++) {
    const sp = w.charCodeAt(i) === 32;
    if (!sp && ws < 0) ws = i;
    else if (sp && ws >= 0) {
      const k = wordSlot(w, ws, i);
      f[k >> 5]! |= 1 << (k & 31);
      ws = -1;
    }
  }
  memoB = memoA;
  memoBF = memoAF;
  memoA = w;
  memoAF = f;
  return f;
}

/** The first phrase (in rule order) found on word boundaries in a normalised window. */
function firstHit(phrases: Phrase[], window: string, filter: Int32Array): Phrase | null {
  for (const p of phrases) if ((filter[p.slot >> 5]! & (1 << (p.slot & 31))) !== 0 && window.includes(p.padded)) return p;
  return null;
}

export function contextScore(entity: Entity, before: string, after: string): ContextHit {
  const rule = COMPILED.get(entity);
  if (!rule) return { delta: 0, words: [] };
  const bw = filterOf(before);
  let words: string[] | null = null;
  let delta = 0;
  // the masks only skip searches that could not hit, so the result is the same as searching every phrase
  let hit = overlaps(bw, rule.beforeMask) ? firstHit(rule.before, before, bw) : null;
  if (!hit && rule.after.length && after.length > 2) {
    const aw = filterOf(after);
    if (overlaps(aw, rule.afterMask)) hit = firstHit(rule.after, after, aw);
  }
  if (hit) {
    words = [hit.plus];
    delta = rule.boost;
  }
  let neg = rule.negative.length && overlaps(bw, rule.negativeMask) ? firstHit(rule.negative, before, bw) : null;
  if (!neg && after.length > 2 && rule.negative.length) {
    // a negative phrase at the very start of the window after: its first word is the window's first word
    const k = firstWordSlot(after);
    if (k >= 0 && (rule.negativeMask[k >> 5]! & (1 << (k & 31))) !== 0) for (const p of rule.negative) if (after.startsWith(p.padded)) neg = p;
  }
  if (neg) {
    (words ??= []).push(neg.minus);
    delta -= rule.penalty;
  }
  return words === null ? NO_HIT : { delta, words };
}

/** True when the last word in the normalised window `before` is one of `words`. */
export function lastWordIn(before: string, words: ReadonlySet<string>): string | null {
  const t = before.trimEnd();
  const i = t.lastIndexOf(' ');
  const w = t.slice(i + 1);
  return words.has(w) ? w : null;
}
