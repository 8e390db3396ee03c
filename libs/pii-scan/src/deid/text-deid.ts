/**
 * The de-identified copy of a text-like file (plain text, Markdown, JSON, JSONL, notebook) in one streamed pass.
 * The scanner reports findings window by window; once a prefix of the text is final (every finding starting in
 * it is known), its findings are transformed and the prefix is written out. Transforms change lengths, so the
 * output is written piece by piece rather than patched by offset. Only the text not yet written (about one
 * chunk plus the scanner's look-ahead) and that window's findings are held, whatever the size of the file.
 * The output is the whole-text rewrite's (applySpans): findings in start order, and one that overlaps the
 * previous replacement skipped.
 */
import { createWriteStream } from 'node:fs';
import type { Finding } from '../types';
import { streamTextFile, type FileFormat } from '../scan-file';
import { operatorFor, transformValue } from './transforms';
import type { DeidentifyOptions, ItemSink } from './deidentify';
import { textWriter } from './text-io';

/**
 * Writes the copy of `input` to `output` (UTF-8, whatever the input's encoding) and pushes a report item per
 * change. Returns the JSON checker's error, since malformed JSON is still rewritten as text; throws when the
 * file cannot be read as text or the copy cannot be written.
 */
export async function deidentifyTextFile(input: string, output: string, format: FileFormat, options: DeidentifyOptions, items: ItemSink): Promise<string | null> {
  const out = textWriter(createWriteStream(output, { encoding: 'utf8' }));
  let pending: Finding[] = []; // found, not yet applied
  let buf = ''; // the text read and not yet written, from offset `abs` on
  let abs = 0;
  let lastEnd = 0; // end of the last replaced finding
  try {
    const { jsonError } = await streamTextFile(
      input,
      format,
      options,
      (f) => pending.push(f),
      async (chunk, final) => {
        buf += chunk;
        let text = '';
        let pos = 0; // in buf
        for (const f of pending) {
          if (f.start < lastEnd) continue; // overlaps the previous replacement, as in applySpans
          // findings arrive in start order and none starts before `final` of an earlier call: the text is here
          if (f.start < abs) throw new Error(`internal: finding at ${f.start} is before the text still held (${abs})`);
          const r = transformValue(f.entity, buf.slice(f.start - abs, f.end - abs), operatorFor(f.entity, options), options);
          text += buf.slice(pos, f.start - abs) + r.text;
          pos = f.end - abs;
          lastEnd = f.end;
          if (r.operator !== 'keep') items.push({ entity: f.entity, operator: r.operator, start: f.start, end: f.end, line: f.line, row: null, field: null, score: f.score });
        }
        pending = [];
        // no finding still to come starts before `final`, so the text up to there (or the last replacement) is done
        const upTo = Math.max(pos, final - abs);
        text += buf.slice(pos, upTo);
        buf = buf.slice(upTo);
        abs += upTo;
        await out.write(text);
        await items.ready();
      },
    );
    return jsonError;
  } finally {
    await out.close();
  }
}
