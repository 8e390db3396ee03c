import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface AzuriteAccount {
  readonly name: string;
  readonly key: string;
}

export interface RunningAzurite {
  readonly blobEndpoint: string;
  readonly accounts: Record<string, AzuriteAccount>;
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

export const newAccountKey = () => randomBytes(32).toString('base64');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Runs Azurite's blob service as a child process (its package main is a VS Code extension, so it cannot be
 * required). Each account gets its own key, so the API (public only) and the worker (both) hold different secrets.
 */
export async function startAzurite(options: { dataDir: string; accounts: readonly AzuriteAccount[]; port?: number; silent?: boolean }): Promise<RunningAzurite> {
  mkdirSync(options.dataDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const main = join(require.resolve('azurite/package.json'), '..', 'dist', 'src', 'blob', 'main.js');
  const child: ChildProcess = spawn(process.execPath, [main, '--blobHost', '127.0.0.1', '--blobPort', String(port), '--location', options.dataDir,
    '--skipApiVersionCheck', '--disableTelemetry', '--loose', '--silent'], {
    // eslint-disable-next-line no-restricted-properties -- passes the environment through to the child; reads nothing from it
    env: { ...process.env, AZURITE_ACCOUNTS: options.accounts.map((a) => `${a.name}:${a.key}`).join(';') },
    stdio: options.silent === false ? 'inherit' : 'ignore',
    // Own process group, as for redis-server: a terminal's Ctrl-C must not take storage away from the API and worker
    // mid-shutdown; its owner stops it after them.
    detached: true,
  });
  await waitForPort(port, child);
  return {
    blobEndpoint: `http://127.0.0.1:${port}`,
    accounts: Object.fromEntries(options.accounts.map((a) => [a.name, a])),
    pid: child.pid,
    stop: () => stopChild(child),
  };
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  const { connect } = await import('node:net');
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`azurite exited with code ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => { s.destroy(); resolve(true); });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`azurite did not listen on ${port}`);
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
