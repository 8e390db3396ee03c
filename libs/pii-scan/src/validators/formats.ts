/** Format validators for UK postcodes, phone numbers, network addresses, e-mail domains and US ZIP codes. */

/** UK postcode areas (Royal Mail), including the Crown dependencies and the non-geographic BF, BX and GX. */
export const UK_POSTCODE_AREAS: ReadonlySet<string> = new Set(
  ('AB AL B BA BB BD BF BH BL BN BR BS BT BX CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN EX ' +
    'FK FY G GL GU GX GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE NG ' +
    'NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW ' +
    'UB W WA WC WD WF WN WR WS WV YO ZE').split(' '),
);

const INWARD_BAD = /[CIKMOV]/;

export interface PostcodeParts {
  outward: string;
  inward: string;
  area: string;
}

/**
 * Parses a full UK postcode (any case, with or without the single space) and checks the area against
 * the known list and the letter-position rules. Returns null when it is not a valid postcode.
 */
export function parseUkPostcode(raw: string): PostcodeParts | null {
  const s = raw.toUpperCase().replace(/ /g, '');
  if (s === 'GIR0AA') return { outward: 'GIR', inward: '0AA', area: 'GIR' };
  if (s.length < 5 || s.length > 7) return null;
  const inward = s.slice(-3);
  const outward = s.slice(0, -3);
  if (!/^[0-9][A-Z]{2}$/.test(inward) || INWARD_BAD.test(inward.slice(1))) return null;
  const m = /^([A-Z]{1,2})([0-9])([0-9A-Z]?)$/.exec(outward);
  if (!m) return null;
  const area = m[1]!;
  if (!UK_POSTCODE_AREAS.has(area)) return null;
  const tail = m[3]!;
  if (tail !== '' && !/[0-9]/.test(tail)) {
    // A9A / AA9A districts: only a few areas (London central districts) use a trailing letter.
    if (!/^[ABCDEFGHJKPSTUW]$/.test(tail) && !/^[ABEHMNPRVWXY]$/.test(tail)) return null;
  }
  return { outward, inward, area };
}

/** An outward code on its own (e.g. "SW1A", "LS6"). */
export function validOutwardCode(raw: string): boolean {
  const m = /^([A-Z]{1,2})[0-9][0-9A-Z]?$/.exec(raw.toUpperCase());
  return m !== null && UK_POSTCODE_AREAS.has(m[1]!);
}

export type PhoneRegion = 'GB' | 'US' | 'INTL';

export interface PhoneInfo {
  region: PhoneRegion;
  /** National significant number (digits only). */
  nsn: string;
}

/**
 * Classifies a phone candidate from its digits and whether it had a leading "+".
 * GB: 0 + 9 or 10 digits (or +44 …) starting 1, 2, 3, 5, 7, 8 or 9. US: NANP, area and exchange codes 2-9xx.
 * Other country codes: 8-15 digits in total.
 */
export function classifyPhone(digits: string, plus: boolean): PhoneInfo | null {
  if (plus) {
    if (digits.startsWith('44')) {
      let nsn = digits.slice(2);
      if (nsn[0] === '0') nsn = nsn.slice(1);
      return ukNsnOk(nsn) ? { region: 'GB', nsn } : null;
    }
    if (digits[0] === '1') {
      const nsn = digits.slice(1);
      return nanpOk(nsn) ? { region: 'US', nsn } : null;
    }
    if (digits.length >= 8 && digits.length <= 15 && digits[0] !== '0') return { region: 'INTL', nsn: digits };
    return null;
  }
  if (digits[0] === '0') {
    const nsn = digits.slice(1);
    return ukNsnOk(nsn) ? { region: 'GB', nsn } : null;
  }
  if (digits.length === 11 && digits[0] === '1') {
    const nsn = digits.slice(1);
    return nanpOk(nsn) ? { region: 'US', nsn } : null;
  }
  if (digits.length === 10 && nanpOk(digits)) return { region: 'US', nsn: digits };
  return null;
}

function ukNsnOk(nsn: string): boolean {
  if (nsn.length !== 10 && nsn.length !== 9) return false;
  const f = nsn[0];
  if (f === '1' || f === '2' || f === '3' || f === '5' || f === '7' || f === '8' || f === '9') {
    if (nsn.length === 9) return f === '1' || f === '8' || f === '5';
    return true;
  }
  return false;
}

function nanpOk(nsn: string): boolean {
  if (nsn.length !== 10) return false;
  const a = nsn.charCodeAt(0) - 48;
  const e = nsn.charCodeAt(3) - 48;
  if (a < 2 || e < 2) return false;
  // N11 service codes are not area codes.
  if (nsn[1] === '1' && nsn[2] === '1') return false;
  return true;
}

export function ipv4Valid(s: string): boolean {
  const parts = s.split('.');
  if (parts.length !== 4) return false;
  for (const p of parts) {
    if (p.length === 0 || p.length > 3 || (p.length > 1 && p[0] === '0')) return false;
    if (+p > 255) return false;
  }
  return true;
}

/** Strict IPv6 text form: eight groups, or one "::" compression; optional trailing dotted IPv4. */
export function ipv6Valid(s: string): boolean {
  if (s.length < 2 || s.length > 45) return false;
  const dbl = s.indexOf('::');
  if (dbl !== -1 && s.indexOf('::', dbl + 1) !== -1) return false;
  let groups = s.split(':');
  let extra = 0;
  const last = groups[groups.length - 1]!;
  if (last.includes('.')) {
    if (!ipv4Valid(last)) return false;
    groups = groups.slice(0, -1);
    extra = 2;
  }
  let count = 0;
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    if (g === '') continue;
    if (!/^[0-9A-Fa-f]{1,4}$/.test(g)) return false;
    count++;
  }
  if (dbl === -1) return count + extra === 8 && !groups.includes('');
  return count + extra < 8;
}

/** Top-level domains accepted in e-mail addresses and bare host names: every two-letter ccTLD plus these. */
export const GENERIC_TLDS: ReadonlySet<string> = new Set(
  ('com org net edu gov mil int info biz name pro io ai app dev co uk us eu asia mobi tel travel jobs museum aero coop ' +
    'xyz online site tech store shop blog cloud email health care clinic hospital doctor nhs academy school science ' +
    'global world life live news media agency digital network systems solutions services company group team').split(' '),
);

export function tldValid(tld: string): boolean {
  const t = tld.toLowerCase();
  if (t.length === 2) return /^[a-z]{2}$/.test(t);
  return GENERIC_TLDS.has(t);
}

/** The 17 three-digit ZIP prefixes with 20,000 or fewer people (HIPAA Safe Harbor, 2000 census): shown as 000. */
export const RESTRICTED_ZIP3: ReadonlySet<string> = new Set(
  '036 059 063 102 203 556 692 790 821 823 830 831 878 879 884 890 893'.split(' '),
);

export const US_STATE_ABBRS: ReadonlySet<string> = new Set(
  ('AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR ' +
    'PA RI SC SD TN TX UT VT VA WA WV WI WY PR').split(' '),
);
