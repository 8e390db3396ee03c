import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRedisConnection } from '../queue/redis-connection';
import { freePort, stopChild } from './azurite';

export interface RunningRedis {
  readonly url: string;
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

export const hasRedisServer = () => spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

/** Does a Redis server answer PING at `url` within a second? */
export async function redisAnswers(url: string): Promise<boolean> {
  const client = createRedisConnection(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * Spawns `redis-server` on a loopback port. With a data dir it keeps an append-only file there, so queued jobs
 * survive a restart of the platform; without one it is a throwaway instance for tests.
 */
export async function startRedisServer(options: { dataDir?: string; port?: number } = {}): Promise<RunningRedis> {
  if (!hasRedisServer()) throw new Error('redis-server is not on PATH (on Debian: apt-get install redis-server)');
  const port = options.port ?? (await freePort());
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'yes', '--save', ''];
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    args.push('--dir', options.dataDir, '--appendonly', 'yes', '--appendfsync', 'everysec');
  } else {
    args.push('--appendonly', 'no');
  }
  // Its own process group: a Ctrl-C in the terminal reaches the whole foreground group, and Redis must outlive the
  // API and the worker while they shut down (they finish or hand back their jobs); its owner stops it last.
  const child: ChildProcess = spawn('redis-server', args, { stdio: 'ignore', detached: true });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    if (await redisAnswers(url)) return { url, pid: child.pid, stop: () => stopChild(child) };
    await new Promise((r) => setTimeout(r, 50));
  }
  await stopChild(child);
  throw new Error(`redis-server did not answer on ${url}`);
}
