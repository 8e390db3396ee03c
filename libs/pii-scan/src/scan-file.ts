/** Scanning files and directories: format detection, decoding, streaming, and errors per file. */
import { createReadStream, promises as fsp } from 'node:fs';
import { extname, join } from 'node:path';
import { isAscii } from 'node:buffer';
import { TextDecoder } from 'node:util';
import type { ColumnVerdict, DetailedFinding, Entity, FileResult, FileWarning, Finding, ScanOptions } from './types';
import { DEFAULT_MIN_SCORE } from './types';
import type { CoreOptions } from './text/scanner';
import { TextStreamScanner } from './text/stream';
import { JsonChecker, jsonView } from './formats/json-check';
import { CsvError, CsvReader } from './formats/csv';
import { TableScanner } from './formats/table';
import { scanParquet, scanXlsx } from './formats/columnar';

export type FileFormat = 'text' | 'markdown' | 'json' | 'jsonl' | 'notebook' | 'csv' | 'tsv' | 'parquet' | 'xlsx' | 'unsupported';

const BINARY_EXT = new Set(['.png', '.jpg', '.jpeg', '.gif', '.bmp', '.tif', '.tiff', '.webp', '.pdf', '.doc', '.docx', '.xls', '.ppt', '.pptx', '.zip', '.gz', '.tgz', '.bz2', '.xz', '.7z', '.tar', '.rds', '.rdata', '.dta', '.sav', '.sas7bdat', '.feather', '.arrow', '.avro', '.orc', '.pkl', '.pickle', '.npy', '.npz', '.h5', '.hdf5', '.db', '.sqlite', '.exe', '.dll', '.so', '.bin', '.jar', '.class', '.wasm', '.dcm', '.nii', '.mp3', '.mp4', '.wav', '.mov', '.avi']);

export function detectFormat(path: string): FileFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.md' || ext === '.markdown') return 'markdown';
  if (ext === '.json' || ext === '.geojson') return 'json';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.ipynb') return 'notebook';
  if (ext === '.csv') return 'csv';
  if (ext === '.tsv' || ext === '.tab') return 'tsv';
  if (ext === '.parquet' || ext === '.pq') return 'parquet';
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (BINARY_EXT.has(ext)) return 'unsupported';
  return 'text';
}

export function coreOptions(o: ScanOptions): CoreOptions {
  return { entities: o.entities && o.entities.length ? new Set<Entity>(o.entities) : null, known: o.known ?? null, minScore: o.minScore ?? DEFAULT_MIN_SCORE };
}

const strip = (f: DetailedFinding): Finding => ({ entity: f.entity, score: f.score, start: f.start, end: f.end, line: f.line, column: f.column, row: f.row, field: f.field, evidence: f.evidence });

/** Scans a string as plain text. Findings carry line/column. */
export function scanText(text: string, options: ScanOptions = {}): DetailedFinding[] {
  const out: DetailedFinding[] = [];
  const s = new TextStreamScanner({ core: coreOptions(options), minScore: options.minScore ?? DEFAULT_MIN_SCORE, onFinding: (f) => out.push(f) });
  s.push(text);
  s.end();
  return out;
}

/** Scans CSV/TSV text held in memory. */
export function scanCsvText(text: string, options: ScanOptions & { delimiter?: string } = {}): { findings: DetailedFinding[]; columns: ColumnVerdict[]; warnings: FileWarning[] } {
  const t = tableScanner(options);
  const r = new CsvReader(options.delimiter ?? ',', (rec) => t.onRecord(rec.fields, rec.line), (buf, starts, ends, count, line) => t.onSpans(buf, starts, ends, count, line));
  r.push(text);
  r.end();
  return t.finish();
}

/** Scans rows already in memory (e.g. from a database or a dataframe): header plus string cells. */
export function scanTable(header: string[], rows: Iterable<readonly unknown[]>, options: ScanOptions = {}): { findings: DetailedFinding[]; columns: ColumnVerdict[]; warnings: FileWarning[] } {
  const t = tableScanner(options);
  t.onRecord(header.map(String), 1);
  let line = 1;
  for (const r of rows) t.onRecord(r.map((x) => (x === null || x === undefined ? '' : x instanceof Date ? x.toISOString().slice(0, 10) : String(x))), ++line);
  return t.finish();
}

