/**
 * Polls `fn` until `ok` accepts its value, for tests that wait on a worker or a queue. Times out with what it was
 * waiting for and the last value seen.
 */
export async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, what: string, options: { timeoutMs?: number; everyMs?: number } = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)?.slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, options.everyMs ?? 100));
  }
}
