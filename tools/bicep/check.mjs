#!/usr/bin/env node
// infra:check — fails on any compile error, any linter diagnostic (every warning is a failure), and any
// difference between the committed <entry>/main.json and a fresh build. Builds into a temporary folder, so
// the work tree is never touched. Building an entry compiles and lints every module it reaches; a .bicep
// file that no entry reaches is reported too (it would otherwise go unchecked).
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { diagnostics, ENTRY_PATTERN, entryTemplates, rel, runBicep, templatesRoot, unreachableBicepFiles } from './lib.mjs';
import { ensureBicep } from './ensure-bicep.mjs';

const started = Date.now();
const bin = ensureBicep();
const outDir = mkdtempSync(join(tmpdir(), 'cloister-bicep-'));
const failures = [];
try {
  for (const file of unreachableBicepFiles()) {
    failures.push(`${rel(file)} is not reached from any entry template (delete it or use it)`);
  }
  const build = await runBicep(bin, ['build', '--pattern', ENTRY_PATTERN, '--outdir', outDir]);
  const found = diagnostics(`${build.stdout}\n${build.stderr}`);
  for (const d of found) failures.push(d.text);
  if (build.code !== 0 && found.length === 0) failures.push(`bicep build exited ${build.code}: ${build.stderr.trim()}`);

  const entries = entryTemplates();
  if (entries.length === 0) failures.push(`no entry templates under ${rel(templatesRoot)}`);
  if (build.code === 0) {
    for (const entry of entries) {
      const committed = entry.replace(/\.bicep$/, '.json');
      const fresh = join(outDir, relative(templatesRoot, committed));
      if (!existsSync(fresh)) {
        failures.push(`${rel(entry)}: the build produced no JSON`);
      } else if (!existsSync(committed)) {
        failures.push(`${rel(committed)} is missing: run infra:build and commit it`);
      } else if (normalise(readFileSync(committed, 'utf8')) !== normalise(readFileSync(fresh, 'utf8'))) {
        failures.push(`${rel(committed)} differs from a fresh build of ${rel(entry)}: run infra:build and commit it`);
      }
    }
  }
} finally {
  rmSync(outDir, { recursive: true, force: true });
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (failures.length > 0) {
  for (const f of failures) process.stderr.write(`${f}\n`);
  process.stderr.write(`infra:check failed: ${failures.length} problem(s) in ${seconds} s\n`);
  process.exit(1);
}
process.stdout.write(`infra:check ok: compiled JSON matches a fresh build, no diagnostics (${seconds} s)\n`);

function normalise(text) {
  return text.replace(/\r\n/g, '\n').trimEnd();
}
