// One measurement in its own process, so peak RSS belongs to that measurement alone.
// Usage: node worker.mjs baseline-text|baseline-csv|baseline-parquet|scan|deid FILE
import { createReadStream, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, extname, join } from 'node:path';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const [mode, file] = process.argv.slice(2);
const bytes = statSync(file).size;
const t0 = process.hrtime.bigint();
let units = 0;
const extra = {};
if (mode === 'baseline-text' || mode === 'baseline-csv') {
  // the same bytes, read, decoded and split into lines (and fields for CSV): the floor any scanner pays
  const dec = new TextDecoder();
  let pending = '';
  const csv = mode === 'baseline-csv';
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const s = pending + dec.decode(chunk, { stream: true });
    const lines = s.split('\n');
    pending = lines.pop();
    for (const l of lines) units += csv ? l.split(',').length : l.split(' ').length;
  }
} else if (mode === 'baseline-parquet') {
  // the same file, every row group decoded and every cell turned into the text the scanner sees
  const { openParquet, cellText } = require(join(here, '../../../libs/pii-scan/dist/formats/columnar.js'));
  const pq = await openParquet(file);
  for await (const { rows } of pq.rowGroups()) for (const r of rows) units += r.map(cellText).length > 0 ? 1 : 0;
} else if (mode === 'deid') {
  // as the CLI does it: the copy and the report file, whose items are streamed to disk, not held
  const { deidentifyFileWithReport } = require(join(here, '../../../libs/pii-scan/dist/index.js'));
  const out = join(tmpdir(), `cloister-pii-bench-deid-${process.pid}${extname(file)}`);
  const report = out + '.report.json';
  const r = await deidentifyFileWithReport(file, out, report);
  extra.reportBytes = statSync(report).size;
  rmSync(out, { force: true });
  rmSync(report, { force: true });
  if (r.error) throw new Error(r.error);
  units = r.changed;
} else {
  const { scanFile } = require(join(here, '../../../libs/pii-scan/dist/index.js'));
  // findings are counted as they stream out, as the CLI does, so memory does not grow with them
  const r = await scanFile(file, { maxFindingsPerColumn: 1000, onFinding: () => units++ });
  if (r.error) throw new Error(r.error);
  if (r.columns) units = r.columns.reduce((a, c) => a + c.findings, 0);
}
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
const rssMb = process.resourceUsage().maxRSS / 1024;
// what is really retained: the heap after a full collection (peak RSS also counts garbage V8 has not yet collected)
globalThis.gc?.();
const liveMb = process.memoryUsage().heapUsed / 1e6;
process.stdout.write(JSON.stringify({ mode, bytes, secs, mbps: bytes / 1e6 / secs, rssMb, liveMb, units, ...extra }) + '\n');
