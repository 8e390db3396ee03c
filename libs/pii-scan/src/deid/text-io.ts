/** Streamed text out for the de-identified copies of text files and CSV (text in is scan-file's textChunks). */
import type { WriteStream } from 'node:fs';

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
