import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Writes a stream to a private temporary file while hashing it and hands `use` that file, so the bytes later
 * inspected or uploaded are exactly the bytes that were hashed (never a second read of the source). The file is
 * removed afterwards, whatever `use` did.
 */
export async function withSpooledCopy<T>(
  source: NodeJS.ReadableStream, use: (localPath: string, digest: { sha256: string; size: number }) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'cloister-spool-'));
  try {
    const local = join(dir, 'file');
    const hash = createHash('sha256');
    let size = 0;
    await pipeline(source, new Transform({ transform(chunk: Buffer, _e, cb) { hash.update(chunk); size += chunk.length; cb(null, chunk); } }), createWriteStream(local));
    return await use(local, { sha256: hash.digest('hex'), size });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
