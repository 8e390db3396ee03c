#!/usr/bin/env node
'use strict';
// Launcher for the built CLI (dist/cli/main.js). dist/ is not committed, so on a fresh clone, or after the
// sources changed, the library is built first (tsc -b, incremental): `npx cloister-scan` then works from the
// repository root right after `npm ci`. Build output goes to stderr so that stdout stays the report.
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const lib = join(__dirname, '..');
const main = join(lib, 'dist/cli/main.js');

function newestSource(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestSource(p) : e.name.endsWith('.ts') ? statSync(p).mtimeMs : 0);
  }
  return t;
}

function needsBuild() {
  const info = join(lib, 'dist/.tsbuildinfo');
  if (!existsSync(main) || !existsSync(info)) return true;
  return existsSync(join(lib, 'src')) && newestSource(join(lib, 'src')) > statSync(info).mtimeMs;
}

if (needsBuild()) {
  let tsc;
  try {
    tsc = require.resolve('typescript/bin/tsc');
  } catch {
    process.stderr.write('cloister-scan: not built and TypeScript is not installed; run npm ci, then npx tsc -b libs/pii-scan/tsconfig.json\n');
    process.exit(2);
  }
  process.stderr.write('cloister-scan: building libs/pii-scan (tsc -b)…\n');
  const { spawnSync } = require('node:child_process');
  const r = spawnSync(process.execPath, [tsc, '-b', join(lib, 'tsconfig.json')], { stdio: ['ignore', 2, 2] });
  if (r.status !== 0) {
    process.stderr.write('cloister-scan: the build failed\n');
    process.exit(2);
  }
}

process.env.CLOISTER_SCAN_MAIN = '1';
require(main);
