// npm run pii:bench:deid — de-identifies a generated Parquet file (about PII_BENCH_MB, default 100 MB, typed
// columns, several row groups) and prints MB/s and peak RSS next to a baseline measured in the same run: the
// plain read of the same file (every row group decoded, every cell turned into the text the scanner sees).
// Prints figures only; it is not a test and asserts nothing.
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileWriter, ParquetWriter } from 'hyparquet-writer';
import { generateCsv } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const mb = Number(process.env.PII_BENCH_MB ?? 100);
const dir = process.env.PII_BENCH_DIR ?? join(tmpdir(), 'cloister-pii-bench');
mkdirSync(dir, { recursive: true });
const csv = join(dir, `extract-${mb}mb.csv`);
const parquet = join(dir, `extract-${mb}mb.parquet`);
console.log(`generating ${parquet} (cached between runs)…`);
await generateCsv(csv, mb * 1e6);
if (!existsSync(parquet)) await csvToParquet(csv, parquet);

const run = (mode, file) => JSON.parse(execFileSync(process.execPath, ['--expose-gc', join(here, 'worker.mjs'), mode, file], { encoding: 'utf8', maxBuffer: 1 << 20 }));
const b = run('baseline-parquet', parquet);
const d = run('deid', parquet);
const f = (x, n = 1) => x.toFixed(n);
console.log(`\nnode ${process.version}, ${cpus()[0]?.model ?? 'cpu'}; each figure is one process on one core`);
console.log(`input: Parquet, ${f(b.bytes / 1e6, 0)} MB, ${b.units} rows\n`);
console.log('                 MB/s   peak RSS MB   live heap MB   units');
console.log(`plain read   ${f(b.mbps).padStart(8)}  ${f(b.rssMb, 0).padStart(12)}  ${f(b.liveMb, 0).padStart(13)}   ${b.units} rows`);
console.log(`deidentify   ${f(d.mbps).padStart(8)}  ${f(d.rssMb, 0).padStart(12)}  ${f(d.liveMb, 0).padStart(13)}   ${d.units} changes`);
console.log(`\ndeidentify / plain read: ${f(d.mbps / b.mbps, 2)} of the speed, ${f(d.rssMb / b.rssMb, 2)}x the peak RSS`);
console.log('(deidentify reads the file twice: a first pass finds the columns that become strings, the second writes)');

/** The CSV extract as typed Parquet: ids and HbA1c INT32, NHS numbers INT64, dates DATE, BMI DOUBLE; 100,000-row groups. */
async function csvToParquet(from, to) {
  const schema = [
    { name: 'root', num_children: 12 },
    { name: 'record_id', type: 'INT32', repetition_type: 'REQUIRED' },
    { name: 'nhs_number', type: 'INT64', repetition_type: 'OPTIONAL' },
    ...['forename', 'surname'].map((name) => ({ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' })),
    { name: 'dob', type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' },
    ...['sex', 'postcode_district'].map((name) => ({ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' })),
    { name: 'admission_date', type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' },
    { name: 'diagnosis_code', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
    { name: 'hba1c', type: 'INT32', repetition_type: 'OPTIONAL' },
    { name: 'bmi', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
    { name: 'notes', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
  ];
  const conv = [Number, BigInt, String, String, (s) => new Date(s), String, String, (s) => new Date(s), String, Number, Number, String];
  const tmp = to + '.tmp';
  const w = new ParquetWriter({ writer: fileWriter(tmp), schema, codec: 'UNCOMPRESSED' });
  let cols = conv.map(() => []);
  const flush = () => {
    w.write({ columnData: schema.slice(1).map((s, i) => ({ name: s.name, data: cols[i] })), rowGroupSize: cols[0].length });
    cols = conv.map(() => []);
  };
  let header = true;
  for await (const line of createInterface({ input: createReadStream(from) })) {
    if (header || !line) {
      header = false;
      continue;
    }
    const v = line.split(',');
    for (let i = 0; i < conv.length; i++) cols[i].push(conv[i](v[i]));
    if (cols[0].length === 100_000) flush();
  }
  if (cols[0].length) flush();
  w.finish();
  renameSync(tmp, to);
  console.log(`wrote ${to}: ${(statSync(to).size / 1e6).toFixed(0)} MB`);
}
