import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import { Kysely, PostgresDialect } from 'kysely';
import { Pool, type PoolConfig, types } from 'pg';
import { parseIntoClientConfig } from 'pg-connection-string';
import type { Database } from './schema';

// bigint (int8) stays a string so no precision is lost; timestamps stay Date.
types.setTypeParser(types.builtins.INT8, (v) => v);

export type Db = Kysely<Database>;

/** Scope of Microsoft Entra access tokens for Azure Database for PostgreSQL (the token is the password). */
export const AZURE_POSTGRES_TOKEN_SCOPE = 'https://ossrdbms-aad.database.windows.net/.default';

export interface DatabaseAuth {
  /** CLOISTER_MODE. In azure mode a URL without a password signs in with a Microsoft Entra token. */
  readonly mode?: 'local' | 'azure';
  /** Where azure mode gets tokens; by default DefaultAzureCredential (the managed identity AZURE_CLIENT_ID names). */
  readonly credential?: TokenCredential;
}

/**
 * The pg pool settings. Local mode, and any URL that carries a password, connect exactly as the URL says. Azure
 * mode without a password (the platform template makes the user the control plane's managed identity) gives pg a
 * password function: pg calls it for every new connection, so a pool outlives the roughly one-hour tokens, and the
 * credential caches tokens until shortly before they expire.
 */
export function databasePoolConfig(connectionString: string, poolSize = 10, auth: DatabaseAuth = {}): PoolConfig {
  if (auth.mode !== 'azure') return { connectionString, max: poolSize };
  // Parsed here because pg would let the URL's empty password override a password function passed beside it.
  const parsed = parseIntoClientConfig(connectionString);
  if (typeof parsed.password === 'string' && parsed.password !== '') return { connectionString, max: poolSize };
  const credential = auth.credential ?? new DefaultAzureCredential();
  return { ...parsed, max: poolSize, password: () => entraToken(credential) };
}

async function entraToken(credential: TokenCredential): Promise<string> {
  const token = await credential.getToken(AZURE_POSTGRES_TOKEN_SCOPE);
  if (!token) throw new Error(`no Microsoft Entra token for ${AZURE_POSTGRES_TOKEN_SCOPE}`);
  return token.token;
}

export function createDatabase(connectionString: string, poolSize = 10, auth: DatabaseAuth = {}): Db {
  const pool = new Pool(databasePoolConfig(connectionString, poolSize, auth));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
