#!/usr/bin/env node
// infra:build — compiles every entry template (libs/infra-templates/<entry>/main.bicep) to the ARM JSON
// committed next to it (<entry>/main.json). Fails on compile errors and on any linter warning.
import { diagnostics, ENTRY_PATTERN, entryTemplates, rel, runBicep } from './lib.mjs';
import { ensureBicep } from './ensure-bicep.mjs';

const started = Date.now();
const bin = ensureBicep();
const entries = entryTemplates();
const result = await runBicep(bin, ['build', '--pattern', ENTRY_PATTERN]);
const found = diagnostics(`${result.stdout}\n${result.stderr}`);
for (const d of found) process.stderr.write(`${d.text}\n`);
if (result.code !== 0 || found.some((d) => d.level !== 'Info')) {
  if (result.code !== 0 && found.length === 0) process.stderr.write(result.stderr || result.stdout);
  process.stderr.write(`infra:build failed (${found.length} diagnostic(s), exit ${result.code}).\n`);
  process.exit(1);
}
for (const entry of entries) process.stdout.write(`built ${rel(entry).replace(/\.bicep$/, '.json')}\n`);
process.stdout.write(`infra:build ok: ${entries.length} template(s) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
