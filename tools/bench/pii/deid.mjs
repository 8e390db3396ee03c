// npm run pii:bench:deid — de-identifies a generated CSV extract, the same rows as typed Parquet (several row
// groups) and generated clinical free text, as the CLI does (the copy and the report file, whose items stream to
// disk), at two sizes of the same shape: PII_BENCH_MB (default 20 MB of CSV and of text) and PII_BENCH_SCALE
// times that (default 5). For each it prints MB/s and peak RSS next to a baseline measured in the same run: the
// plain read of the same file (CSV: read, decode, split into fields; Parquet: every row group decoded, every cell
// turned into the text the scanner sees; text: read, decode, split into lines and words). Flat memory shows as
// the same peak RSS at both sizes. Prints figures only; asserts nothing.
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileWriter, ParquetWriter } from 'hyparquet-writer';
import { generateCsv, generateText } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const small = Number(process.env.PII_BENCH_MB ?? 20);
const scale = Number(process.env.PII_BENCH_SCALE ?? 5);
const dir = process.env.PII_BENCH_DIR ?? join(tmpdir(), 'cloister-pii-bench');
mkdirSync(dir, { recursive: true });

const run = (mode, file) => JSON.parse(execFileSync(process.execPath, ['--expose-gc', join(here, 'worker.mjs'), mode, file], { encoding: 'utf8', maxBuffer: 1 << 20 }));
const results = [];
for (const mb of [small, small * scale]) {
  const csv = join(dir, `extract-${mb}mb.csv`);
  const parquet = join(dir, `extract-${mb}mb.parquet`);
  const text = join(dir, `notes-${mb}mb.txt`);
  console.log(`generating ${csv}, ${parquet} and ${text} (cached between runs)…`);
  await generateCsv(csv, mb * 1e6);
  if (!existsSync(parquet)) await csvToParquet(csv, parquet);
  await generateText(text, mb * 1e6);
  for (const [label, file, base] of [['CSV', csv, 'baseline-csv'], ['Parquet', parquet, 'baseline-parquet'], ['Text', text, 'baseline-text']]) {
    results.push({ label, mb, b: run(base, file), d: run('deid', file) });
  }
}
const f = (x, n = 1) => x.toFixed(n);
console.log(`\nnode ${process.version}, ${cpus()[0]?.model ?? 'cpu'}; each figure is one process on one core`);
console.log('input     extract  file MB     rows/changes   plain read MB/s  RSS MB   deidentify MB/s  RSS MB  live heap MB  report MB   RSS / plain read');
for (const { label, mb, b, d } of results) {
  console.log(
    `${label.padEnd(8)} ${`${mb} MB`.padStart(8)} ${f(b.bytes / 1e6, 0).padStart(8)} ${String(d.units).padStart(16)}   ${f(b.mbps).padStart(15)} ${f(b.rssMb, 0).padStart(7)}   ${f(d.mbps).padStart(15)} ${f(d.rssMb, 0).padStart(7)} ${f(d.liveMb, 0).padStart(13)} ${f(d.reportBytes / 1e6, 0).padStart(10)}   ${f(d.rssMb / b.rssMb, 2).padStart(16)}`,
  );
}
for (const label of ['CSV', 'Parquet', 'Text']) {
  const [s, l] = results.filter((r) => r.label === label);
  console.log(`${label}: ${scale}x the input (${s.d.units} -> ${l.d.units} changes, ${f(s.d.reportBytes / 1e6, 0)} -> ${f(l.d.reportBytes / 1e6, 0)} MB of report): deidentify peak RSS ${f(s.d.rssMb, 0)} -> ${f(l.d.rssMb, 0)} MB (x${f(l.d.rssMb / s.d.rssMb, 2)}); plain read ${f(s.b.rssMb, 0)} -> ${f(l.b.rssMb, 0)} MB (x${f(l.b.rssMb / s.b.rssMb, 2)})`);
}
console.log('(peak RSS includes garbage V8 has not collected yet; "live heap" is what is retained after a full GC.');
console.log(' Parquet is read twice: a first pass finds the columns that become strings, the second writes.)');

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
