// Generates the benchmark inputs: a CSV health extract and free clinical text, each of the requested size.
// A pool of rows and sentences is drawn from Faker (en_GB/en_US, seeded), then sampled with a cheap PRNG.
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { fakerEN_GB as gb, fakerEN_US as us } from '@faker-js/faker';

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function nhs(r) {
  for (;;) {
    let d = String(4 + Math.floor(r() * 4));
    for (let i = 0; i < 9; i++) d += Math.floor(r() * 10);
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += +d[i] * (10 - i);
    let c = 11 - (sum % 11);
    if (c === 11) c = 0;
    if (c !== 10 && c === +d[9]) return d;
  }
}

const ICD = ['E11.9', 'I21.4', 'J45.909', 'C50.911', 'I10', 'N18.3', 'F32.1', 'G20', 'K50.90', 'J44.1'];
const NOTES = ['stable', 'no change', 'review in 6 months', 'referred to dietitian', 'BP 132/84 mmHg', 'HbA1c 52 mmol/mol', 'seen with daughter', 'declined statin', 'eGFR 58', 'improving'];

async function writeUntil(path, bytes, next, header = '') {
  const ws = createWriteStream(path);
  let written = 0;
  const write = (s) => new Promise((res) => (ws.write(s) ? res() : ws.once('drain', res)));
  if (header) {
    await write(header);
    written += Buffer.byteLength(header);
  }
  let batch = [];
  let batchBytes = 0;
  while (written < bytes) {
    const s = next();
    batch.push(s);
    batchBytes += Buffer.byteLength(s);
    if (batchBytes > 1 << 20) {
      await write(batch.join(''));
      written += batchBytes;
      batch = [];
      batchBytes = 0;
    }
  }
  if (batch.length) await write(batch.join(''));
  await new Promise((res) => ws.end(res));
}

export async function generateCsv(path, bytes, seed = 1) {
  if (existsSync(path) && statSync(path).size >= bytes) return;
  gb.seed(seed);
  const r = rng(seed);
  const pool = [];
  for (let i = 0; i < 5000; i++) {
    const d = gb.date.birthdate({ min: 18, max: 99, mode: 'age' }).toISOString().slice(0, 10);
    const a = gb.date.between({ from: '2019-01-01', to: '2025-12-31' }).toISOString().slice(0, 10);
    pool.push([nhs(r), gb.person.firstName(), gb.person.lastName(), d, r() < 0.5 ? 'M' : 'F', gb.location.zipCode().replace(/^(\S+) ?(\d)\w*$/, '$1'), a]);
  }
  let id = 0;
  const next = () => {
    const p = pool[Math.floor(r() * pool.length)];
    id++;
    const hba1c = 38 + Math.floor(r() * 50);
    const note = NOTES[Math.floor(r() * NOTES.length)];
    return `${id},${p[0]},${p[1]},${p[2]},${p[3]},${p[4]},${p[5]},${p[6]},${ICD[id % ICD.length]},${hba1c},${(r() * 40 + 15).toFixed(1)},${note}\n`;
  };
  await writeUntil(path, bytes, next, 'record_id,nhs_number,forename,surname,dob,sex,postcode_district,admission_date,diagnosis_code,hba1c,bmi,notes\n');
}

export async function generateText(path, bytes, seed = 2) {
  if (existsSync(path) && statSync(path).size >= bytes) return;
  gb.seed(seed);
  us.seed(seed + 1);
  const r = rng(seed);
  const prose = [
    'The patient reports improved exercise tolerance and no further chest pain since the last review.',
    'Examination was unremarkable; heart sounds normal, chest clear, no peripheral oedema.',
    'We discussed the risks and benefits of starting a statin and she would like time to consider.',
    'Blood tests show HbA1c 52 mmol/mol and eGFR 58 mL/min/1.73m2, both stable compared with last year.',
    'Plan: continue current medication, repeat bloods in three months and review in clinic.',
    'He continues to smoke ten cigarettes a day and was offered referral to the stop smoking service.',
    'The MRI showed small vessel disease with no acute infarct.',
    'Her mobility has declined and a falls assessment has been requested.',
  ];
  const pool = [];
  for (let i = 0; i < 3000; i++) {
    const f = r() < 0.6 ? gb : us;
    const k = i % 6;
    if (k === 0) pool.push(`Dear Dr ${f.person.lastName()}, thank you for seeing ${f.person.fullName()} in clinic on ${f.date.recent({ days: 900 }).toISOString().slice(0, 10)}.`);
    else if (k === 1) pool.push(`NHS No: ${nhs(r)}. Tel: ${gb.phone.number()}. Email ${f.internet.email()}.`);
    else if (k === 2) pool.push(`Address: ${f.location.streetAddress()}, ${f.location.city()}.`);
    else pool.push(prose[Math.floor(r() * prose.length)]);
  }
  const next = () => {
    let s = '';
    for (let i = 0; i < 8; i++) s += (r() < 0.75 ? prose[Math.floor(r() * prose.length)] : pool[Math.floor(r() * pool.length)]) + ' ';
    return s + '\n';
  };
  await writeUntil(path, bytes, next);
}
