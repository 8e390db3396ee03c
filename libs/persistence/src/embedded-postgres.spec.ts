import { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';

describe('embedded Postgres (PGlite over the wire protocol)', () => {
  let pg: EmbeddedPostgres;
  let pool: Pool;
  beforeAll(async () => {
    pg = await startEmbeddedPostgres();
    pool = new Pool({ connectionString: pg.url, max: 12 });
  });
  afterAll(async () => {
    await pool.end();
    await pg.close();
  });

  it('never mixes up parameterised queries from many connections', async () => {
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => pool.query<{ v: number; s: string }>('select $1::int as v, $2::text as s', [i, `s${i}`])));
    results.forEach((r, i) => expect(r.rows[0]).toEqual({ v: i, s: `s${i}` }));
  });

  it('isolates transactions: others wait until commit', async () => {
    await pool.query('create table t (n int)');
    const a = await pool.connect();
    await a.query('begin');
    await a.query('insert into t values (1)');
    let seen: number | null = null;
    const reader = pool.query<{ c: string }>('select count(*) as c from t').then((r) => { seen = Number(r.rows[0]!.c); });
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toBeNull();
    await a.query('commit');
    a.release();
    await reader;
    expect(seen).toBe(1);
  });

  it('rolls back the transaction of a client that disconnects', async () => {
    const a = await pool.connect();
    await a.query('begin');
    await a.query('insert into t values (2)');
    a.release(true);
    const r = await pool.query<{ c: string }>('select count(*) as c from t where n = 2');
    expect(Number(r.rows[0]!.c)).toBe(0);
  });
});
