// For performance work: a digest of everything the scanner reports for some files, so that two builds can be
// compared byte for byte. Copy libs/pii-scan/dist aside before a change, then run this against both copies.
// Usage: node tools/bench/pii/findings-hash.mjs DIST_DIR FILE... (DIST_DIR is a built libs/pii-scan/dist)
// Prints one line per file and minimum score (0 and 0.4): the number of findings and a SHA-256 over every
// finding, the column verdicts, the warnings and the error.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const require = createRequire(import.meta.url);
const [dist, ...files] = process.argv.slice(2);
if (!dist || files.length === 0) {
  console.error('usage: node tools/bench/pii/findings-hash.mjs DIST_DIR FILE...');
  process.exit(2);
}
const { scanFile } = require(resolve(dist, 'index.js'));
for (const file of files) {
  for (const minScore of [0, 0.4]) {
    const h = createHash('sha256');
    let n = 0;
    const r = await scanFile(file, { minScore, maxFindingsPerColumn: 1000, onFinding: (f) => (n++, h.update(JSON.stringify(f) + '\n')) });
    h.update(JSON.stringify({ columns: r.columns ?? null, warnings: r.warnings ?? null, error: r.error }));
    console.log(`${file}\tmin-score ${minScore}\t${n} findings\t${h.digest('hex')}`);
  }
}
