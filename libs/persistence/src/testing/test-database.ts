import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createDatabase, type Db } from '../database';
import { startEmbeddedPostgres } from '../embedded-postgres';
import { migrate } from '../migrate';

export type DatabaseEngine = 'pglite' | 'postgres';

export interface TestDatabase {
  readonly engine: DatabaseEngine;
  readonly url: string;
  readonly db: Db;
  close(): Promise<void>;
}

/**
 * Engines the DB tests must run on. PGlite always; a real Postgres server whenever TEST_POSTGRES_URL is set —
 * and `npm test` always sets it, so a missing server fails loudly instead of quietly testing less.
 */
export function testEngines(): DatabaseEngine[] {
  return process.env['TEST_POSTGRES_URL'] ? ['pglite', 'postgres'] : ['pglite'];
}

/** A fresh, migrated database: an in-memory PGlite, or a new database on the Postgres server, dropped on close. */
export async function createTestDatabase(engine: DatabaseEngine): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const embedded = await startEmbeddedPostgres();
    const db = createDatabase(embedded.url, 8);
    await migrate(db);
    return { engine, url: embedded.url, db, close: async () => { await db.destroy(); await embedded.close(); } };
  }
  const adminUrl = process.env['TEST_POSTGRES_URL'];
  if (!adminUrl) throw new Error('TEST_POSTGRES_URL is not set');
  // pg reads anything else as a path relative to a host called "base" and fails with a baffling ENOTFOUND.
  if (!/^postgres(ql)?:\/\/\S+$/.test(adminUrl)) throw new Error('TEST_POSTGRES_URL is not a postgres:// URL');
  const name = `cloister_t_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = createDatabase(url.toString(), 16);
  await migrate(db);
  return {
    engine, url: url.toString(), db,
    close: async () => {
      await db.destroy();
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      // Without FORCE: the pool has closed its sessions by now, and killing live ones would surface as errors.
      for (let attempt = 0; ; attempt++) {
        try {
          await c.query(`DROP DATABASE IF EXISTS ${name}`);
          break;
        } catch (e) {
          if (attempt >= 20) throw e;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      await c.end();
    },
  };
}
