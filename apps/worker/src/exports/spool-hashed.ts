import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Writes a stream to a local file while hashing it, so the bytes later inspected or uploaded are exactly the
 * bytes that were hashed (never a second read of the source).
 */
export async function spoolHashed(source: NodeJS.ReadableStream, path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  await pipeline(source, new Transform({ transform(chunk: Buffer, _e, cb) { hash.update(chunk); size += chunk.length; cb(null, chunk); } }), createWriteStream(path));
  return { sha256: hash.digest('hex'), size };
}
