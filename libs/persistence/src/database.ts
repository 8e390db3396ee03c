import { Kysely, PostgresDialect } from 'kysely';
import { Pool, types } from 'pg';
import type { Database } from './schema';

// bigint (int8) stays a string so no precision is lost; timestamps stay Date.
types.setTypeParser(types.builtins.INT8, (v) => v);

export type Db = Kysely<Database>;

export function createDatabase(connectionString: string, poolSize = 10): Db {
  const pool = new Pool({ connectionString, max: poolSize });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
