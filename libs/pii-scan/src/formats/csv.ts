/**
 * A streaming RFC 4180 CSV/TSV reader. Lines without quotes take a fast path (String.split); quoted fields,
 * doubled quotes and line breaks inside quotes take the careful path. Memory is bounded by the longest record.
 */
export interface CsvRecord {
  fields: string[];
  /** 1-based physical line where the record starts. */
  line: number;
}

export class CsvError extends Error {}

const MAX_RECORD_CHARS = 16 * 1024 * 1024;

export class CsvReader {
  private pending = '';
  private line = 1;
  private started = false;

  constructor(
    private readonly delimiter: string,
    private readonly onRecord: (r: CsvRecord) => void,
  ) {}

  push(chunk: string): void {
    if (!this.started) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    this.pending = this.pending.length ? this.pending + chunk : chunk;
    this.drain(false);
    if (this.pending.length > MAX_RECORD_CHARS) throw new CsvError(`malformed CSV near line ${this.line}: a record longer than ${MAX_RECORD_CHARS} characters (unterminated quote?)`);
  }

  end(): void {
    this.drain(true);
    this.pending = '';
  }

  private drain(final: boolean): void {
    const buf = this.pending;
    const d = this.delimiter;
    let pos = 0;
    const n = buf.length;
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
    this.pending = pos >= n ? '' : buf.slice(pos);
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

/** Parses a whole CSV string (for small tables such as SDC outputs). */
export function parseCsv(text: string, delimiter = ','): CsvRecord[] {
  const out: CsvRecord[] = [];
  const r = new CsvReader(delimiter, (rec) => out.push(rec));
  r.push(text);
  r.end();
  return out;
}
