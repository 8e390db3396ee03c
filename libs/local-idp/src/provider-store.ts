import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/** One stored value; `expiresAt` is epoch milliseconds, null for values that never expire. */
interface Entry<T> {
  payload: T;
  expiresAt: number | null;
}

type LogLine<T> = { op: 'set'; key: string; expiresAt: number | null; payload: T } | { op: 'delete'; key: string };

export interface ProviderStoreOptions {
  /** Directory holding the log and its lock, e.g. `${dataDir}/idp`. */
  directory: string;
  /** Epoch milliseconds; tests pass their own clock to expire entries without waiting. */
  now?: () => number;
}

export const PROVIDER_STORE_FILE = 'provider-store.jsonl';
const LOCK_FILE = 'provider-store.lock';
// Compact once the log holds this many lines and at least twice as many as there are entries.
const MIN_LINES_BEFORE_COMPACTION = 1024;
// Expired entries are swept from memory every so many writes (and dropped from the file when it is compacted).
const WRITES_PER_SWEEP = 256;

/**
 * A small durable key-value store for the local IdP: every entry is kept in memory and every change is appended as
 * one JSON line to `provider-store.jsonl`. Opening replays the log and rewrites it with only the unexpired entries
 * (write to a temp file, fsync, rename: a crash leaves the old or the new file, never half of one); the log is
 * compacted the same way when it grows to twice the live entries, so it never grows without bound. A lock file
 * keeps a second IdP on the same data directory from appending to a file the first one is about to replace.
 */
export class ProviderStore<T extends object> {
  private tail: Promise<void> = Promise.resolve();
  private writesSinceSweep = 0;
  private closed = false;

  private constructor(
    private readonly directory: string,
    private readonly entries: Map<string, Entry<T>>,
    private handle: FileHandle,
    private lines: number,
    private readonly now: () => number,
  ) {}

  static async open<T extends object>(options: ProviderStoreOptions): Promise<ProviderStore<T>> {
    const now = options.now ?? Date.now;
    await mkdir(options.directory, { recursive: true, mode: 0o700 });
    await acquireLock(options.directory);
    try {
      const entries = replay<T>(await readLogIfPresent(join(options.directory, PROVIDER_STORE_FILE)), join(options.directory, PROVIDER_STORE_FILE));
      dropExpired(entries, now());
      const handle = await rewriteLog(options.directory, entries);
      return new ProviderStore<T>(options.directory, entries, handle, entries.size, now);
    } catch (error) {
      await releaseLock(options.directory);
      throw error;
    }
  }

  /** A copy of the value, or undefined if there is none or it has expired. */
  get(key: string): T | undefined {
    const entry = this.liveEntry(key);
    return entry ? copyOf(entry.payload) : undefined;
  }

  /** The first unexpired value whose key and payload match. */
  findFirst(matches: (key: string, payload: T) => boolean): T | undefined {
    const at = this.now();
    for (const [key, entry] of this.entries) {
      if (!isExpired(entry, at) && matches(key, entry.payload)) return copyOf(entry.payload);
    }
    return undefined;
  }

  /** Keys of every unexpired value that matches. */
  keysWhere(matches: (key: string, payload: T) => boolean): string[] {
    const at = this.now();
    return [...this.entries].filter(([key, entry]) => !isExpired(entry, at) && matches(key, entry.payload)).map(([key]) => key);
  }

  /** Stores the value, expiring `expiresInSeconds` from now (never, if undefined). Resolves once it is in the log. */
  set(key: string, payload: T, expiresInSeconds?: number): Promise<void> {
    const expiresAt = expiresInSeconds === undefined ? null : this.now() + expiresInSeconds * 1000;
    return this.write({ op: 'set', key, expiresAt, payload: copyOf(payload) });
  }

  /** Changes an unexpired value in place, keeping its expiry. No-op if there is none. */
  update(key: string, change: (payload: T) => T): Promise<void> {
    const entry = this.liveEntry(key);
    if (!entry) return Promise.resolve();
    return this.write({ op: 'set', key, expiresAt: entry.expiresAt, payload: change(copyOf(entry.payload)) });
  }

  delete(keys: readonly string[]): Promise<void> {
    return Promise.all(keys.filter((key) => this.entries.has(key)).map((key) => this.write({ op: 'delete', key }))).then(() => undefined);
  }

