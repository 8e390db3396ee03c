/**
 * Checksum and range validators. Each takes the candidate's significant characters (digits, or
 * upper-case alphanumerics) with separators already removed, and never throws.
 */

/** Luhn (mod-10) check over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 1 && sum % 10 === 0;
}

export type CardNetwork = 'visa' | 'mastercard' | 'amex' | 'discover' | 'jcb' | 'diners' | 'maestro' | 'unionpay';

/** Issuer (IIN) prefix and length rules for the major card networks. Returns null for an unknown issuer. */
export function cardNetwork(digits: string): CardNetwork | null {
  const n = digits.length;
  const p2 = +digits.slice(0, 2);
  const p3 = +digits.slice(0, 3);
  const p4 = +digits.slice(0, 4);
  const p6 = +digits.slice(0, 6);
  if (digits[0] === '4' && (n === 13 || n === 16 || n === 19)) return 'visa';
  if (((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) && n === 16) return 'mastercard';
  if ((p2 === 34 || p2 === 37) && n === 15) return 'amex';
  if ((p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649) || (p6 >= 622126 && p6 <= 622925)) && n >= 16 && n <= 19) return 'discover';
  if (p4 >= 3528 && p4 <= 3589 && n >= 16 && n <= 19) return 'jcb';
  if (((p3 >= 300 && p3 <= 305) || p2 === 36 || p2 === 38 || p2 === 39) && n >= 14 && n <= 19) return 'diners';
  if (p2 === 62 && n >= 16 && n <= 19) return 'unionpay';
  if ((p2 === 50 || (p2 >= 56 && p2 <= 69)) && n >= 12 && n <= 19) return 'maestro';
  return null;
}

/** IBAN total lengths per country (ISO 13616 registry). */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28, CH: 21, CR: 22, CY: 28,
  CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23,
  GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32,
  LI: 21, LT: 20, LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28, NL: 18,
  NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31, SD: 18, SE: 24, SI: 19,
  SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
};

/** ISO 7064 mod-97-10 over an IBAN (upper case, no spaces). Also checks the per-country length. */
export function ibanValid(iban: string): boolean {
  if (iban.length < 15 || iban.length > 34) return false;
  const len = IBAN_LENGTHS[iban.slice(0, 2)];
  if (len === undefined || len !== iban.length) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let rem = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const c = rearranged.charCodeAt(i);
    if (c >= 48 && c <= 57) rem = (rem * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) rem = (rem * 100 + (c - 55)) % 97;
    else return false;
  }
  return rem === 1;
}

/** NHS number mod-11: weights 10..2 over the first nine digits; check = 11 - (sum mod 11), 11 -> 0, 10 -> invalid. */
export function nhsChecksumValid(digits: string): boolean {
  if (digits.length !== 10) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    sum += d * (10 - i);
  }
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  if (check === 10) return false;
  return check === digits.charCodeAt(9) - 48;
}

export type NhsRange = 'england-wales' | 'northern-ireland' | 'scotland-chi' | 'test' | 'unissued';

/**
 * Which issuing range a (checksum-valid) 10-digit number falls in.
 * England, Wales and the Isle of Man: 400-499 and 600-799. Northern Ireland H&C: 320-399.
 * Scotland CHI: 010100 0000 - 311299 9999 with a valid DDMMYY date in the first six digits.
 * 999: the test range (reported at lower severity). Anything else has not been issued.
 */
export function nhsRange(digits: string): NhsRange {
  const p3 = +digits.slice(0, 3);
  if (p3 === 999) return 'test';
  if ((p3 >= 400 && p3 <= 499) || (p3 >= 600 && p3 <= 799)) return 'england-wales';
  if (p3 >= 320 && p3 <= 399) return 'northern-ireland';
  if (p3 <= 311) {
    const dd = +digits.slice(0, 2);
    const mm = +digits.slice(2, 4);
    if (mm >= 1 && mm <= 12 && dd >= 1 && dd <= daysInMonth(2000 + +digits.slice(4, 6), mm)) return 'scotland-chi';
  }
  return 'unissued';
}

