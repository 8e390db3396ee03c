import { type Kysely, sql } from 'kysely';
import { MIGRATIONS, type Migration } from './migrations';
import type { Database } from './schema';

// Any fixed number works; it only has to be the same in every process that migrates.
const MIGRATION_LOCK_KEY = 4_242_001;

/**
 * Applies pending migrations in one transaction each, under an advisory lock so the API and the worker can both
 * start at once. Returns the versions it applied.
 */
export async function migrate(db: Kysely<Database>, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`.execute(db);
  return db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(conn);
    try {
      const applied = new Set((await conn.selectFrom('schema_migrations').select('version').execute()).map((r) => r.version));
      const done: number[] = [];
      for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
        if (applied.has(m.version)) continue;
        await conn.transaction().execute(async (trx) => {
          await sql.raw(m.up).execute(trx);
          await trx.insertInto('schema_migrations').values({ version: m.version, name: m.name }).execute();
        });
        done.push(m.version);
      }
      return done;
    } finally {
      await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(conn);
    }
  });
}
