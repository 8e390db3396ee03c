import { type RawBuilder, sql } from 'kysely';

// `where(col, 'in', ids)` sends one bind parameter per id, and Postgres refuses a statement with more than 65,535:
// a page of that many ids would fail. These send the whole list as one array parameter instead (same rows).

/** `column = any($1::uuid[])`: the rows whose uuid column is one of `ids`, whatever their number. */
export function inUuids(column: string, ids: readonly string[]): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} = any(${[...ids]}::uuid[])`;
}

/** `column = any($1::text[])`: the same for a text column (audit target ids, compliance scope keys). */
export function inTexts(column: string, values: readonly string[]): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} = any(${[...values]}::text[])`;
}
