/**
 * The `deidentify` report written as a stream, so memory stays flat however many changes a file has (a 20 MB
 * extract makes over a million items). Items go to a spool file beside the report as they happen, already laid
 * out as the report's `items` array holds them; once the totals are known the report is written field by field
 * in the order it always had (input, output, format, error, changed, byEntity, items, retyped, written), the spool copied
 * in between. The result is byte for byte what `JSON.stringify(report, null, 2)` gives. Report and spool are
 * temporary files renamed or removed at the end, like the de-identified copy.
 */
import { createReadStream, createWriteStream, promises as fsp, type WriteStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { deidentifyFile, unwritableDirectory, type DeidentifyOptions, type DeidReport, type DeidReportItem } from './deidentify';
import { textWriter } from './text-io';

/** A de-identification whose report items wait in a spool file: write the report from it, then dispose of it. */
export interface SpooledDeidReport {
  /** The report with `items` empty: the items are in the spool. */
  report: DeidReport;
  /**
   * The report's JSON in pieces, items included: `indent` 2 is the report file's layout, 0 one line. `extra`
   * fields follow the report's own.
   */
  json(indent: 0 | 2, extra?: Record<string, unknown>): AsyncGenerator<string>;
  /** Writes the report file (temporary file, then rename), waiting on the disk (back-pressure). */
  writeTo(path: string): Promise<void>;
  /** Removes the spool. */
  dispose(): Promise<void>;
}

/** The report's directory cannot be written: thrown before anything, OUT included, is written. */
export class ReportDirectoryError extends Error {}

/**
 * `deidentifyFile`, with the report's items spooled to a temporary file next to `spoolBeside` (the report's
 * path) instead of held. The de-identifier waits whenever the spool's disk writes fall behind. Throws
 * ReportDirectoryError, having written nothing, when the report's directory cannot be written.
 */
export async function deidentifyFileSpooled(input: string, output: string, spoolBeside: string, options: DeidentifyOptions = {}): Promise<SpooledDeidReport> {
  // Checked first: the spool's write error would only surface after OUT had been renamed into place. When the
  // report goes beside OUT (the CLI's default) the directory is OUT's, and named so.
  const dirError = await unwritableDirectory(dirname(spoolBeside) === dirname(output) ? 'output' : 'report', spoolBeside);
  if (dirError) throw new ReportDirectoryError(dirError);
  const spoolPath = tempBeside(spoolBeside, 'items');
  const spool = new ItemSpool(createWriteStream(spoolPath, { encoding: 'utf8', highWaterMark: 1 << 20 }));
  let report: DeidReport;
  try {
    report = await deidentifyFile(input, output, { ...options, onItem: (it) => spool.push(it) });
    await spool.close();
  } catch (e) {
    await spool.close().catch(() => undefined);
    await fsp.rm(spoolPath, { force: true });
    throw e;
  }
  // a file that failed reports no change, whatever items came out before it failed
  const spooled = report.changed > 0 ? spool.count : 0;
  if (spooled !== report.changed) {
    await fsp.rm(spoolPath, { force: true });
    throw new Error(`internal: ${spool.count} report items spooled for ${report.changed} change(s)`);
  }
  const json = (indent: 0 | 2, extra: Record<string, unknown> = {}) => reportJson(report, spooled ? spoolPath : null, indent, extra);
  return {
    report,
    json,
    writeTo: async (path) => {
      const tmp = tempBeside(path, 'tmp');
      try {
        const out = textWriter(createWriteStream(tmp, { encoding: 'utf8', highWaterMark: 1 << 20 }));
        try {
          for await (const piece of json(2)) await out.write(piece);
          await out.write('\n');
        } finally {
          await out.close();
        }
        await fsp.rename(tmp, path);
      } finally {
        await fsp.rm(tmp, { force: true });
      }
    },
    dispose: () => fsp.rm(spoolPath, { force: true }),
  };
}

/** De-identifies IN to OUT and writes the report file, streaming its items; returns the report without them. */
export async function deidentifyFileWithReport(input: string, output: string, reportPath: string, options: DeidentifyOptions = {}): Promise<DeidReport> {
  const spooled = await deidentifyFileSpooled(input, output, reportPath, options);
  try {
    await spooled.writeTo(reportPath);
  } finally {
    await spooled.dispose();
  }
  return spooled.report;
}

/**
 * Report items appended to a file as the report file lays them out (two levels deep, comma-separated), so
 * writing the report copies the spool instead of parsing it again; a push returns a promise while the file lags.
 */
class ItemSpool {
  count = 0;
  private waiting: Promise<void> | null = null;
  private failed: Error | null = null;
  private readonly closed: Promise<void>;

  constructor(private readonly ws: WriteStream) {
    this.closed = new Promise<void>((res) => {
      ws.on('close', res);
      ws.on('error', (e) => {
        this.failed = e;
        res();
      });
    });
  }

  push(item: DeidReportItem): Promise<void> | undefined {
    const text = (this.count++ ? ',' : '') + ITEM_BREAK + JSON.stringify(item, null, 2).replace(/\n/g, ITEM_BREAK);
    if (this.ws.write(text) || this.failed) return this.waiting ?? undefined;
    // never rejects: a write error is thrown by close(), and the de-identifier must not stall on it
    this.waiting ??= Promise.race([new Promise<void>((res) => this.ws.once('drain', res)), this.closed]).then(() => {
      this.waiting = null;
    });
    return this.waiting;
  }

  async close(): Promise<void> {
    if (!this.ws.writableEnded) this.ws.end();
    await this.closed;
    if (this.failed) throw this.failed;
  }
}

/** Where an item starts in the report file: each sits two levels deep. */
const ITEM_BREAK = '\n    ';

/**
 * The report's JSON as `JSON.stringify({ ...report, ...extra }, null, indent)` would write it, with the items
 * from the spool. The fields before `items` and after it are serialised as two objects and joined around the
 * items, so the layout is JSON.stringify's own.
 */
async function* reportJson(report: DeidReport, spool: string | null, indent: 0 | 2, extra: Record<string, unknown>): AsyncGenerator<string> {
  const whole: Record<string, unknown> = { ...report, ...extra };
  const keys = Object.keys(whole);
  const at = keys.indexOf('items');
  const pick = (ks: string[]) => Object.fromEntries(ks.map((k) => [k, whole[k]]));
  const head = JSON.stringify(pick(keys.slice(0, at)), null, indent);
  const tail = JSON.stringify(pick(keys.slice(at + 1)), null, indent);
  const nl = indent ? '\n' : '';
  const sep = indent ? ' ' : '';
  // head without its closing brace, tail without its opening one; both hold at least one field
  yield `${head.slice(0, head.length - 1 - nl.length)},${nl}${' '.repeat(indent)}"items":${sep}[`;
  if (spool) {
    const minify = indent ? null : jsonMinifier();
    for await (const chunk of createReadStream(spool, { encoding: 'utf8', highWaterMark: 1 << 20 }) as AsyncIterable<string>) yield minify ? minify(chunk) : chunk;
  }
  yield `${spool && indent ? nl + ' '.repeat(indent) : ''}],${tail.slice(1)}`;
}

/** Drops the whitespace outside strings (all JSON.stringify's indentation adds), across chunk boundaries. */
function jsonMinifier(): (chunk: string) => string {
  let inString = false;
  let escaped = false;
  return (chunk) => {
    let out = '';
    let from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 92) escaped = true; // backslash
        else if (c === 34) inString = false; // quote
      } else if (c === 34) inString = true;
      else if (c === 32 || c === 10 || c === 13 || c === 9) {
        out += chunk.slice(from, i);
        from = i + 1;
      }
    }
    return out + chunk.slice(from);
  };
}

function tempBeside(path: string, kind: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.${kind}`);
}
