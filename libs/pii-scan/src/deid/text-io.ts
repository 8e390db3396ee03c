/** Streamed text in and out for the de-identified copies of text files and CSV. */
import { createReadStream, type WriteStream } from 'node:fs';
import { TextDecoder } from 'node:util';

/** A file as decoded UTF-8 chunks of about 1 MiB. */
export async function* decodedChunks(path: string): AsyncGenerator<string> {
  const dec = new TextDecoder('utf-8');
  for await (const raw of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const s = dec.decode(raw, { stream: true });
    if (s) yield s;
  }
  const t = dec.decode();
  if (t) yield t;
}

/** A write stream with promise-returning writes (waiting on each write is the back-pressure) and close. */

export interface TextWriter {
  write(s: string): Promise<void>;
  /** Ends the stream and waits until the file is closed (also after an error). */
  close(): Promise<void>;
}

export function textWriter(ws: WriteStream): TextWriter {
  let failed: Error | null = null;
  const closed = new Promise<void>((res) => {
    ws.on('close', res);
    ws.on('error', (e) => {
      failed = e;
      res();
    });
  });
  return {
    write: (s) => (s.length ? new Promise<void>((res, rej) => ws.write(s, (e) => (e ? rej(e) : res()))) : Promise.resolve()),
    close: async () => {
      ws.end();
      await closed;
      if (failed) throw failed;
    },
  };
}
