import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { LocalStack } from '../local-stack';

const root = join(__dirname, '..', '..', '..', '..');

/**
 * Runs the compiled worker (apps/worker/dist) as a real child process against a local stack, so tests can kill it
 * mid-job and start it again. `npm test` builds before testing.
 */
export async function spawnWorker(stack: LocalStack, workerPort: number, extraEnv: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(root, 'apps/worker/dist/main.js')], {
    env: { ...process.env, ...stack.workerEnv({ LOG_LEVEL: 'warn', WORKER_PORT: String(workerPort), ...extraEnv }) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`worker exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${workerPort}/health`)).ok) return child;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('worker did not become healthy');
}

/** SIGKILLs a spawned process and waits for it. Takes undefined so an afterAll still runs its other cleanup when setup failed early. */
export async function killHard(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}
