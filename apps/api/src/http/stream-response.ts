import { pipeline } from 'node:stream';
import { Logger } from '@nestjs/common';
import type { Response } from 'express';

const logger = new Logger('StreamResponse');

/**
 * Sends a stream as the response body. `stream.pipe(res)` leaves the source's errors unhandled, and an unhandled
 * stream error ends the whole API process; here a source that breaks mid-way aborts this one response instead, so
 * the client sees a cut-off transfer rather than a file that looks complete.
 */
export function sendStream(res: Response, stream: NodeJS.ReadableStream, what: string): void {
  pipeline(stream, res, (err) => {
    if (err && !res.writableFinished) logger.warn(`${what}: the response was cut off: ${err.message}`);
  });
}
