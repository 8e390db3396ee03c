import { join } from 'node:path';
import { freePort, type RunningAzurite, type RunningRedis, redisAnswers, startAzurite, startRedisServer } from '@cloister/adapters';
import { type LocalIdp, startLocalIdp } from '@cloister/local-idp';
import { createDatabase, DEMO_PROJECT, DEMO_USERS, type EmbeddedPostgres, migrate, ProjectsRepository, seedDemoData, startEmbeddedPostgres } from '@cloister/persistence';
import { loadOrCreateStorageKeys } from './storage-keys';
import { loadOrCreateGatewaySecret } from './gateway-secret';
import { startDevMailbox } from './dev-mailbox';
import { allowBrowserUploads } from './storage-cors';

export const DEMO_PASSWORD = 'cloister';
export const OIDC_AUDIENCE = 'api://cloister';
export const PORTAL_CLIENT_ID = 'cloister-portal';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export interface LocalStackOptions {
  readonly dataDir: string;
  /** Existing Postgres server; otherwise embedded PGlite under the data dir. */
  readonly databaseUrl?: string;
  /**
   * Where Redis should answer (default redis://127.0.0.1:6379). If nothing answers there, a redis-server is started
   * on a free port with its append-only file under the data dir. Ephemeral stacks without one get a throwaway Redis.
   */
  readonly redisUrl?: string;
  readonly apiPort: number;
  readonly idpPort: number;
  readonly workerPort: number;
  /** PGlite in memory and a throwaway Redis: for tests. */
  readonly ephemeral?: boolean;
  readonly seed?: boolean;
}

export interface LocalStack {
  readonly databaseUrl: string;
  readonly redisUrl: string;
  /** True when nothing answered at the requested Redis URL and this stack started its own redis-server. */
  readonly redisStarted: boolean;
  readonly blobEndpoint: string;
  readonly issuer: string;
  readonly apiUrl: string;
  /** The worker's HTTP address: health, metrics and the secure gateway (workspace agent, grant reads). */
  readonly gatewayUrl: string;
  /** True when the database was new and the demo data was seeded into it on this start. */
  readonly seeded: boolean;
  /** The "Demo study" project (null when seeding was turned off, or it was since renamed or deleted). */
  readonly demoProjectId: string | null;
  /** The dev mailbox's SMTP server: every email sent in local mode lands in its table, none is relayed. */
  readonly smtpUrl: string;
  /** Environment for the API process: only the public account's key. */
  apiEnv(extra?: Record<string, string>): Record<string, string>;
  /** Environment for the worker process: both accounts. */
  workerEnv(extra?: Record<string, string>): Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Brings up every embedded dependency of local mode: Postgres (PGlite over the wire protocol), Redis, Azurite with
 * the public and secure accounts, and the local OpenID provider. Shared by `npm start` and the tests.
 */
export async function startLocalStack(o: LocalStackOptions): Promise<LocalStack> {
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    let databaseUrl = o.databaseUrl;
    if (!databaseUrl) {
      const pg: EmbeddedPostgres = await startEmbeddedPostgres(o.ephemeral ? {} : { dataDir: join(o.dataDir, 'pgdata') });
      stops.push(() => pg.close());
      databaseUrl = pg.url;
    }
    const db = createDatabase(databaseUrl, 2);
    let demoProjectId: string | null = null;
    let seeded = false;
    try {
      await migrate(db);
      if (o.seed !== false) {
        // Only a new database gets the demo data (it has no users yet); a later start reuses the data as it is left.
        seeded = !(await db.selectFrom('users').select('id').limit(1).executeTakeFirst());
        demoProjectId = seeded ? (await seedDemoData(db)).projectId : ((await new ProjectsRepository(db).findByName(DEMO_PROJECT.name))?.id ?? null);
      }
    } finally {
      await db.destroy();
    }

    let redisUrl = o.redisUrl ?? (o.ephemeral ? undefined : DEFAULT_REDIS_URL);
    let redisStarted = false;
    if (!redisUrl || !(await redisAnswers(redisUrl))) {
      // AOF under the data dir, so queued jobs survive a restart of the platform.
      const redis: RunningRedis = await startRedisServer(o.ephemeral ? {} : { dataDir: join(o.dataDir, 'redis') });
      stops.push(() => redis.stop());
      redisUrl = redis.url;
      redisStarted = true;
    }

    const mail = await startDevMailbox({ databaseUrl });
    stops.push(() => mail.stop());

    const keys = loadOrCreateStorageKeys(join(o.dataDir, 'storage-keys.json'));
    const gatewaySecret = loadOrCreateGatewaySecret(join(o.dataDir, 'gateway-secret'));
    const gatewayUrl = `http://127.0.0.1:${o.workerPort}`;
    const azurite: RunningAzurite = await startAzurite({
      dataDir: join(o.dataDir, 'azurite'),
      accounts: [{ name: 'public', key: keys.public }, { name: 'secure', key: keys.secure }],
    });
    stops.push(() => azurite.stop());
    const apiUrlForCors = `http://127.0.0.1:${o.apiPort}`;
    // Browsers upload straight to the public account with SAS URLs, so it must accept the portal's origin.
    await allowBrowserUploads(`${azurite.blobEndpoint}/public`, 'public', keys.public, [apiUrlForCors, 'http://127.0.0.1:5173']);

    const issuer = `http://127.0.0.1:${o.idpPort}`;
    const apiUrl = `http://127.0.0.1:${o.apiPort}`;
    const idp: LocalIdp = await startLocalIdp({
      issuer, port: o.idpPort, dataDir: o.dataDir, audience: OIDC_AUDIENCE, demoPassword: DEMO_PASSWORD,
      portalClients: [{ clientId: PORTAL_CLIENT_ID, redirectUris: [`${apiUrl}/auth/callback`, 'http://127.0.0.1:5173/auth/callback'], postLogoutRedirectUris: [`${apiUrl}/`, 'http://127.0.0.1:5173/'] }],
      knownUsers: DEMO_USERS.map((u) => ({ email: u.email, name: u.name })),
    });
    stops.push(() => idp.close());

    const common = {
      CLOISTER_MODE: 'local', CLOISTER_DATA_DIR: o.dataDir, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl,
      PUBLIC_STORAGE_BLOB_URL: `${azurite.blobEndpoint}/public`, PUBLIC_STORAGE_ACCOUNT: 'public', PUBLIC_STORAGE_KEY: keys.public,
      SECURE_GATEWAY_SECRET: gatewaySecret,
      SMTP_URL: mail.url,
    };
    return {
      databaseUrl, redisUrl, redisStarted, blobEndpoint: azurite.blobEndpoint, smtpUrl: mail.url, issuer, apiUrl, gatewayUrl, demoProjectId, seeded,
      apiEnv: (extra = {}) => ({ ...common, API_PORT: String(o.apiPort), PUBLIC_BASE_URL: apiUrl, SECURE_GATEWAY_URL: gatewayUrl, OIDC_ISSUER: issuer, OIDC_AUDIENCE, OIDC_CLIENT_ID: PORTAL_CLIENT_ID, ...extra }),
      workerEnv: (extra = {}) => ({
        ...common, WORKER_PORT: String(o.workerPort), PUBLIC_BASE_URL: apiUrl,
        SECURE_STORAGE_BLOB_URL: `${azurite.blobEndpoint}/secure`, SECURE_STORAGE_ACCOUNT: 'secure', SECURE_STORAGE_KEY: keys.secure, ...extra,
      }),
      stop: stopAll,
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}

export { freePort };
