/**
 * Parquet in, Parquet out, one row group at a time (memory is bounded by a row group): hyparquet reads a row
 * group, the table de-identifier transforms its rows, hyparquet-writer writes it as one row group.
 *
 * A Parquet column has one type for the whole file, and a column whose values are transformed holds strings
 * (a tag, a hash, a year). Which columns those are is only known after every row has been judged, so a first
 * pass de-identifies without writing, to find them; the second pass writes. Both passes see the same rows, so
 * they judge them the same. Columns not changed keep their schema and values.
 */
import { cellText, openParquet, type ParquetMetadata } from '../formats/columnar';
import { TableDeidentifier, type DeidRow } from './table-deid';
import type { DeidentifyOptions, ItemSink, RetypedColumn } from './deidentify';

type SchemaTree = import('hyparquet').SchemaTree;
type SchemaElement = import('hyparquet').SchemaElement;
type HyparquetWriter = typeof import('hyparquet-writer');
type OutSchemaElement = import('hyparquet-writer').SchemaElement;

export async function deidentifyParquet(input: string, output: string, options: DeidentifyOptions, items: ItemSink): Promise<RetypedColumn[]> {
  const pq = await openParquet(input);
  const width = pq.names.length;

  // pass 1: which columns change
  const changed = new Set<number>();
  {
    const deid = new TableDeidentifier<null>(options, { push: () => undefined, ready: () => null }); // items come from pass 2
    const note = (rows: { changed: boolean[] | null }[]) => {
      for (const r of rows) r.changed?.forEach((c, i) => c && i < width && changed.add(i));
    };
    note(deid.push(pq.names, null));
    for await (const { rows } of pq.rowGroups()) for (const r of rows) note(deid.push(r.map(cellText), null));
    note(deid.end());
  }

  // pass 2: write
  const hw = (await import('hyparquet-writer')) as HyparquetWriter;
  const schema = outputSchema(pq.schema, changed);
  const writer = new hw.ParquetWriter({ writer: hw.fileWriter(output), schema: schema as OutSchemaElement[], kvMetadata: keptKeyValues(pq.metadata, changed.size > 0) });
  const deid = new TableDeidentifier<unknown[]>(options, items);
  deid.push(pq.names, []);
  // rows come out of the de-identifier later than they go in (the column sample), so they are cut into
  // groups the size of the input's row groups, to keep the file's layout. Each row goes straight into column
  // arrays (the typed value, or the text for a column that became strings), so only one group is held.
  const sizes: number[] = [];
  let columns: unknown[][] = pq.names.map(() => []);
  let held = 0;
  const add = (rows: DeidRow<unknown[]>[]) => {
    for (const r of rows) {
      for (let ci = 0; ci < width; ci++) {
        const v = r.raw[ci];
        columns[ci]!.push(v === null || v === undefined ? null : changed.has(ci) ? (r.cells[ci] ?? '') : v);
      }
      held++;
    }
  };
  const flush = async (all: boolean) => {
    while (sizes.length && (held >= sizes[0]! || all)) {
      const n = Math.min(sizes.shift()!, held);
      if (n === 0) continue;
      const group = columns.map((c) => c.slice(0, n));
      columns = columns.map((c) => c.slice(n));
      held -= n;
      await writer.write({ columnData: pq.names.map((name, ci) => ({ name, data: group[ci]! })), rowGroupSize: n });
    }
  };
  for await (const { rows } of pq.rowGroups()) {
    sizes.push(rows.length);
    for (const r of rows) {
      add(deid.push(r.map(cellText), r));
      // a row group can hold a million items: let the report's consumer keep up within it
      const wait = items.ready();
      if (wait) await wait;
    }
    await flush(false);
  }
  add(deid.end());
  await flush(true);
  await writer.finish();
  const retyped: RetypedColumn[] = [];
  for (const i of changed) {
    const from = typeLabel(pq.schema.children[i]!.element);
    if (from !== 'STRING' && from !== 'UTF8') retyped.push({ field: pq.names[i]!, from, to: 'string' });
  }
  return retyped;
}

/** The input schema with each changed top-level column replaced by an optional UTF-8 string column. */
function outputSchema(root: SchemaTree, changed: ReadonlySet<number>): SchemaElement[] {
  const flat = (t: SchemaTree): SchemaElement[] => [t.element, ...t.children.flatMap(flat)];
  return [
    root.element,
    ...root.children.flatMap((c, i) => (changed.has(i) ? [{ name: c.element.name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' } satisfies SchemaElement] : flat(c))),
  ];
}

/** Arrow's and pandas' saved schemas would contradict a retyped column, so they go when one is retyped. */
function keptKeyValues(metadata: ParquetMetadata, retyped: boolean): ParquetMetadata['key_value_metadata'] {
  const kv = metadata.key_value_metadata;
  if (!kv || !retyped) return kv;
  return kv.filter((e) => e.key !== 'ARROW:schema' && e.key !== 'pandas');
}

function typeLabel(e: SchemaElement): string {
  if (e.num_children) return 'group';
  const logical = e.logical_type?.type;
  return logical ?? e.converted_type ?? e.type ?? 'unknown';
}
