#!/usr/bin/env node
// `npm start`: the whole platform on embedded defaults, with demo data. Ctrl-C stops everything it started.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll } from './build.mjs';
import { startPlatform, portIsFree } from './platform.mjs';
import { checkNode, ensureDebianPackages, ensureDependencies, redisAnswers } from './prerequisites.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const env = process.env;
const dataDir = resolve(root, env.CLOISTER_DATA_DIR ?? '.cloister');
const ports = { apiPort: Number(env.API_PORT ?? 4400), idpPort: Number(env.IDP_PORT ?? 4401), workerPort: Number(env.WORKER_PORT ?? 4402) };

checkNode();
ensureDependencies(root);
// redis-server is needed only when nothing answers at REDIS_URL (default redis://127.0.0.1:6379): then we start one.
const redisUrl = env.REDIS_URL || 'redis://127.0.0.1:6379';
if (!(await redisAnswers(redisUrl))) ensureDebianPackages([{ command: 'redis-server', pkg: 'redis-server' }]);

for (const [name, port] of Object.entries(ports)) {
  if (!(await portIsFree(port))) {
    const variable = { apiPort: 'API_PORT', idpPort: 'IDP_PORT', workerPort: 'WORKER_PORT' }[name];
    console.error(`Port ${port} is in use (is Cloister already running?). Stop that process or choose another with ${variable}=…`);
    process.exit(1);
  }
}

// One launcher per data dir: PGlite and Azurite must not be opened twice.
mkdirSync(dataDir, { recursive: true });
const lock = join(dataDir, 'launcher.pid');
if (existsSync(lock)) {
  const pid = Number(readFileSync(lock, 'utf8'));
  let alive = false;
  try { process.kill(pid, 0); alive = true; } catch { /* stale lock */ }
  if (alive && pid !== process.pid) {
    console.error(`Another Cloister (pid ${pid}) is using ${dataDir}. Stop it first.`);
    process.exit(1);
  }
}
writeFileSync(lock, String(process.pid));

console.log('Building…');
buildAll(root);

console.log(`Starting Cloister (data in ${dataDir})…`);
let platform;
/** The start in progress: a Ctrl-C during it waits for it, so the services it spawned (own process groups) are stopped too. */
let starting;
let shuttingDown = false;
const shutdown = async (code) => {
  if (shuttingDown) return;
  shuttingDown = true;
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.removeAllListeners('SIGHUP');
  console.log('\nStopping Cloister…');
  await (platform ?? (await starting?.catch(() => undefined)))?.stop();
  rmSync(lock, { force: true });
  process.exit(code);
};
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
// A closed terminal: Redis and Azurite run in their own process groups and would not get its hang-up.
process.on('SIGHUP', () => void shutdown(0));

try {
  starting = startPlatform({
    root, dataDir, ...ports,
    ...(env.DATABASE_URL && { databaseUrl: env.DATABASE_URL }),
    redisUrl,
    onUnexpectedExit: (name, code) => {
      console.error(`${name} stopped unexpectedly (exit code ${code}); shutting down.`);
      void shutdown(1);
    },
  });
  platform = await starting;
} catch (e) {
  console.error(`Cloister failed to start: ${e instanceof Error ? e.message : e}`);
  rmSync(lock, { force: true });
  process.exit(1);
}

console.log(`
Cloister is running.

  Portal        ${platform.portalUrl}
  API docs      ${platform.portalUrl}/api/docs
  Sign-in (IdP) ${platform.issuer}
  Queue (Redis) ${platform.stack.redisStarted ? `${platform.stack.redisUrl} (started here, append-only file in ${join(dataDir, 'redis')})` : platform.stack.redisUrl}
  Data          ${platform.stack.seeded ? 'new data dir: migrated and seeded with the demo data' : 'existing data dir: migrated, data reused as it was'}${platform.stack.demoProjectId ? `
  Stage a file  ${dataDir === resolve(root, '.cloister') ? '' : `CLOISTER_DATA_DIR=${dataDir} `}npx cloister-agent put --project ${platform.stack.demoProjectId} --user researcher@example.org FILE` : ''}

  Demo logins (password: cloister)
    admin@example.org        platform admin
    pi@example.org           project admin of "Demo study"
    owner@example.org        data owner
    researcher@example.org   researcher
    checker1@example.org     output checker
    checker2@example.org     output checker
    outsider@example.org     signed in, no project

Press Ctrl-C to stop.
`);
