/** CSV/TSV in, CSV/TSV out: records through the table de-identifier, written as they come out. */
import { createWriteStream } from 'node:fs';
import { CsvReader } from '../formats/csv';
import { sniffDelimiter, textChunks } from '../scan-file';
import { TableDeidentifier, type DeidRow } from './table-deid';
import type { DeidentifyOptions, ItemSink } from './deidentify';
import { textWriter } from './text-io';

export async function deidentifyCsv(input: string, output: string, tsv: boolean, options: DeidentifyOptions, items: ItemSink): Promise<void> {
  const out = textWriter(createWriteStream(output, { encoding: 'utf8' }));
  const deid = new TableDeidentifier<null>(options, items);
  let delim = tsv ? '\t' : '';
  let lines: string[] = [];
  const take = (rows: DeidRow<null>[]) => {
    for (const r of rows) lines.push(serialise(r.cells, delim));
  };
  let reader: CsvReader | null = null;
  try {
    // the scanner's decoder: UTF-16 (BOM) decoded as such, binary content refused
    for await (const chunk of textChunks(input, options.chunkSize ?? 1 << 20)) {
      // the same delimiter the scanner chose, so findings name the same cells
      if (!reader) {
        delim ||= sniffDelimiter(chunk);
        reader = new CsvReader(delim, (rec) => take(deid.push(rec.fields, null, rec.line)));
      }
      reader.push(chunk);
      if (lines.length) {
        const batch = lines;
        lines = [];
        await out.write(batch.join('\n') + '\n');
      }
      await items.ready();
    }
    reader?.end();
    take(deid.end());
    if (lines.length) await out.write(lines.join('\n') + '\n');
  } finally {
    await out.close();
  }
}


function serialise(fields: string[], delim: string): string {
  return fields.map((f) => (f.includes(delim) || f.includes('"') || f.includes('\n') || f.includes('\r') ? '"' + f.replace(/"/g, '""') + '"' : f)).join(delim);
}
