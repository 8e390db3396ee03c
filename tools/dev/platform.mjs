// Starts the whole local platform: embedded dependencies in this process, API and worker as child processes.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

export async function portIsFree(port) {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

function spawnService(root, name, script, env, logTo) {
  const child = spawn(process.execPath, ['--enable-source-maps', join(root, script)], {
    cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `[${name}] `;
  const write = (chunk) => {
    if (logTo) logTo.write(chunk);
    else for (const line of chunk.toString().split('\n')) if (line) process.stdout.write(prefix + line + '\n');
  };
  child.stdout.on('data', write);
  child.stderr.on('data', write);
  return child;
}

async function waitForHealth(url, child, name, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} during start-up`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name} did not become healthy at ${url}`);
}

async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
  await exited;
  clearTimeout(timer);
}

/**
 * @param {{ root: string, dataDir: string, apiPort: number, idpPort: number, workerPort: number, ephemeral?: boolean,
 *   databaseUrl?: string, redisUrl?: string, logFile?: string, onUnexpectedExit?: (name: string, code: number | null) => void }} o
 */
export async function startPlatform(o) {
  const { startLocalStack } = require(join(o.root, 'libs/local-stack/dist/index.js'));
  mkdirSync(o.dataDir, { recursive: true });
  const logTo = o.logFile ? createWriteStream(o.logFile, { flags: 'a' }) : null;
  const stack = await startLocalStack({
    dataDir: o.dataDir, apiPort: o.apiPort, idpPort: o.idpPort, workerPort: o.workerPort, ephemeral: o.ephemeral ?? false,
    ...(o.databaseUrl && { databaseUrl: o.databaseUrl }), ...(o.redisUrl && { redisUrl: o.redisUrl }),
  });
  const children = [];
  let stopping = false;
  const stop = async () => {
    stopping = true;
    await Promise.all(children.map(stopChild));
    await stack.stop();
    logTo?.end();
  };
  try {
    const api = spawnService(o.root, 'api', 'apps/api/dist/main.js', stack.apiEnv({ PORTAL_DIST_DIR: join(o.root, 'apps/portal/dist') }), logTo);
    const worker = spawnService(o.root, 'worker', 'apps/worker/dist/main.js', stack.workerEnv(), logTo);
    children.push(api, worker);
    for (const [name, child] of [['api', api], ['worker', worker]]) {
      child.once('exit', (code) => { if (!stopping) o.onUnexpectedExit?.(name, code); });
    }
    await Promise.all([
      waitForHealth(`${stack.apiUrl}/api/health`, api, 'api'),
      waitForHealth(`http://127.0.0.1:${o.workerPort}/health`, worker, 'worker'),
    ]);
    return { portalUrl: stack.apiUrl, issuer: stack.issuer, stack, children: { api, worker }, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
