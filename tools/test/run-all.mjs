#!/usr/bin/env node
// `npm test`: lint, typecheck, contracts, unit + integration (real Redis, PGlite and Postgres, Azurite), and
// end-to-end tests in Chromium against a running platform. Starts what it needs and stops it afterwards.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll } from '../dev/build.mjs';
import { startPlatform } from '../dev/platform.mjs';
import { checkNode, ensureDebianPackages, ensureDependencies } from '../dev/prerequisites.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const totals = { passed: 0, failed: 0 };
const started = Date.now();

function step(name, cmd, args, options = {}) {
  const t0 = Date.now();
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...options, env: { ...process.env, NX_DAEMON: 'false', ...options.env } });
  console.log(`${r.status === 0 ? '✔' : '✘'} ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  if (r.status !== 0) finish(1, `${name} failed`);
}

/** Adds a Vitest JSON report's counts to the totals printed at the end. */
function count(reportFile) {
  if (!existsSync(reportFile)) return;
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  totals.passed += report.numPassedTests;
  // A file that fails outside a test (a beforeAll, an import) has no failed test of its own: count it once.
  const failedOutsideTests = report.testResults.filter(
    (file) => file.status === 'failed' && !file.assertionResults.some((a) => a.status === 'failed'),
  ).length;
  totals.failed += report.numFailedTests + failedOutsideTests;
}

function finish(code, reason) {
  console.log(`\n${reason ?? 'all checks passed'} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  // A failed step with no failed test of its own (lint, a crashed runner) still fails the count.
  if (code !== 0 && totals.failed === 0) totals.failed = 1;
  // The plain closing line CI reads.
  console.log(`cloister: ${totals.passed} passed, ${totals.failed} failed`);
  process.exit(code);
}

checkNode();
ensureDependencies(root);
ensureDebianPackages([{ command: 'redis-server', pkg: 'redis-server' }, { command: 'chromium', pkg: 'chromium' }, { command: 'pg_ctlcluster', pkg: 'postgresql' }]);

const postgresUrl = execFileSync('bash', [join(root, 'tools/test/ensure-postgres.sh')], { encoding: 'utf8' }).trim();
if (!/^postgres(ql)?:\/\/\S+$/.test(postgresUrl)) {
  console.error(`ensure-postgres printed something other than one Postgres URL:\n${postgresUrl}`);
  finish(1, 'no Postgres server for the DB tests');
}
console.log(`Postgres for the DB tests: ${postgresUrl.replace(/\/\/[^@]*@/, '//…@')}`);
const reports = mkdtempSync(join(tmpdir(), 'cloister-test-'));

// The boundary rule only reads a cached project graph and skips itself without one (a fresh clone).
step('project graph', process.execPath, [join(root, 'tools/lint/project-graph.mjs')]);
step('lint', bin('eslint'), ['.', '--max-warnings=0']);
step('build and typecheck', process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json']);
step('typecheck portal', process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'apps/portal/tsconfig.json', '--noEmit']);
step('contracts are current (OpenAPI, docs/security.md, portal client)', 'npm', ['run', '--silent', 'contracts:check']);
step('infrastructure templates compile, lint clean and match', 'npm', ['run', '--silent', 'infra:check']);

const unitReport = join(reports, 'unit.json');
const unit = spawnSync(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitReport}`], {
  cwd: root, stdio: 'inherit', env: { ...process.env, TEST_POSTGRES_URL: postgresUrl },
});
count(unitReport);
if (unit.status !== 0) finish(1, 'unit and integration tests failed');

console.log('\n▶ end-to-end: building and starting the platform');
buildAll(root, { quiet: true });
const dataDir = mkdtempSync(join(tmpdir(), 'cloister-e2e-'));
const { freePort } = await import(join(root, 'libs/local-stack/dist/index.js'));
let platform;
try {
  platform = await startPlatform({
    root, dataDir, ephemeral: true, apiPort: await freePort(), idpPort: await freePort(), workerPort: await freePort(), logFile: join(dataDir, 'platform.log'),
  });
  const e2eReport = join(reports, 'e2e.json');
  // Asynchronous on purpose: the embedded database and the IdP run in this process and must keep serving.
  const e2eStatus = await new Promise((resolveStatus) => {
    const child = spawn(bin('vitest'), ['run', '--config', 'apps/portal/vitest.e2e.config.mts', '--reporter=default', '--reporter=json', `--outputFile.json=${e2eReport}`], {
      cwd: root, stdio: 'inherit', env: { ...process.env, CLOISTER_PORTAL_URL: platform.portalUrl, CLOISTER_DATA_DIR: dataDir },
    });
    child.once('exit', (code) => resolveStatus(code));
  });
  count(e2eReport);
  if (e2eStatus !== 0) {
    console.log(`platform log: ${join(dataDir, 'platform.log')}`);
    await platform.stop();
    finish(1, 'end-to-end tests failed');
  }
} catch (e) {
  await platform?.stop();
  finish(1, `end-to-end setup failed: ${e instanceof Error ? e.message : e}`);
}
await platform.stop();
rmSync(dataDir, { recursive: true, force: true });
rmSync(reports, { recursive: true, force: true });
finish(0);
