/**
 * The `deidentify` report written as a stream, so memory stays flat however many changes a file has (a 20 MB
 * extract makes over a million items). Items go to a spool file beside the report as they happen, one compact
 * JSON line each; once the totals are known the report is written field by field in the order it always had
 * (input, output, format, error, changed, byEntity, items, retyped), the items read back from the spool. The
 * result is byte for byte what `JSON.stringify(report, null, 2)` gives. Report and spool are temporary files
 * renamed or removed at the end, like the de-identified copy.
 */
import { createReadStream, createWriteStream, promises as fsp, type WriteStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { basename, dirname, join } from 'node:path';
import { deidentifyFile, type DeidentifyOptions, type DeidReport, type DeidReportItem } from './deidentify';
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

/**
 * `deidentifyFile`, with the report's items spooled to a temporary file next to `spoolBeside` (the report's
 * path) instead of held. The de-identifier waits whenever the spool's disk writes fall behind.
 */
export async function deidentifyFileSpooled(input: string, output: string, spoolBeside: string, options: DeidentifyOptions = {}): Promise<SpooledDeidReport> {
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

/** Report items appended to a file as compact JSON lines; a push returns a promise while the file lags. */
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
    this.count++;
    if (this.ws.write(JSON.stringify(item) + '\n') || this.failed) return this.waiting ?? undefined;
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

/**
 * The report's JSON as `JSON.stringify({ ...report, ...extra }, null, indent)` would write it, with the items
 * read one by one from the spool. The fields before `items` and after it are serialised as two objects and
 * joined around the items, so the layout is JSON.stringify's own.
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
  let n = 0;
  if (spool) {
    const lines = createInterface({ input: createReadStream(spool, { encoding: 'utf8', highWaterMark: 1 << 20 }), crlfDelay: Infinity });
    let batch = '';
    for await (const line of lines) {
      if (!line) continue;
      const item = indent ? JSON.stringify(JSON.parse(line) as DeidReportItem, null, indent).replace(/\n/g, '\n' + ' '.repeat(2 * indent)) : line;
      batch += (n++ ? ',' : '') + nl + ' '.repeat(2 * indent) + item;
      if (batch.length >= 1 << 16) {
        yield batch;
        batch = '';
      }
    }
    yield batch;
  }
  yield `${n && indent ? nl + ' '.repeat(indent) : ''}],${tail.slice(1)}`;
}

function tempBeside(path: string, kind: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.${kind}`);
}
