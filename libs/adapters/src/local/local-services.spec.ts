import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startAzurite } from './azurite';
import { startRedisServer } from './redis-server';

/** The process group a process belongs to (field 5 of /proc/<pid>/stat, after the parenthesised name). */
const processGroupOf = (pid: number): number => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[2]);

describe('local services spawned for local mode', () => {
  // A terminal's Ctrl-C signals its whole foreground process group. Redis and Azurite lead groups of their own, so
  // they keep serving the API and the worker while those shut down, and their owner stops them last.
  it('runs redis-server and Azurite in process groups of their own, and stops them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cloister-local-services-'));
    const redis = await startRedisServer();
    const azurite = await startAzurite({ dataDir: dir, accounts: [{ name: 'devstore', key: Buffer.from('k'.repeat(32)).toString('base64') }] });
    try {
      for (const pid of [redis.pid!, azurite.pid!]) {
        expect(processGroupOf(pid)).toBe(pid);
        expect(processGroupOf(pid)).not.toBe(processGroupOf(process.pid));
      }
    } finally {
      await redis.stop();
      await azurite.stop();
      rmSync(dir, { recursive: true, force: true });
    }
    for (const pid of [redis.pid!, azurite.pid!]) expect(() => process.kill(pid, 0)).toThrow();
  });
});