/** nhsChecksumValid on ten digit values (0-9), for callers that read digits in place. */
export function nhsChecksumValidDigits(d: ArrayLike<number>): boolean {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += d[i]! * (10 - i);
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  if (check === 10) return false;
  return check === d[9];
}

/** nhsRange on ten digit values (0-9). */
export function nhsRangeDigits(d: ArrayLike<number>): NhsRange {
  const p3 = d[0]! * 100 + d[1]! * 10 + d[2]!;
  if (p3 === 999) return 'test';
  if ((p3 >= 400 && p3 <= 499) || (p3 >= 600 && p3 <= 799)) return 'england-wales';
  if (p3 >= 320 && p3 <= 399) return 'northern-ireland';
  if (p3 <= 311) {
    const dd = d[0]! * 10 + d[1]!;
    const mm = d[2]! * 10 + d[3]!;
    if (mm >= 1 && mm <= 12 && dd >= 1 && dd <= daysInMonth(2000 + d[4]! * 10 + d[5]!, mm)) return 'scotland-chi';
  }
  return 'unissued';
}

/** US SSN rules: area not 000, 666 or 9xx; group not 00; serial not 0000; not all one digit; not a well-known sample. */
export function ssnValid(digits: string): boolean {
  if (digits.length !== 9 || !/^\d{9}$/.test(digits)) return false;
  const area = +digits.slice(0, 3);
  const group = +digits.slice(3, 5);
  const serial = +digits.slice(5);
  if (area === 0 || area === 666 || area >= 900) return false;
  if (group === 0 || serial === 0) return false;
  if (/^(\d)\1{8}$/.test(digits)) return false;
  if (SSN_SAMPLES.has(digits)) return false;
  return true;
}
const SSN_SAMPLES = new Set(['123456789', '987654321', '078051120', '219099999', '457555462']);

/** US ITIN: 9xx, middle group 50-65, 70-88, 90-92 or 94-99. */
export function itinValid(digits: string): boolean {
  if (digits.length !== 9 || digits[0] !== '9') return false;
  const g = +digits.slice(3, 5);
  return (g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || (g >= 94 && g <= 99);
}

/** UK National Insurance number (upper case, no spaces): prefix rules and suffix A-D. */
export function ninoValid(nino: string): boolean {
  if (nino.length !== 9) return false;
  const a = nino[0]!;
  const b = nino[1]!;
  if ('DFIQUV'.includes(a) || 'DFIOQUV'.includes(b)) return false;
  if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z') return false;
  if (NINO_BAD_PREFIXES.has(a + b)) return false;
  for (let i = 2; i < 8; i++) {
    const c = nino.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return 'ABCD'.includes(nino[8]!);
}
const NINO_BAD_PREFIXES = new Set(['BG', 'GB', 'NK', 'KN', 'NT', 'TN', 'ZZ']);

/**
 * Verhoeff check digit (used by SNOMED CT identifiers). Used to recognise codes that are *not* personal
 * identifiers when SNOMED context is present.
 */
export function verhoeffValid(digits: string): boolean {
  let c = 0;
  const len = digits.length;
  for (let i = 0; i < len; i++) {
    const d = digits.charCodeAt(len - 1 - i) - 48;
    if (d < 0 || d > 9) return false;
    c = VERHOEFF_D[c]![VERHOEFF_P[i % 8]![d]!]!;
  }
  return len > 1 && c === 0;
}
const VERHOEFF_D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6], [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1], [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2], [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 8, 7, 6, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1], [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/** ABA routing number checksum (3-7-1 weights). */
export function abaValid(digits: string): boolean {
  if (digits.length !== 9 || !/^\d{9}$/.test(digits)) return false;
  const d = (i: number) => digits.charCodeAt(i) - 48;
  const s = 3 * (d(0) + d(3) + d(6)) + 7 * (d(1) + d(4) + d(7)) + (d(2) + d(5) + d(8));
  return s % 10 === 0 && s > 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Calendar validity for a full date; accepts years 1870-2099. */
export function validYmd(y: number, m: number, d: number): boolean {
  return y >= 1870 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Expands a two-digit year the way a clinician would read it (pivot 30 years ahead of 2000). */
export function expandYear(y2: number): number {
  return y2 <= 30 ? 2000 + y2 : 1900 + y2;
}
