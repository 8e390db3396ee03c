// Checks what a fresh machine needs before the platform can start, installing it where that is safe to do.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${r.status}`);
};

export function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    console.error(`Cloister needs Node.js 20.19 or newer; this is ${process.versions.node}.`);
    process.exit(1);
  }
}

/** Installs npm dependencies (npm ci) when node_modules has never been installed. */
export function ensureDependencies(root) {
  if (existsSync(join(root, 'node_modules', '.package-lock.json'))) return;
  console.log('Installing dependencies (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root });
}

/** Debian packages by command: installed with apt when we are root on Debian, otherwise the exact command is printed. */
export function ensureDebianPackages(needed) {
  const missing = needed.filter(({ command }) => !has(command));
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map((m) => m.pkg))];
  const command = `apt-get update && apt-get install -y ${packages.join(' ')}`;
  if (process.getuid?.() === 0 && has('apt-get')) {
    console.log(`Installing ${packages.join(', ')} with apt…`);
    run('sh', ['-c', `DEBIAN_FRONTEND=noninteractive ${command} >/dev/null`]);
    return;
  }
  console.error(`Missing: ${missing.map((m) => m.command).join(', ')}. Install with:\n  sudo sh -c '${command}'`);
  process.exit(1);
}

/**
 * Does a Redis server answer at `url` (redis://host:port)? Plain RESP over a socket, since it runs before the build.
 * A server that wants a password (-NOAUTH) answers too. Other schemes (rediss://) are taken as answering.
 */
export function redisAnswers(url) {
  const u = new URL(url);
  if (u.protocol !== 'redis:') return Promise.resolve(true);
  return new Promise((resolve) => {
    const socket = connect(Number(u.port || 6379), u.hostname.replace(/^\[|\]$/g, ''));
    const done = (ok) => { socket.destroy(); resolve(ok); };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (chunk) => done(/^(\+PONG|-NOAUTH)/.test(chunk.toString())));
  });
}
