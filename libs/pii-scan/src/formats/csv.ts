/**
 * A streaming RFC 4180 CSV/TSV reader. Lines without quotes take a fast path; quoted fields, doubled quotes
 * and line breaks inside quotes take the careful path. Memory is bounded by the longest record.
 *
 * With a span sink, an unquoted record is handed over as field offsets into the decoded text instead of an
 * array of strings, so a scanner that can judge most cells from their characters allocates nothing per cell.
 */
export interface CsvRecord {
  fields: string[];
  /** 1-based physical line where the record starts. */
  line: number;
}

/**
 * Receives an unquoted record as spans: field i is buf.slice(starts[i], ends[i]). The arrays are reused for
 * the next record, so copy what you keep.
 */
export type CsvSpanSink = (buf: string, starts: Int32Array, ends: Int32Array, count: number, line: number) => void;

export class CsvError extends Error {}

const MAX_RECORD_CHARS = 16 * 1024 * 1024;

export class CsvReader {
  private pending = '';
  private line = 1;
  private started = false;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);

  /** `spans`, when given, receives unquoted records (single-character delimiters only); quoted ones still go to `onRecord`. */
  constructor(
    private readonly delimiter: string,
    private readonly onRecord: (r: CsvRecord) => void,
    private readonly spans: CsvSpanSink | null = null,
  ) {}

  push(chunk: string): void {
    if (!this.started) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    let from = 0;
    if (this.pending.length) {
      // Finish the record cut by the chunk boundary on a small string, so the big chunk is scanned as it
      // arrived (a flat string, read fastest) rather than copied into a concatenation or sliced.
      const nl = chunk.indexOf('\n');
      if (nl !== -1) {
        const head = this.pending + chunk.slice(0, nl + 1);
        this.pending = '';
        // strings, not spans: the span path then only ever reads flat decoded chunks, which keeps it monomorphic
        const rest = this.drain(head, 0, false, false);
        if (rest < head.length) chunk = head.slice(rest) + chunk.slice(nl + 1); // e.g. a quoted field spans lines
        else from = nl + 1;
      } else {
        chunk = this.pending + chunk;
        this.pending = '';
      }
    }
    const rest = this.drain(chunk, from, false);
    this.pending = rest >= chunk.length ? '' : chunk.slice(rest);
    if (this.pending.length > MAX_RECORD_CHARS) throw new CsvError(`malformed CSV near line ${this.line}: a record longer than ${MAX_RECORD_CHARS} characters (unterminated quote?)`);
  }

  end(): void {
    this.drain(this.pending, 0, true);
    this.pending = '';
  }

  /** Emits the complete records in buf from pos; returns where the incomplete remainder starts. */
  private drain(buf: string, pos: number, final: boolean, spans = true): number {
    const d = this.delimiter;
    const n = buf.length;
    if (spans && this.spans !== null && d.length === 1 && d !== '"' && d !== '\n' && d !== '\r') return this.drainSpans(buf, pos, final, d.charCodeAt(0), this.spans);
    let q = -2; // next quote at or after pos (-1: none left); found once, not once per line
    while (pos < n) {
      let nl = buf.indexOf('\n', pos);
      if (nl === -1) {
        if (!final) break;
        nl = n;
      }
      if (q !== -1 && q < pos) q = buf.indexOf('"', pos);
      if (q === -1 || q > nl) {
        let lineEnd = nl;
        if (lineEnd > pos && buf.charCodeAt(lineEnd - 1) === 13) lineEnd--;
        if (lineEnd > pos || nl < n) this.onRecord({ fields: buf.slice(pos, lineEnd).split(d), line: this.line });
        this.line++;
        pos = nl + 1;
        continue;
      }
      const r = this.parseQuoted(buf, pos, final);
      if (r === null) break;
      this.onRecord({ fields: r.fields, line: this.line });
      this.line += r.lines;
      pos = r.next;
    }
    return pos;
  }

  /** As drain, but unquoted records go to the span sink: line breaks and quotes found by indexOf, fields by one pass. */
  private drainSpans(buf: string, pos: number, final: boolean, d: number, sink: CsvSpanSink): number {
    const n = buf.length;
    const dc = String.fromCharCode(d);
    let starts = this.starts;
    let ends = this.ends;
    let q = -2; // next quote at or after pos (-1: none left)
    while (pos < n) {
      let nl = buf.indexOf('\n', pos);
      if (nl === -1) {
        if (!final) break;
        nl = n;
      }
      if (q !== -1 && q < pos) q = buf.indexOf('"', pos);
      if (q !== -1 && q < nl) {
        const r = this.parseQuoted(buf, pos, final);
        if (r === null) break;
        this.onRecord({ fields: r.fields, line: this.line });
        this.line += r.lines;
        pos = r.next;
        continue;
      }
      let lineEnd = nl;
      if (lineEnd > pos && buf.charCodeAt(lineEnd - 1) === 13) lineEnd--;
      if (lineEnd > pos || nl < n) {
        let count = 0;
        let fs = pos;
        // indexOf finds each delimiter with the engine's vectorised search, faster than a charCodeAt loop.
        for (let i = buf.indexOf(dc, pos); i !== -1 && i < lineEnd; i = buf.indexOf(dc, i + 1)) {
          if (count === starts.length - 1) {
            starts = this.starts = grow(starts);
            ends = this.ends = grow(ends);
          }
          starts[count] = fs;
          ends[count++] = i;
          fs = i + 1;
        }
        starts[count] = fs;
        ends[count++] = lineEnd;
        sink(buf, starts, ends, count, this.line);
      }
      this.line++;
      pos = nl + 1;
    }
    return pos;
  }

  /** Parses one record that contains quotes, or returns null if it is not complete yet. */
  private parseQuoted(buf: string, pos: number, final: boolean): { fields: string[]; next: number; lines: number } | null {
    const d = this.delimiter.charCodeAt(0);
    const fields: string[] = [];
    let i = pos;
    let lines = 1;
    const n = buf.length;
    for (;;) {
      if (i < n && buf.charCodeAt(i) === 34) {
        // quoted field
        let val = '';
        let j = i + 1;
        for (;;) {
          const q = buf.indexOf('"', j);
          if (q === -1) {
            if (final) throw new CsvError(`malformed CSV at line ${this.line}: unterminated quoted field`);
            return null;
          }
          val += buf.slice(j, q);
          if (buf.charCodeAt(q + 1) === 34) {
            val += '"';
            j = q + 2;
            continue;
          }
          if (q + 1 >= n && !final) return null;
          j = q + 1;
          break;
        }
        for (let k = 0; k < val.length; k++) if (val.charCodeAt(k) === 10) lines++;
        // tolerate junk between the closing quote and the delimiter
        let k = j;
        while (k < n && buf.charCodeAt(k) !== d && buf.charCodeAt(k) !== 10) k++;
        if (k > j) {
          const junk = buf.slice(j, k);
          if (junk !== '\r') val += junk.replace(/\r$/, '');
        }
        fields.push(val);
        if (k >= n) {
          if (!final) return null;
          return { fields, next: n, lines };
        }
        if (buf.charCodeAt(k) === 10) return { fields, next: k + 1, lines };
        i = k + 1;
      } else {
        let k = i;
        while (k < n && buf.charCodeAt(k) !== d && buf.charCodeAt(k) !== 10) k++;
        if (k >= n && !final) return null;
        let end = k;
        if (end > i && buf.charCodeAt(end - 1) === 13 && (k >= n || buf.charCodeAt(k) === 10)) end--;
        fields.push(buf.slice(i, end));
        if (k >= n) return { fields, next: n, lines };
        if (buf.charCodeAt(k) === 10) return { fields, next: k + 1, lines };
        i = k + 1;
      }
    }
  }
}

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** Parses a whole CSV string (for small tables such as SDC outputs). */
export function parseCsv(text: string, delimiter = ','): CsvRecord[] {
  const out: CsvRecord[] = [];
  const r = new CsvReader(delimiter, (rec) => out.push(rec));
  r.push(text);
  r.end();
  return out;
}