export function tableScanner(options: ScanOptions): TableScanner {
  return new TableScanner({
    core: coreOptions(options),
    minScore: options.minScore ?? DEFAULT_MIN_SCORE,
    sampleRows: options.sampleRows ?? 2000,
    maxFindingsPerColumn: options.maxFindingsPerColumn ?? 1000,
  });
}

/**
 * Reads a file as decoded text chunks: UTF-8, or UTF-16 with a byte order mark. Throws UnsupportedError for
 * binary content (NUL bytes without a UTF-16 BOM). The de-identifier reads CSV through this too, so the copy is
 * made from the text the scan judged.
 */
export async function* textChunks(path: string, chunkSize: number, state: { ascii: boolean } = { ascii: false }): AsyncGenerator<string> {
  const stream = createReadStream(path, { highWaterMark: chunkSize });
  let decoder: TextDecoder | null = null;
  // While UTF-8 input has been pure ASCII the decoder holds no partial sequence, so an ASCII chunk can be
  // copied as Latin-1 (the same characters), several times faster than decoding; after the first other byte
  // everything goes through the decoder.
  let ascii = false;
  for await (const raw of stream as AsyncIterable<Buffer>) {
    if (!decoder) {
      let enc = 'utf-8';
      if (raw[0] === 0xff && raw[1] === 0xfe) enc = 'utf-16le';
      else if (raw[0] === 0xfe && raw[1] === 0xff) enc = 'utf-16be';
      else if (raw.subarray(0, 8192).includes(0)) throw new UnsupportedError('binary content (NUL bytes); not a text file');
      decoder = new TextDecoder(enc);
      ascii = enc === 'utf-8';
    }
    if (ascii && isAscii(raw)) {
      state.ascii = true;
      if (raw.length) yield raw.toString('latin1');
      continue;
    }
    ascii = false;
    state.ascii = false;
    const s = decoder.decode(raw, { stream: true });
    if (s.length) yield s;
  }
  if (decoder) {
    const tail = decoder.decode();
    if (tail.length) yield tail;
  }
}

export class UnsupportedError extends Error {}

/** Scans one file. Never throws for a bad file: problems go in `error`. */
export async function scanFile(path: string, options: ScanOptions = {}): Promise<FileResult> {
  const format = (options.format as FileFormat | undefined) ?? detectFormat(path);
  const result: FileResult = { path, findings: [], error: null, format, bytes: 0 };
  const chunkSize = options.chunkSize ?? 1 << 20;
  const all: Finding[] = [];
  let count = 0;
  const sink = options.onFinding;
  const emit = sink
    ? (f: Finding) => {
        count++;
        sink(f);
      }
    : (f: Finding) => {
        count++;
        all.push(f);
      };
  const add = (f: DetailedFinding) => emit(strip(f));
  try {
    const st = await fsp.stat(path);
    if (!st.isFile()) throw new Error('not a regular file');
    result.bytes = st.size;
    switch (format) {
      case 'csv':
      case 'tsv': {
        const t = tableScanner(options);
        let r: CsvReader | null = null;
        for await (const chunk of textChunks(path, chunkSize)) {
          r ??= new CsvReader(format === 'tsv' ? '\t' : sniffDelimiter(chunk), (rec) => t.onRecord(rec.fields, rec.line), (buf, starts, ends, count, line) => t.onSpans(buf, starts, ends, count, line));
          r.push(chunk);
        }
        r?.end();
        const out = t.finish();
        for (const f of out.findings) add(f);
        result.columns = out.columns;
        if (out.warnings.length) result.warnings = out.warnings;
        break;
      }
      case 'parquet':
      case 'xlsx': {
        const out = format === 'parquet' ? await scanParquet(path, options) : await scanXlsx(path, options);
        for (const f of out.findings) add(f);
        result.columns = out.columns;
        if (out.warnings.length) result.warnings = out.warnings;
        break;
      }
      default: {
        const { images, jsonError } = await streamTextFile(path, format, options, emit);
        if (images > 0) (result.warnings ??= []).push({ kind: 'embedded-image', message: `${images} embedded image output(s) (base64) were not scanned: an image needs manual review` });
        if (jsonError) result.error = jsonError;
      }
    }
  } catch (e) {
    result.error = errorText(e);
  }
  result.findings = all;
  result.findingCount = count;
  return result;
}

