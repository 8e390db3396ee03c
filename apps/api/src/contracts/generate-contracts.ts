import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderContracts } from './render-contracts';

/** `node apps/api/dist/contracts/generate-contracts.js [--check]`: writes (or checks) the committed contracts. */
async function main(): Promise<void> {
  const root = join(__dirname, '..', '..', '..', '..');
  const check = process.argv.includes('--check');
  const { openapi, securityDoc } = await renderContracts();
  const targets: [string, string][] = [[join(root, 'apps/api/openapi.json'), openapi], [join(root, 'docs/security.md'), securityDoc]];
  let stale = false;
  for (const [file, content] of targets) {
    let current = '';
    try { current = readFileSync(file, 'utf8'); } catch { /* missing counts as stale */ }
    if (current === content) continue;
    if (check) {
      process.stderr.write(`stale: ${file} — run npm run contracts:generate\n`);
      stale = true;
    } else {
      writeFileSync(file, content);
      process.stdout.write(`wrote ${file}\n`);
    }
  }
  process.exit(stale ? 1 : 0);
}

void main();
