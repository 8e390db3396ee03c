// npm run pii:bench — scans a generated 200 MB CSV and 200 MB of free text and prints MB/s per core and peak
// RSS, next to a baseline measured in the same run (read + decode + split of the same bytes).
// Prints figures only; it is not a test and asserts nothing. Size: PII_BENCH_MB (default 200).
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCsv, generateText } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const mb = Number(process.env.PII_BENCH_MB ?? 200);
const dir = process.env.PII_BENCH_DIR ?? join(tmpdir(), 'cloister-pii-bench');
mkdirSync(dir, { recursive: true });
const csv = join(dir, `extract-${mb}mb.csv`);
const txt = join(dir, `notes-${mb}mb.txt`);
console.log(`generating inputs in ${dir} (${mb} MB each; cached between runs)…`);
await generateCsv(csv, mb * 1e6);
await generateText(txt, mb * 1e6);

const run = (mode, file) => JSON.parse(execFileSync(process.execPath, ['--expose-gc', join(here, 'worker.mjs'), mode, file], { encoding: 'utf8', maxBuffer: 1 << 20 }));
const rows = [];
for (const [label, file, base] of [['CSV', csv, 'baseline-csv'], ['free text', txt, 'baseline-text']]) {
  const b = run(base, file);
  const s = run('scan', file);
  rows.push({ label, b, s });
}
const f = (x, d = 1) => x.toFixed(d);
console.log(`\nnode ${process.version}, ${cpus()[0]?.model ?? 'cpu'}; each figure is one process on one core (the scanner is single-threaded)\n`);
console.log('input       size MB   baseline MB/s  baseline RSS MB   scan MB/s  scan RSS MB  scan live heap MB   scan/baseline   findings');
for (const { label, b, s } of rows) {
  console.log(`${label.padEnd(10)} ${f(s.bytes / 1e6, 0).padStart(8)}   ${f(b.mbps).padStart(13)}  ${f(b.rssMb, 0).padStart(15)}   ${f(s.mbps).padStart(9)}  ${f(s.rssMb, 0).padStart(11)}  ${f(s.liveMb, 0).padStart(17)}   ${f(s.mbps / b.mbps, 2).padStart(13)}   ${String(s.units).padStart(8)}`);
}
console.log('(peak RSS includes garbage V8 has not collected yet; "live heap" is what the scan retains after a full GC)');
console.log('\ntargets (issue 5): CSV >= 100 MB/s per core, free text >= 50 MB/s per core, RSS < 200 MB');
for (const { label, s } of rows) {
  const target = label === 'CSV' ? 100 : 50;
  console.log(`  ${label}: ${f(s.mbps)} MB/s (${s.mbps >= target ? 'meets' : 'below'} ${target}), peak RSS ${f(s.rssMb, 0)} MB (${s.rssMb < 200 ? 'meets' : 'above'} 200)`);
}
