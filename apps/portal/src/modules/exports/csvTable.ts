/** A table read for display: the header row and the data rows, cut at `maxRows`. */
export interface CsvTable {
  header: string[];
  rows: string[][];
  /** Data rows left out after `maxRows`. */
  more: boolean;
}

/** Reads CSV or TSV as RFC 4180 does (quoted fields, doubled quotes, newlines inside quotes); enough to show a preview. */
export function parseCsvTable(text: string, delimiter: ',' | '\t' = ',', maxRows = 1000): CsvTable {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let more = false;
  const endRecord = () => {
    record.push(field);
    field = '';
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
  };
  for (; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      endRecord();
      if (records.length > maxRows) {
        more = true;
        break;
      }
    } else field += c;
  }
  if (!more && (field !== '' || record.length > 0)) endRecord();
  const [header = [], ...rows] = records;
  return { header, rows: rows.slice(0, maxRows), more: more || rows.length > maxRows };
}