/**
 * Streams a text-like file (plain text, Markdown, JSON, JSONL, notebook) through the scanner, passing each
 * finding on in order. `afterChunk`, when given, runs after each decoded chunk has been scanned, with the chunk
 * and the offset before which every finding has been passed on, then once more with '' and the text's length;
 * reading waits on the promise it returns. Throws for an unsupported or binary file and for read errors.
 * Malformed JSON is not thrown: the findings stand, and the checker's error is returned.
 */
export async function streamTextFile(
  path: string,
  format: FileFormat,
  options: ScanOptions,
  onFinding: (f: Finding) => void,
  afterChunk?: (chunk: string, final: number) => void | Promise<void>,
): Promise<{ images: number; jsonError: string | null }> {
  if (format === 'unsupported') throw new UnsupportedError(`unsupported file type "${extname(path) || '(none)'}": not scanned; needs manual review`);
  const isJson = format === 'json' || format === 'jsonl' || format === 'notebook';
  const checker = isJson ? new JsonChecker(format === 'jsonl') : null;
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  const s = new TextStreamScanner({ core: coreOptions(options), minScore, view: isJson ? jsonView : undefined, onFinding: (f) => onFinding(strip(f)), onPlainFinding: onFinding });
  let images = 0;
  const chunkState = { ascii: false };
  for await (const chunk of textChunks(path, options.chunkSize ?? 1 << 20, chunkState)) {
    checker?.push(chunk);
    if (format === 'notebook') images += countImages(chunk);
    s.push(chunk, chunkState.ascii);
    if (afterChunk) await afterChunk(chunk, s.final);
  }
  s.end();
  if (afterChunk) await afterChunk('', s.final);
  return { images, jsonError: checker?.end() ?? null };
}

/** The delimiter of a .csv file from its header line: comma unless semicolons, tabs or pipes clearly dominate. */
export function sniffDelimiter(chunk: string): string {
  const nl = chunk.indexOf('\n');
  const head = nl === -1 ? chunk : chunk.slice(0, nl);
  const count = (c: string) => head.split(c).length - 1;
  const comma = count(',');
  let best = ',';
  let bestN = comma;
  for (const d of [';', '\t', '|']) {
    const n = count(d);
    if (n > bestN) {
      best = d;
      bestN = n;
    }
  }
  return best;
}

function countImages(chunk: string): number {
  let n = 0;
  let i = chunk.indexOf('"image/');
  while (i !== -1) {
    n++;
    i = chunk.indexOf('"image/', i + 7);
  }
  return n;
}

/** A file error as reported in results: short words for the common OS errors. */
export function errorText(e: unknown): string {
  if (e instanceof UnsupportedError || e instanceof CsvError) return e.message;
  const err = e as NodeJS.ErrnoException;
  if (err && err.code === 'ENOENT') return 'file not found';
  if (err && err.code === 'EACCES') return 'permission denied';
  if (err && err.code === 'EISDIR') return 'is a directory';
  return err && err.message ? err.message : String(e);
}

/** Expands files and directories (recursively, in sorted order, not following symlinked directories). */
export async function expandPaths(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const walk = async (p: string): Promise<void> => {
    let st;
    try {
      st = await fsp.lstat(p);
    } catch {
      out.push(p); // reported as an error by scanFile
      return;
    }
    if (st.isDirectory()) {
      const names = (await fsp.readdir(p)).sort();
      for (const n of names) await walk(join(p, n));
    } else if (st.isSymbolicLink()) {
      const t = await fsp.stat(p).catch(() => null);
      if (t && t.isFile()) out.push(p);
    } else out.push(p);
  };
  for (const p of paths) await walk(p);
  return out;
}

export async function scanPaths(paths: readonly string[], options: ScanOptions = {}): Promise<FileResult[]> {
  const files = await expandPaths(paths);
  const out: FileResult[] = [];
  for (const f of files) out.push(await scanFile(f, options));
  return out;
}