  /** Waits for pending writes, closes the log and releases the lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.tail;
    await this.handle.close();
    await releaseLock(this.directory);
  }

  private liveEntry(key: string): Entry<T> | undefined {
    const entry = this.entries.get(key);
    return entry && !isExpired(entry, this.now()) ? entry : undefined;
  }

  /** Applies the change in memory at once (readers see it), then appends it; appends run one at a time, in order. */
  private write(line: LogLine<T>): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the IdP provider store is closed'));
    apply(this.entries, line);
    const text = `${JSON.stringify(line)}\n`;
    const run = this.tail.then(async () => {
      await this.handle.appendFile(text, 'utf8');
      this.lines += 1;
      await this.maintain();
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async maintain(): Promise<void> {
    this.writesSinceSweep += 1;
    if (this.writesSinceSweep >= WRITES_PER_SWEEP) {
      this.writesSinceSweep = 0;
      dropExpired(this.entries, this.now());
    }
    if (this.lines < MIN_LINES_BEFORE_COMPACTION || this.lines < 2 * this.entries.size) return;
    dropExpired(this.entries, this.now());
    await this.handle.close();
    this.handle = await rewriteLog(this.directory, this.entries);
    this.lines = this.entries.size;
  }
}

function isExpired(entry: Entry<unknown>, at: number): boolean {
  return entry.expiresAt !== null && entry.expiresAt <= at;
}

function dropExpired(entries: Map<string, Entry<unknown>>, at: number): void {
  for (const [key, entry] of entries) if (isExpired(entry, at)) entries.delete(key);
}

// A JSON round trip, so a value read before a restart looks exactly like one read after it.
function copyOf<T>(payload: T): T {
  return JSON.parse(JSON.stringify(payload)) as T;
}

function apply<T>(entries: Map<string, Entry<T>>, line: LogLine<T>): void {
  if (line.op === 'set') entries.set(line.key, { payload: line.payload, expiresAt: line.expiresAt });
  else entries.delete(line.key);
}

async function readLogIfPresent(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return '';
    throw error;
  }
}

function replay<T>(text: string, path: string): Map<string, Entry<T>> {
  const entries = new Map<string, Entry<T>>();
  const lines = text.split('\n');
  // Text after the last newline is an append cut short by a crash: that one change was never acknowledged.
  lines.pop();
  lines.forEach((line, index) => {
    const parsed = parseLine<T>(line);
    if (!parsed) throw new Error(`${path} line ${index + 1} is not a store record; delete the file to sign everyone out and start empty`);
    apply(entries, parsed);
  });
  return entries;
}

function parseLine<T>(line: string): LogLine<T> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || !('op' in value) || !('key' in value) || typeof value.key !== 'string') return undefined;
  if (value.op === 'delete') return { op: 'delete', key: value.key };
  if (value.op !== 'set' || !('payload' in value) || typeof value.payload !== 'object' || value.payload === null) return undefined;
  if (!('expiresAt' in value) || (value.expiresAt !== null && typeof value.expiresAt !== 'number')) return undefined;
  // The payload is what an earlier set() wrote: the store does not know its shape beyond "an object".
  return { op: 'set', key: value.key, expiresAt: value.expiresAt, payload: value.payload as T };
}

/** Writes the entries as a fresh log (temp file, fsync, rename) and returns a handle appending to it. */
async function rewriteLog<T>(directory: string, entries: Map<string, Entry<T>>): Promise<FileHandle> {
  const target = join(directory, PROVIDER_STORE_FILE);
  const temporary = join(directory, `.${PROVIDER_STORE_FILE}.${randomUUID()}.tmp`);
  const lines = [...entries].map(([key, entry]) => `${JSON.stringify({ op: 'set', key, expiresAt: entry.expiresAt, payload: entry.payload })}\n`);
  const file = await open(temporary, 'wx', 0o600);
  try {
    await file.writeFile(lines.join(''), 'utf8');
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return open(target, 'a', 0o600);
}

async function acquireLock(directory: string): Promise<void> {
  const lock = join(directory, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await writeFile(lock, String(process.pid), { flag: 'wx', mode: 0o600 });
      return;
    } catch (error) {
      if (!isErrnoCode(error, 'EEXIST')) throw error;
    }
    const holder = Number.parseInt(await readFile(lock, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(holder) && holder > 0 && isRunning(holder)) {
      throw new Error(`${directory} is in use by another local IdP (process ${holder}); stop it first or use another data directory`);
    }
    // The holder is gone (killed without closing): its lock is stale.
    await rm(lock, { force: true });
  }
  throw new Error(`could not lock ${join(directory, LOCK_FILE)}`);
}

async function releaseLock(directory: string): Promise<void> {
  await rm(join(directory, LOCK_FILE), { force: true });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return isErrnoCode(error, 'EPERM');
  }
}

function isErrnoCode(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}
