/**
 * A seeded generator of labelled synthetic documents with a UK and US health-research flavour: clinic letters,
 * discharge summaries, clinical notes, CSV extracts and notebook outputs, built from Faker's en_GB and en_US
 * locales, plus hard negatives (SNOMED and ICD codes, lab values, timestamps, gene names, 10-digit numbers that
 * fail mod-11, phone-like study codes). Names from non-English Faker locales (which the name dictionaries do not
 * contain) make up part of the PERSON spans, so the evaluation also measures names outside the dictionaries.
 */
import { allFakers, fakerEN_GB, fakerEN_US, type Faker } from '@faker-js/faker';
import type { Entity } from '../types';
import { luhnValid, nhsChecksumValid, verhoeffValid } from '../validators/checksums';
import { UK_POSTCODE_AREAS } from '../validators/formats';

export interface GoldSpan {
  entity: Entity | 'NEGATIVE';
  start: number;
  end: number;
  /** For PERSON: whether the name came from a locale outside the name dictionaries. */
  oov?: boolean;
  /** For NEGATIVE: what kind of hard negative. */
  kind?: string;
}

export interface GoldDocument {
  id: string;
  kind: 'letter' | 'discharge' | 'note' | 'csv' | 'notebook' | 'email';
  ext: '.txt' | '.md' | '.csv' | '.ipynb' | '.json';
  text: string;
  spans: GoldSpan[];
}

/** mulberry32: a small seeded PRNG for the generator's own choices. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Builder {
  text = '';
  spans: GoldSpan[] = [];
  constructor(private readonly json = false) {}
  lineBreak: (() => string) | null = null;
  private esc(s: string): string {
    if (!this.json) return s;
    const lb = this.lineBreak;
    return s
      .split('\n')
      .map((x) => JSON.stringify(x).slice(1, -1))
      .join(lb ? lb() : '\\n');
  }
  t(s: string): this {
    this.text += this.esc(s);
    return this;
  }
  raw(s: string): this {
    this.text += s;
    return this;
  }
  e(entity: Entity, value: string, extra: Partial<GoldSpan> = {}): this {
    const v = this.esc(value);
    this.spans.push({ entity, start: this.text.length, end: this.text.length + v.length, ...extra });
    this.text += v;
    return this;
  }
  call(f: () => void): this {
    f();
    return this;
  }
  n(kind: string, value: string): this {
    const v = this.esc(value);
    this.spans.push({ entity: 'NEGATIVE', start: this.text.length, end: this.text.length + v.length, kind });
    this.text += v;
    return this;
  }
}

const OOV_LOCALES = ['de', 'fr', 'pl', 'nl', 'sv', 'it', 'es', 'tr', 'pt_PT', 'nb_NO', 'da', 'fi', 'cs_CZ', 'hu'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MON3 = MONTHS.map((m) => m.slice(0, 3));
const SPECIALTIES = ['Cardiology', 'Respiratory Medicine', 'Diabetes and Endocrinology', 'Neurology', 'Rheumatology', 'Gastroenterology', 'Renal Medicine', 'Elderly Care', 'Oncology'];
const UK_CITIES = ['Leeds', 'Manchester', 'Sheffield', 'Bristol', 'Nottingham', 'Leicester', 'Coventry', 'Bradford', 'Cardiff', 'Glasgow', 'Edinburgh', 'Liverpool', 'Newcastle', 'Southampton', 'Norwich', 'Exeter', 'York', 'Oxford', 'Cambridge', 'Brighton', 'Plymouth', 'Derby', 'Swansea', 'Belfast', 'Aberdeen', 'Dundee', 'Preston', 'Bolton', 'Wigan', 'Stockport', 'Luton', 'Reading', 'Swindon', 'Ipswich', 'Peterborough', 'Gloucester', 'Worcester', 'Chester', 'Lincoln', 'Doncaster'];
const DRUGS = ['metformin 500 mg twice daily', 'atorvastatin 20 mg at night', 'ramipril 5 mg once daily', 'bisoprolol 2.5 mg once daily', 'apixaban 5 mg twice daily', 'levothyroxine 75 micrograms', 'salbutamol inhaler as required', 'omeprazole 20 mg once daily'];
const SNOMED = ['22298006', '73211009', '44054006', '38341003', '195967001', '230690007', '84114007', '13645005', '49436004', '53741008', '35489007', '69896004'].filter((c) => verhoeffValid(c));
const ICD = ['E11.9', 'I21.4', 'J45.909', 'C50.911', 'I10', 'N18.3', 'F32.1', 'G20', 'K50.90', 'J44.1', 'E78.5', 'I48.91'];
const OPCS = ['K40.1', 'W37.1', 'H22.9', 'L75.2', 'K63.1'];
const GENES = ['BRCA1', 'BRCA2', 'TP53', 'EGFR L858R', 'KRAS G12C', 'CDKN2A', 'HLA-B*57:01', 'APOE e4', 'HER2', 'ATP7B', 'CFTR F508del', 'MLH1', 'PIK3CA H1047R'];

export interface GeneratorOptions {
  seed?: number;
  documents?: number;
}

export interface GeneratedSet {
  documents: GoldDocument[];
  /** Clear-text study identifiers given to the scanner as the project's known-identifier list. */
  knownIdentifiers: string[];
}

