/**
 * A streaming JSON syntax checker (constant memory apart from the nesting stack). It does not build values:
 * the scanner reads JSON as text, and this only decides whether the file is well-formed.
 * In "lines" mode (JSONL) every non-blank line must hold one complete value.
 */
const enum S {
  Value,
  AfterValue,
  KeyOrEnd,
  Key,
  Colon,
  Str,
  StrEsc,
  Num,
  Lit,
}

const STR_STOP = /["\\\n]/g;

export class JsonChecker {
  private stack: number[] = []; // 123 '{' or 91 '['
  private state: S = S.Value;
  private strIsKey = false;
  private lit = '';
  private litPos = 0;
  private offset = 0;
  private line = 1;
  private error: string | null = null;
  private sawValue = false;

  constructor(private readonly lines = false) {}

  get failed(): string | null {
    return this.error;
  }

  push(chunk: string): void {
    if (this.error) return;
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      if (this.state === S.Str) {
        STR_STOP.lastIndex = i;
        const m = STR_STOP.exec(chunk);
        if (!m) {
          i = n;
          break;
        }
        i = m.index;
        const c = chunk.charCodeAt(i);
        if (c === 10) return this.fail(chunk, i, 'line break inside a string');
        if (c === 92) this.state = S.StrEsc;
        else this.endString();
        i++;
        continue;
      }
      const c = chunk.charCodeAt(i);
      switch (this.state) {
        case S.StrEsc:
          this.state = S.Str;
          i++;
          continue;
        case S.Num:
          if ((c >= 48 && c <= 57) || c === 46 || c === 101 || c === 69 || c === 43 || c === 45) {
            i++;
            continue;
          }
          this.state = S.AfterValue;
          this.valueDone();
          continue;
        case S.Lit:
          if (c !== this.lit.charCodeAt(this.litPos)) return this.fail(chunk, i, `unexpected '${chunk[i]}'`);
          this.litPos++;
          i++;
          if (this.litPos === this.lit.length) {
            this.state = S.AfterValue;
            this.valueDone();
          }
          continue;
        default:
          break;
      }
      if (c === 32 || c === 9 || c === 13 || c === 10) {
        if (c === 10) {
          this.line++;
          if (this.lines && this.stack.length === 0 && this.state === S.AfterValue) {
            this.state = S.Value;
            this.sawValue = false;
          }
        }
        i++;
        continue;
      }
      switch (this.state) {
        case S.Value:
          if (this.lines && this.stack.length === 0 && this.sawValue) return this.fail(chunk, i, 'more than one value on a line');
          if (c === 123) {
            this.stack.push(123);
            this.state = S.KeyOrEnd;
          } else if (c === 91) {
            this.stack.push(91);
            this.state = S.Value;
            // allow an empty array
            let j = i + 1;
            while (j < n && (chunk.charCodeAt(j) === 32 || chunk.charCodeAt(j) === 10 || chunk.charCodeAt(j) === 13 || chunk.charCodeAt(j) === 9)) j++;
            if (j < n && chunk.charCodeAt(j) === 93) {
              this.offset += j - i;
              i = j;
              this.stack.pop();
              this.state = S.AfterValue;
              this.valueDone();
            }
          } else if (c === 34) {
            this.state = S.Str;
            this.strIsKey = false;
          } else if ((c >= 48 && c <= 57) || c === 45) this.state = S.Num;
          else if (c === 116) this.startLit('true');
          else if (c === 102) this.startLit('false');
          else if (c === 110) this.startLit('null');
          else return this.fail(chunk, i, `unexpected '${chunk[i]}'`);
          i++;
          continue;
        case S.KeyOrEnd:
          if (c === 125) {
            this.stack.pop();
            this.state = S.AfterValue;
            this.valueDone();
          } else if (c === 34) {
            this.state = S.Str;
            this.strIsKey = true;
          } else return this.fail(chunk, i, `expected a key, found '${chunk[i]}'`);
          i++;
          continue;
        case S.Key:
          if (c !== 34) return this.fail(chunk, i, `expected a key, found '${chunk[i]}'`);
          this.state = S.Str;
          this.strIsKey = true;
          i++;
          continue;
        case S.Colon:
          if (c !== 58) return this.fail(chunk, i, `expected ':', found '${chunk[i]}'`);
          this.state = S.Value;
          i++;
          continue;
        case S.AfterValue: {
          const top = this.stack[this.stack.length - 1];
          if (c === 44 && top !== undefined) this.state = top === 123 ? S.Key : S.Value;
          else if (c === 125 && top === 123) {
            this.stack.pop();
            this.valueDone();
          } else if (c === 93 && top === 91) {
            this.stack.pop();
            this.valueDone();
          } else return this.fail(chunk, i, `unexpected '${chunk[i]}'`);
          i++;
          continue;
        }
        default:
          i++;
      }
    }
    this.offset += n;
  }

  /** Returns the error, or null when the document is complete and well-formed. */
  end(): string | null {
    if (this.error) return this.error;
    if (this.state === S.Num || (this.state === S.Lit && this.litPos === this.lit.length)) this.state = S.AfterValue;
    if (this.stack.length > 0 || this.state === S.Str || this.state === S.StrEsc || this.state === S.Lit || this.state === S.Colon || this.state === S.Key || this.state === S.KeyOrEnd) {
      return (this.error = `malformed JSON: unexpected end of input (line ${this.line})`);
    }
    if (!this.lines && this.state === S.Value) return (this.error = 'malformed JSON: empty document');
    return null;
  }

  private startLit(l: string): void {
    this.state = S.Lit;
    this.lit = l;
    this.litPos = 1;
  }

  private endString(): void {
    if (this.strIsKey) this.state = S.Colon;
    else {
      this.state = S.AfterValue;
      this.valueDone();
    }
  }

  private valueDone(): void {
    if (this.stack.length === 0) this.sawValue = true;
  }

  private fail(chunk: string, i: number, what: string): void {
    void chunk;
    this.error = `malformed JSON at line ${this.line}, offset ${this.offset + i}: ${what}`;
  }
}

/** Length-preserving view of JSON text for the scanner: escape sequences become spaces. */
const JSON_ESCAPES = /\\(?:u[0-9A-Fa-f]{4}|[^u])/g;
/** Runs of base64 this long (embedded images) become spaces: they are not text and only produce noise. */
const BASE64_MIN_RUN = 256;

const isBase64Char = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;

/**
 * Blanks each run of at least BASE64_MIN_RUN base64 characters, with up to two `=` of padding, in one linear pass.
 * A loop rather than a regular expression: `[A-Za-z0-9+/]{256,}` is linear too, but its counter is too large for the
 * ReDoS checker to prove within its time limit on a busy machine.
 */
function blankBase64Runs(text: string): string {
  let out: string[] | null = null;
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    if (!isBase64Char(text.charCodeAt(i))) { i++; continue; }
    const start = i;
    while (i < text.length && isBase64Char(text.charCodeAt(i))) i++;
    if (i - start < BASE64_MIN_RUN) continue;
    for (let pad = 0; pad < 2 && text.charCodeAt(i) === 61; pad++) i++;
    (out ??= []).push(text.slice(copied, start), ' '.repeat(i - start));
    copied = i;
  }
  return out ? out.join('') + text.slice(copied) : text;
}

export function jsonView(buf: string): string {
  let out = buf.indexOf('\\') === -1 ? buf : buf.replace(JSON_ESCAPES, (m) => (m.length === 2 ? '  ' : m.length === 6 ? '      ' : ' '.repeat(m.length)));
  if (out.length >= BASE64_MIN_RUN) out = blankBase64Runs(out);
  return out;
}
