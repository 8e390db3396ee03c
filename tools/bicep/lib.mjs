// Shared by build.mjs and check.mjs: where the templates are and how the Bicep CLI is run over them.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const templatesRoot = join(repoRoot, 'libs/infra-templates');

/** Entry templates: `<templatesRoot>/<entry>/main.bicep`, one folder down (modules/ holds only modules). */
export const ENTRY_PATTERN = '*/main.bicep';

export function entryTemplates() {
  return readdirSync(templatesRoot)
    .filter((dir) => dir !== 'modules' && dir !== 'node_modules')
    .map((dir) => join(templatesRoot, dir, 'main.bicep'))
    .filter((file) => {
      try {
        return statSync(file).isFile();
      } catch {
        return false;
      }
    });
}

export function rel(file) {
  return relative(repoRoot, file);
}

/** Runs the CLI in templatesRoot, returning exit code, stdout and stderr. */
export function runBicep(bin, args) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(bin, args, {
      cwd: templatesRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      // A one-shot compiler run: skip the profile-guided JIT work that only pays off in long-lived processes.
      env: { ...process.env, DOTNET_TieredPGO: '0', DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code: code ?? 1, stdout, stderr }));
  });
}

/**
 * Diagnostics the CLI printed ("path(line,col) : Warning|Error CODE: message"), deduplicated: a module
 * compiled from two entry templates is reported once per entry.
 */
export function diagnostics(output) {
  const seen = new Set();
  const found = [];
  for (const line of output.split(/\r?\n/)) {
    const m = line.match(/^(.*)\((\d+),(\d+)\) : (Error|Warning|Info) ([^:]+): (.*)$/);
    if (!m) continue;
    const text = `${rel(m[1])}(${m[2]},${m[3]}) : ${m[4]} ${m[5]}: ${m[6]}`;
    if (seen.has(text)) continue;
    seen.add(text);
    found.push({ level: m[4], code: m[5], text });
  }
  return found;
}

/** Every .bicep file under templatesRoot. */
export function allBicepFiles(dir = templatesRoot) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...allBicepFiles(full));
    else if (entry.name.endsWith('.bicep')) found.push(full);
  }
  return found;
}

/**
 * .bicep files that no entry template reaches through `module` or `import` references. Building the entries
 * compiles and lints everything they reach, so these are the only files a build would not check.
 */
export function unreachableBicepFiles() {
  const reached = new Set();
  const pending = [...entryTemplates()];
  while (pending.length > 0) {
    const file = pending.pop();
    if (reached.has(file)) continue;
    reached.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(?:module\s+\w+|import\s+.+?\s+from)\s+'([^']+\.bicep)'/gm)) {
      pending.push(resolve(dirname(file), m[1]));
    }
  }
  return allBicepFiles().filter((file) => !reached.has(file));
}
