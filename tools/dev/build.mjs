// Builds what the platform runs: every Node project (incremental tsc -b) and the portal (when its sources or the domain's changed).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export function buildAll(root, { quiet = false } = {}) {
  const stdio = quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit';
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json'], { cwd: root, stdio, encoding: 'utf8' });
  if (tsc.status !== 0) throw new Error(`TypeScript build failed${quiet ? `:\n${tsc.stdout}${tsc.stderr}` : ''}`);
  const portal = join(root, 'apps/portal');
  const built = join(portal, 'dist/index.html');
  // The portal bundles the domain's source too (apps/portal/domain-source.mts), so a rule changed there rebuilds it.
  const sources = Math.max(
    newestMtime(join(portal, 'src')), newestMtime(join(root, 'libs/domain/src')),
    ...['index.html', 'vite.config.mts', 'domain-source.mts'].map((file) => statSync(join(portal, file)).mtimeMs),
  );
  if (!existsSync(built) || statSync(built).mtimeMs < sources) {
    if (!quiet) console.log('Building the portal…');
    const vite = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: portal, stdio, encoding: 'utf8' });
    if (vite.status !== 0) throw new Error(`portal build failed${quiet ? `:\n${vite.stdout}${vite.stderr}` : ''}`);
  }
}
