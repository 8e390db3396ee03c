import { createHash } from 'node:crypto';

export interface ContentDigest {
  readonly sha256: string;
  readonly size: number;
}

/**
 * SHA-256 and byte count of a stream, read once and never held in memory. `observe` sees every chunk too, so
 * another check (a content scan) can share the same read.
 */
export async function digestStream(stream: NodeJS.ReadableStream, observe?: (chunk: Buffer) => void): Promise<ContentDigest> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    hash.update(buf);
    observe?.(buf);
    size += buf.length;
  }
  return { sha256: hash.digest('hex'), size };
}