export function generate(opts: GeneratorOptions = {}): GeneratedSet {
  const seed = opts.seed ?? 20261129;
  const count = opts.documents ?? 420;
  const r = rng(seed);
  fakerEN_GB.seed(seed);
  fakerEN_US.seed(seed + 1);
  const oovFakers = OOV_LOCALES.map((l, i) => {
    const f = allFakers[l as keyof typeof allFakers] as Faker;
    f.seed(seed + 100 + i);
    return f;
  });
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const int = (a: number, b: number) => a + Math.floor(r() * (b - a + 1));
  const chance = (p: number) => r() < p;
  const digits = (n: number) => Array.from({ length: n }, () => int(0, 9)).join('');
  const known: string[] = [];

  // --- value generators ------------------------------------------------------------------------------
  const asciiName = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z' -]/g, '');
  const person = (uk: boolean): { first: string; last: string; oov: boolean } => {
    if (chance(0.15)) {
      const f = pick(oovFakers);
      const first = asciiName(f.person.firstName());
      const last = asciiName(f.person.lastName());
      if (first.length > 1 && last.length > 1) return { first, last, oov: true };
    }
    const f = uk ? fakerEN_GB : fakerEN_US;
    return { first: f.person.firstName(), last: f.person.lastName(), oov: false };
  };
  const fullName = (p: { first: string; last: string }) => (chance(0.12) ? `${p.first} ${String.fromCharCode(65 + int(0, 25))}. ${p.last}` : `${p.first} ${p.last}`);
  const nhs = (): string => {
    for (;;) {
      const first = pick(['4', '6', '7', '4', '6']);
      const d = first + digits(9);
      if (nhsChecksumValid(d) && !d.startsWith('999')) {
        const style = int(0, 3);
        return style === 0 ? d : style === 3 ? `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}` : `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`;
      }
    }
  };
  const notNhs10 = (): string => {
    for (;;) {
      const d = String(int(1, 9)) + digits(9);
      if (!nhsChecksumValid(d)) return d;
    }
  };
  const nino = (): string => {
    const bad1 = 'DFIQUV';
    const bad2 = 'DFIOQUV';
    for (;;) {
      const a = String.fromCharCode(65 + int(0, 25));
      const b = String.fromCharCode(65 + int(0, 25));
      if (bad1.includes(a) || bad2.includes(b) || ['BG', 'GB', 'NK', 'KN', 'NT', 'TN', 'ZZ'].includes(a + b)) continue;
      const d = digits(6);
      const s = 'ABCD'[int(0, 3)];
      return chance(0.5) ? `${a}${b}${d}${s}` : `${a}${b} ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4)} ${s}`;
    }
  };
  const areas = [...UK_POSTCODE_AREAS].filter((a) => !['BF', 'BX', 'GX', 'GY', 'JE', 'IM'].includes(a));
  const postcode = (): string => {
    const inwardLetters = 'ABDEFGHJLNPQRSTUWXYZ';
    const a = pick(areas);
    const district = String(int(1, a.length === 1 ? 40 : 30));
    return `${a}${district} ${int(0, 9)}${inwardLetters[int(0, inwardLetters.length - 1)]}${inwardLetters[int(0, inwardLetters.length - 1)]}`;
  };
  const date = (y0: number, y1: number): { y: number; m: number; d: number } => ({ y: int(y0, y1), m: int(1, 12), d: int(1, 28) });
  const fmtDate = (x: { y: number; m: number; d: number }, style = int(0, 6)): string => {
    const p2 = (n: number) => String(n).padStart(2, '0');
    switch (style) {
      case 0:
        return `${p2(x.d)}/${p2(x.m)}/${x.y}`;
      case 1:
        return `${x.y}-${p2(x.m)}-${p2(x.d)}`;
      case 2:
        return `${x.d} ${MONTHS[x.m - 1]} ${x.y}`;
      case 3:
        return `${MONTHS[x.m - 1]} ${x.d}, ${x.y}`;
      case 4:
        return `${p2(x.d)}-${MON3[x.m - 1]}-${x.y}`;
      case 5:
        return `${x.d}/${x.m}/${x.y}`;
      default:
        return `${p2(x.d)}.${p2(x.m)}.${x.y}`;
    }
  };
  const ukPhone = (): string =>
    pick([
      () => `020 7946 0${digits(3)}`,
      () => `0113 496 0${digits(3)}`,
      () => `07700 900${digits(3)}`,
      () => `0161 496 0${digits(3)}`,
      () => `+44 20 7946 0${digits(3)}`,
      () => `+44 (0)117 496 0${digits(3)}`,
      () => fakerEN_GB.phone.number({ style: 'human' }),
      () => fakerEN_GB.phone.number({ style: 'national' }),
      () => `07${int(400, 999)} ${digits(6)}`,
    ])();
  const usPhone = (): string => fakerEN_US.phone.number({ style: pick(['human', 'national', 'international'] as const) });
  const ssn = (): string => {
    for (;;) {
      const a = int(1, 899);
      if (a === 666) continue;
      return `${String(a).padStart(3, '0')}-${String(int(1, 99)).padStart(2, '0')}-${String(int(1, 9999)).padStart(4, '0')}`;
    }
  };
  const itin = (): string => `9${digits(2)}-${pick(['70', '71', '75', '78', '80', '83', '88', '90', '92', '94', '99'])}-${digits(4)}`;
  const card = (): string => {
    for (;;) {
      const c = fakerEN_US.finance.creditCardNumber(pick(['visa', 'mastercard', 'amex', 'discover', 'jcb']));
      if (luhnValid(c.replace(/\D/g, ''))) return c;
    }
  };
  const iban = (): string => fakerEN_GB.finance.iban({ formatted: chance(0.7), countryCode: pick(['GB', 'DE', 'FR', 'NL', 'IE', 'ES']) });
  const mrn = (): string => pick([() => `RXH${digits(7)}`, () => `K${digits(7)}`, () => digits(8), () => `${pick(['A', 'B', 'M'])}${digits(6)}`, () => `MRN${digits(6)}`])();
  const age90 = () => String(int(90, 104));
  const ukAddress = (b: Builder, town = true) => {
    let street = fakerEN_GB.location.streetAddress();
    if (chance(0.2)) street = `Flat ${int(1, 24)}, ${street}`;
    b.e('STREET_ADDRESS', street);
    if (town) b.t(', ').e('LOCATION', pick(UK_CITIES));
    b.t(chance(0.5) ? ', ' : ' ').e('UK_POSTCODE', postcode());
  };
  const usAddress = (b: Builder) => {
    b.e('STREET_ADDRESS', fakerEN_US.location.streetAddress(chance(0.3)));
    b.t(', ').e('LOCATION', chance(0.8) ? fakerEN_US.location.city() : pick(['Springfield', 'Portland', 'Columbus', 'Austin', 'Denver']));
    b.t(`, ${fakerEN_US.location.state({ abbreviated: true })} `).e('ZIP_CODE', fakerEN_US.location.zipCode(pick(['#####', '#####-####'])));
  };
  const negLab = (b: Builder): Builder => {
    const labs = [
      () => b.t('HbA1c ').n('lab', `${int(38, 95)} mmol/mol`),
      () => b.t('eGFR ').n('lab', `${int(15, 90)} mL/min/1.73m2`),
      () => b.t('Hb ').n('lab', `${int(85, 160)} g/L`),
      () => b.t('sodium ').n('lab', `${int(128, 146)} mmol/L`),
      () => b.t('BP ').n('lab', `${int(100, 180)}/${int(60, 100)} mmHg`),
      () => b.t('platelets ').n('lab', `${int(90, 450)} x10^9/L`),
      () => b.t('creatinine ').n('lab', `${int(50, 300)} umol/L`),
      () => b.t('INR ').n('lab', `${int(1, 4)}.${int(0, 9)}`),
    ];
    pick(labs)();
    return b;
  };
  const negCode = (b: Builder): Builder => {
    pick([
      () => b.t('SNOMED CT ').n('snomed', pick(SNOMED)),
      () => b.t('ICD-10 ').n('icd', pick(ICD)),
      () => b.t('OPCS ').n('opcs', pick(OPCS)),
      () => b.t('gene ').n('gene', pick(GENES)),
      () => b.t('sample ID ').n('ten-digit-not-nhs', notNhs10()),
      () => b.t('EudraCT ').n('study-code', `${int(2005, 2023)}-${digits(6)}-${digits(2)}`),
      () => b.t('ISRCTN').n('study-code', digits(8)),
      () => b.t('trial ').n('study-code', `NCT0${digits(7)}`),
      () => b.t('REC ref ').n('study-code', `${int(10, 24)}/${pick(['LO', 'NE', 'WM', 'SC', 'YH'])}/${digits(4)}`),
      () => b.t('study code ').n('study-code', `0${int(100, 999)}-${digits(3)}-${digits(3)}`),
      () => b.t('batch ').n('study-code', `${digits(3)}-${digits(3)}-${digits(3)}`),
    ])();
    return b;
  };
  const negTimestamp = (b: Builder) => {
    const d = date(2021, 2025);
    const p2 = (n: number) => String(n).padStart(2, '0');
    pick([
      () => b.n('timestamp', `${d.y}-${p2(d.m)}-${p2(d.d)} ${p2(int(0, 23))}:${p2(int(0, 59))}:${p2(int(0, 59))},${digits(3)}`),
      () => b.n('timestamp', `${d.y}-${p2(d.m)}-${p2(d.d)}T${p2(int(0, 23))}:${p2(int(0, 59))}:${p2(int(0, 59))}Z`),
      () => b.n('timestamp', `${p2(int(0, 23))}:${p2(int(0, 59))}:${p2(int(0, 59))}`),
      () => b.t('epoch ').n('timestamp', `${int(1600000000, 1750000000)}`),
    ])();
  };

  // --- document templates ---------------------------------------------------------------------------
  const letter = (): Builder => {
    const b = new Builder();
    const pt = person(true);
    const gp = person(true);
    const cons = person(true);
    b.t(`${pick(UK_CITIES)} Teaching Hospitals NHS Foundation Trust\nDepartment of ${pick(SPECIALTIES)}\n`);
    b.t('Clinic date: ').e('DATE_TIME', fmtDate(date(2019, 2025))).t('\n\n');
    b.t('Dear Dr ').e('PERSON', gp.last, { oov: gp.oov }).t(',\n\n');
    b.t('Re: ').e('PERSON', fullName(pt), { oov: pt.oov }).t(chance(0.5) ? '   DOB: ' : ', date of birth ').e('DATE_OF_BIRTH', fmtDate(date(1925, 2004))).t('\n');
    b.t('NHS No: ').e('UK_NHS', nhs()).t(chance(0.4) ? '   Hospital No: ' : '   MRN: ').e('MEDICAL_RECORD_NUMBER', mrn()).t('\n');
    b.t('Address: ');
    ukAddress(b);
    b.t('\n\n');
    const he = chance(0.5) ? 'He' : 'She';
    b.t(`I reviewed ${he === 'He' ? 'Mr' : 'Mrs'} `).e('PERSON', pt.last, { oov: pt.oov }).t(' in clinic today. ');
    if (chance(0.35)) b.t(`${he} is a `).e('AGE', age90()).t('-year-old with ');
    else b.t(`${he} is ${int(30, 85)} years old with `);
    b.t(`${pick(['type 2 diabetes', 'heart failure', 'COPD', 'atrial fibrillation', 'chronic kidney disease'])}. Her `);
    negLab(b);
    b.t(' and ');
    negLab(b);
    b.t('. Coded as ');
    negCode(b);
    b.t('.\n');
    if (chance(0.5)) {
      const rel = person(true);
      b.t(`${he === 'He' ? 'His' : 'Her'} ${pick(['daughter', 'son', 'wife', 'husband', 'carer'])} `).e('PERSON', fullName(rel), { oov: rel.oov }).t(' can be reached on ').e('PHONE_NUMBER', ukPhone()).t('.\n');
    }
    b.t('Medication: ' + pick(DRUGS) + '. ');
    if (chance(0.3)) b.t('National Insurance number ').e('UK_NINO', nino()).t('. ');
    b.t('Next appointment ').e('DATE_TIME', fmtDate(date(2024, 2026))).t('.\n\nYours sincerely,\n\nDr ').e('PERSON', fullName(cons), { oov: cons.oov }).t(`\nConsultant in ${pick(SPECIALTIES)}\n`);
    b.t('Tel: ').e('PHONE_NUMBER', ukPhone()).t('  Email: ').e('EMAIL_ADDRESS', `${cons.first}.${cons.last}`.toLowerCase().replace(/[^a-z.]/g, '') + pick(['@nhs.net', '@nhs.uk', '@ouh.nhs.uk', '@example.ac.uk'])).t('\n');
    return b;
  };
  const discharge = (): Builder => {
    const b = new Builder();
    const pt = person(false);
    const att = person(false);
    b.t('DISCHARGE SUMMARY\n\nPatient: ').e('PERSON', fullName(pt), { oov: pt.oov }).t('    MRN: ').e('MEDICAL_RECORD_NUMBER', mrn()).t('\nDOB: ').e('DATE_OF_BIRTH', fmtDate(date(1925, 2004), int(0, 3))).t('    Sex: ').t(pick(['M', 'F'])).t('\n');
    b.t('Admission Date: ').e('DATE_TIME', fmtDate(date(2020, 2025))).t('    Discharge Date: ').e('DATE_TIME', fmtDate(date(2020, 2025))).t('\n');
    b.t('Address: ');
    usAddress(b);
    b.t('\nPhone: ').e('PHONE_NUMBER', usPhone()).t('\n');
    if (chance(0.5)) b.t('SSN: ').e('US_SSN', ssn()).t('\n');
    if (chance(0.15)) b.t('ITIN: ').e('US_ITIN', itin()).t('\n');
    b.t('Attending physician: Dr. ').e('PERSON', fullName(att), { oov: att.oov }).t('\n\nHOSPITAL COURSE\n');
    b.t('The patient is a ');
    if (chance(0.4)) b.e('AGE', age90()).t(' year old ');
    else b.t(`${int(25, 88)} year old `);
    b.t(`${pick(['man', 'woman'])} admitted with ${pick(['NSTEMI', 'pneumonia', 'a fall', 'sepsis', 'DKA'])} (`);
    b.n('icd', pick(ICD)).t('). ');
    negLab(b);
    b.t(' on admission. ');
    if (chance(0.3)) b.t('Payment card on file: ').e('CREDIT_CARD', card()).t('. ');
    if (chance(0.2)) b.t('Bank account number ').e('US_BANK_NUMBER', digits(int(9, 12))).t(' for reimbursement. ');
    if (chance(0.15)) b.t('Passport number ').e('US_PASSPORT', chance(0.5) ? digits(9) : `${String.fromCharCode(65 + int(0, 25))}${digits(8)}`).t('. ');
    if (chance(0.15)) b.t("Driver's license ").e('US_DRIVER_LICENSE', `${String.fromCharCode(65 + int(0, 25))}${digits(7)}`).t('. ');
    b.t('Follow up with Dr. ').e('PERSON', person(false).last).t(' on ').e('DATE_TIME', fmtDate(date(2024, 2026), int(0, 3))).t('.\n');
    if (chance(0.3)) b.t('Patient portal: ').e('URL', `https://portal.${fakerEN_US.internet.domainWord()}.org/patients/${digits(6)}`).t('\n');
    return b;
  };
  const note = (): Builder => {
    const b = new Builder();
    const uk = chance(0.6);
    const pt = person(uk);
    const sentences: (() => void)[] = [
      () => b.t('Seen by ').e('PERSON', fullName(person(uk))).t(' on ').e('DATE_TIME', fmtDate(date(2019, 2025))).t('. '),
      () => b.e('PERSON', pt.first, { oov: pt.oov }).t(` ${pick(['was seen today', 'attended with her mother', 'reports improved breathing', 'has been unwell for 3 days'])}. `),
      () => b.t('Lives with husband ').e('PERSON', person(uk).first).t(' at ').call(() => (uk ? ukAddress(b, chance(0.5)) : usAddress(b))).t('. '),
      () => b.t('Contact number ').e('PHONE_NUMBER', uk ? ukPhone() : usPhone()).t('. '),
      () => b.t('Email ').e('EMAIL_ADDRESS', (uk ? fakerEN_GB : fakerEN_US).internet.email()).t(' for correspondence. '),
      () => b.t('Remote login from ').e('IP_ADDRESS', chance(0.7) ? fakerEN_US.internet.ipv4() : fakerEN_US.internet.ipv6()).t('. '),
      () => b.t('Device MAC ').e('MAC_ADDRESS', fakerEN_US.internet.mac(chance(0.7) ? ':' : '-')).t('. '),
      () => b.t('Aged ').e('AGE', age90()).t(', lives alone. '),
      () => b.t(`Moved to `).e('LOCATION', pick(UK_CITIES)).t(` in ${int(1990, 2020)}. `),
      () => b.t('Participant ').call(() => {
        const id = `CLS-${digits(5)}`;
        known.push(id);
        b.e('KNOWN_IDENTIFIER', id);
      }).t(' consented. '),
      () => b.t('Refund to IBAN ').e('IBAN_CODE', iban()).t('. '),
      () => negCode(b).t(' recorded. '),
      () => negLab(b).t(' today. '),
      () => b.t('Variant in ').n('gene', pick(GENES)).t(' detected. '),
      () => b.t('Log time ').call(() => negTimestamp(b)).t('. '),
      () => b.t('NHS number ').e('UK_NHS', nhs()).t('. '),
      () => b.t('Known Parkinson\'s disease and Crohn\'s disease; Glasgow Coma Scale 15. '),
      () => b.t('DOB ').e('DATE_OF_BIRTH', fmtDate(date(1925, 2004))).t('. '),
    ];
    b.t(chance(0.5) ? '# Progress note\n\n' : '');
    const n = int(5, 9);
    for (let i = 0; i < n; i++) pick(sentences)();
    b.t('\n');
    return b;
  };
  const email = (): Builder => {
    const b = new Builder();
    const from = person(true);
    const pt = person(true);
    b.t('From: ').e('EMAIL_ADDRESS', fakerEN_GB.internet.email({ firstName: from.first, lastName: from.last })).t('\nSubject: referral\n\nHi ').e('PERSON', person(true).first).t(',\n\n');
    b.t('Please could you see ').e('PERSON', fullName(pt), { oov: pt.oov }).t(' (NHS number ').e('UK_NHS', nhs()).t(', DOB ').e('DATE_OF_BIRTH', fmtDate(date(1925, 2004))).t('). ');
    b.t('Postcode ').e('UK_POSTCODE', postcode()).t('. Mobile ').e('PHONE_NUMBER', ukPhone()).t('.\n');
    b.t('Study: ');
    negCode(b);
    b.t('; ');
    negCode(b);
    b.t('.\n\nThanks,\n').e('PERSON', fullName(from), { oov: from.oov }).t('\n');
    return b;
  };
  const csv = (): Builder => {
    const b = new Builder();
    b.t('record_id,nhs_number,forename,surname,dob,sex,postcode,admission_date,diagnosis_code,hba1c,notes\n');
    const rows = int(6, 14);
    for (let i = 0; i < rows; i++) {
      const p = person(true);
      b.t(`${1000 + i},`).e('UK_NHS', nhs().replace(/[ -]/g, '')).t(',').e('PERSON', p.first, { oov: p.oov }).t(',').e('PERSON', p.last, { oov: p.oov }).t(',');
      b.e('DATE_OF_BIRTH', fmtDate(date(1925, 2004), 1)).t(`,${pick(['M', 'F'])},`).e('UK_POSTCODE', postcode()).t(',').e('DATE_TIME', fmtDate(date(2019, 2025), 1)).t(',');
      b.n('icd', pick(ICD)).t(',').n('lab', String(int(38, 95))).t(',');
      const k = int(0, 3);
      if (k === 0) b.t('"Seen by Dr ').e('PERSON', person(true).last).t('"');
      else if (k === 1) b.t('"Call ').e('PHONE_NUMBER', ukPhone()).t('"');
      else if (k === 2) b.t('stable');
      else b.t('"no change, review in 6 months"');
      b.t('\n');
    }
    return b;
  };
  const notebook = (): Builder => {
    const b = new Builder(true);
    let inOutput = false;
    // nbformat stores output text as one JSON string per line
    b.lineBreak = () => (inOutput ? '\\n",\n      "' : '\\n');
    const cell = (type: 'code' | 'markdown', src: () => void, outputs?: () => void) => {
      b.raw(`  {\n   "cell_type": "${type}",\n   "metadata": {},\n`);
      if (type === 'code') b.raw('   "execution_count": 1,\n');
      b.raw('   "source": [\n    "');
      src();
      b.raw('"\n   ]');
      if (type === 'code') {
        b.raw(',\n   "outputs": [\n    {\n     "name": "stdout",\n     "output_type": "stream",\n     "text": [\n      "');
        inOutput = true;
        outputs?.();
        inOutput = false;
        b.raw('"\n     ]\n    }\n   ]');
      }
      b.raw('\n  }');
    };
    b.raw('{\n "cells": [\n');
    cell('markdown', () => b.t('# Cohort extract QA\nChecked by ').e('PERSON', fullName(person(true))).t(' on ').e('DATE_TIME', fmtDate(date(2023, 2025), 2)).t('.'));
    b.raw(',\n');
    cell(
      'code',
      () => b.t('df = pd.read_csv("extract.csv")\ndf.head()'),
      () => {
        b.t('   nhs_number      name            dob         postcode\n');
        for (let i = 0; i < int(3, 5); i++) {
          const p = person(true);
          b.t(`${i}  `).e('UK_NHS', nhs().replace(/[ -]/g, '')).t('  ').e('PERSON', `${p.first} ${p.last}`, { oov: p.oov }).t('  ').e('DATE_OF_BIRTH', fmtDate(date(1930, 2000), 1)).t('  ').e('UK_POSTCODE', postcode()).t('\n');
        }
      },
    );
    b.raw(',\n');
    cell(
      'code',
      () => b.t('run_pipeline(cohort)'),
      () => {
        negTimestamp(b);
        b.t(' INFO loaded 12044 rows\n');
        negTimestamp(b);
        b.t(' INFO ');
        negCode(b);
        b.t(' mapped\n');
        b.t('Processing ').e('PERSON', fullName(person(true))).t(' (').e('UK_NHS', nhs()).t(')\n');
      },
    );
    b.raw('\n ],\n "metadata": {},\n "nbformat": 4,\n "nbformat_minor": 5\n}\n');
    return b;
  };

  const docs: GoldDocument[] = [];
  const kinds: [GoldDocument['kind'], () => Builder, GoldDocument['ext']][] = [
    ['letter', letter, '.txt'],
    ['discharge', discharge, '.txt'],
    ['note', note, '.md'],
    ['note', note, '.txt'],
    ['email', email, '.txt'],
    ['csv', csv, '.csv'],
    ['notebook', notebook, '.ipynb'],
  ];
  for (let i = 0; i < count; i++) {
    const [kind, make, ext] = kinds[i % kinds.length]!;
    const b = make();
    docs.push({ id: `doc${String(i).padStart(4, '0')}`, kind, ext, text: b.text, spans: b.spans });
  }
  return { documents: docs, knownIdentifiers: known };
}

