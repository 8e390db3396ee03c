// Azure-mode database sign-in: the user is the managed identity and the password an Entra token. The token source is
// the FAKE credential (the Azure boundary); pg and the Postgres server are real. This lives in libs/adapters because
// the fake does, and adapters may import persistence (not the other way round).
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AZURE_POSTGRES_TOKEN_SCOPE, createDatabase, databasePoolConfig } from '@cloister/persistence';
import { FakeTokenCredential } from '../azure-fakes/fake-token-credential';

describe('databasePoolConfig', () => {
  it('leaves local mode exactly as the URL says', () => {
    expect(databasePoolConfig('postgres://cloister@127.0.0.1:5432/cloister', 4)).toEqual({ connectionString: 'postgres://cloister@127.0.0.1:5432/cloister', max: 4 });
    expect(databasePoolConfig('postgres://u@h:5432/d', 4, { mode: 'local' })).toEqual({ connectionString: 'postgres://u@h:5432/d', max: 4 });
  });

  it('uses a password the URL carries, even in azure mode', () => {
    expect(databasePoolConfig('postgres://u:p@h:5432/d', 3, { mode: 'azure' })).toEqual({ connectionString: 'postgres://u:p@h:5432/d', max: 3 });
  });

  it('asks the credential for an Azure Database for PostgreSQL token when azure mode has no password', async () => {
    const credential = new FakeTokenCredential('entra-token-1');
    const config = databasePoolConfig('postgres://id-cloister-x-control-plane@psql.postgres.database.azure.com:5432/cloister?sslmode=verify-full', 5, { mode: 'azure', credential });
    expect(config).toMatchObject({ user: 'id-cloister-x-control-plane', host: 'psql.postgres.database.azure.com', port: 5432, database: 'cloister', max: 5 });
    expect(config.ssl).toBeTruthy();
    expect(config).not.toHaveProperty('connectionString');
    expect(credential.requestedScopes).toEqual([]);
    const password = config.password;
    if (typeof password !== 'function') throw new Error('expected a password function');
    await expect(password()).resolves.toBe('entra-token-1');
    expect(credential.requestedScopes).toEqual([AZURE_POSTGRES_TOKEN_SCOPE]);
  });

  it('defaults to DefaultAzureCredential (no token is fetched until a connection opens)', () => {
    expect(typeof databasePoolConfig('postgres://u@h:5432/d', 1, { mode: 'azure' }).password).toBe('function');
  });
});

// A real server whenever TEST_POSTGRES_URL is set (npm test always sets it), as the other database tests do.
const adminUrl = process.env['TEST_POSTGRES_URL'];
describe.each(adminUrl ? [adminUrl] : [])('azure-mode sign-in against a real Postgres server (%s)', (admin) => {
  const role = `entra_${randomBytes(5).toString('hex')}`;
  const token = randomBytes(24).toString('base64url');
  const url = new URL(admin);
  url.username = role;
  url.password = '';
  url.pathname = '/postgres';

  beforeAll(async () => {
    const c = new Client({ connectionString: admin });
    await c.connect();
    // Stands in for the Entra-mapped role: the server checks the token as the role's password.
    await c.query(`CREATE ROLE ${role} LOGIN PASSWORD '${token}'`);
    await c.end();
  });

  afterAll(async () => {
    const c = new Client({ connectionString: admin });
    await c.connect();
    await c.query(`DROP ROLE IF EXISTS ${role}`);
    await c.end();
  });

  it('connects with the token the credential returns, fetched when the server asks for a password', async () => {
    const credential = new FakeTokenCredential(token);
    const db = createDatabase(url.toString(), 2, { mode: 'azure', credential });
    try {
      const { rows } = await sql<{ user: string }>`select current_user as "user"`.execute(db);
      expect(rows[0]?.user).toBe(role);
      expect(credential.requestedScopes).toContain(AZURE_POSTGRES_TOKEN_SCOPE);
    } finally {
      await db.destroy();
    }
  });

  it('is refused with a token the server does not accept', async () => {
    const db = createDatabase(url.toString(), 1, { mode: 'azure', credential: new FakeTokenCredential('not-the-token') });
    try {
      await expect(sql`select 1`.execute(db)).rejects.toThrow(/password authentication failed/);
    } finally {
      await db.destroy();
    }
  });
});
