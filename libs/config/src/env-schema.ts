import { isIP } from 'node:net';
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const url = z.string().url();

/** An IPv4/IPv6 address with an optional prefix length (one of `family` only, when given). */
const isAddressOrCidr = (entry: string, family?: 4 | 6): boolean => {
  const [address = '', prefix, ...rest] = entry.split('/');
  const found = isIP(address);
  if (!found || rest.length || (family && found !== family)) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (found === 4 ? 32 : 128));
};

/** Express's names for address ranges, or an address or CIDR. */
const PROXY_KEYWORDS = new Set(['loopback', 'linklocal', 'uniquelocal']);
const isProxyEntry = (entry: string): boolean => PROXY_KEYWORDS.has(entry) || isAddressOrCidr(entry);

/** Shortest SECURE_GATEWAY_SECRET accepted: the HMAC key of secure-gateway grants, checked here, by the signer and by the local generator. */
export const MIN_GATEWAY_SECRET_LENGTH = 32;

/** Settings every process shares. */
export const commonEnvSchema = z.object({
  CLOISTER_MODE: z.enum(['local', 'azure']).default('local'),
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  CLOISTER_DATA_DIR: z.string().min(1).default('.cloister'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// connection URL'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'a redis:// URL').default('redis://127.0.0.1:6379'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  OTEL_EXPORTER_OTLP_ENDPOINT: url.optional(),
  PUBLIC_STORAGE_BLOB_URL: url,
  PUBLIC_STORAGE_ACCOUNT: z.string().min(3),
  PUBLIC_STORAGE_KEY: z.string().min(1).optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'an smtp:// URL').optional(),
  MAIL_FROM: z.string().email().default('cloister@localhost'),
  WEBHOOK_URL: url.optional(),
  // Signs the grants with which the API reads one secure blob through the worker's gateway (previews).
  SECURE_GATEWAY_SECRET: z.string().min(MIN_GATEWAY_SECRET_LENGTH, `at least ${MIN_GATEWAY_SECRET_LENGTH} characters (a random secret shared by the API and the worker)`),
  // HMAC-SHA256 key the webhook receiver verifies X-Cloister-Signature with; required whenever WEBHOOK_URL is set.
  WEBHOOK_SECRET: z.string().min(16, 'at least 16 characters').optional(),
  // Who may tell the process the caller's address in X-Forwarded-For (audit events record it): the proxies in front
  // of it. Comma-separated CIDRs or addresses, or Express's loopback / linklocal / uniquelocal. Azure: the Container
  // Apps subnet, where the environment's ingress proxies connect from; anything else's header is ignored.
  TRUSTED_PROXIES: z.string().default('loopback')
    .transform((v) => v.split(',').map((e) => e.trim()).filter(Boolean))
    .refine((entries) => entries.length > 0 && entries.every(isProxyEntry), 'comma-separated addresses or CIDRs (or loopback, linklocal, uniquelocal)'),
  // Azure mode: client id of the user-assigned managed identity. Declared so a bad value stops the process here;
  // @azure/identity's DefaultAzureCredential reads it from the environment itself.
  AZURE_CLIENT_ID: z.uuid({ error: 'must be the managed identity\'s client id (a UUID)' }).optional(),
});

export const apiEnvSchema = commonEnvSchema.extend({
  API_HOST: z.string().default('127.0.0.1'),
  API_PORT: port.default(4400),
  PUBLIC_BASE_URL: url.default('http://127.0.0.1:4400'),
  OIDC_ISSUER: url,
  OIDC_AUDIENCE: z.string().min(1).default('api://cloister'),
  OIDC_CLIENT_ID: z.string().min(1).default('cloister-portal'),
  OIDC_JWKS_URI: url.optional(),
  DEV_TOKEN_ENABLED: bool.optional(),
  PORTAL_DIST_DIR: z.string().optional(),
  BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/, 'a size such as 1mb or 512kb').default('1mb'),
  // The worker's secure gateway (reachable only on the private network in azure mode).
  SECURE_GATEWAY_URL: url.default('http://127.0.0.1:4402'),
});

/** Azure-mode settings of the worker: where project environments are deployed and the airlock's Data Factory. */
const azureWorkerSettings = {
  AZURE_SUBSCRIPTION_ID: z.uuid({ error: 'must be the subscription id (a UUID)' }).optional(),
  AZURE_LOCATION: z.string().min(2).optional(),
  AZURE_RESOURCE_GROUP: z.string().min(1).optional(),
  AZURE_DATA_FACTORY_NAME: z.string().min(1).optional(),
  // JSON object of the platform deployment's outputs the project template needs (Log Analytics id, …).
  AZURE_PLATFORM_PARAMETERS: z.string().optional(),
  // Where new project networks get their /22 (default 10.64.0.0/10); the platform's NSG and the gateway admit this range.
  AZURE_SPOKE_ADDRESS_POOL: z.string().refine((v) => v.includes('/') && isAddressOrCidr(v, 4), 'an IPv4 range in CIDR notation, e.g. 10.64.0.0/10').optional(),
  // Each project VM's admin password is HMAC(this, project id): stable across redeploys, never stored by Cloister.
  VM_ADMIN_PASSWORD_SECRET: z.string().min(32, 'at least 32 characters (a random secret from which each project VM\'s admin password is derived)').optional(),
};

export const workerEnvSchema = commonEnvSchema.extend({
  ...azureWorkerSettings,
  WORKER_HOST: z.string().default('127.0.0.1'),
  WORKER_PORT: port.default(4402),
  // The secure gateway's address as project workspaces reach it, written into each delivered workspace-agent
  // credential. Local mode defaults to http://<WORKER_HOST>:<WORKER_PORT>; azure mode issues no credential without it.
  WORKSPACE_GATEWAY_URL: url.optional(),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  // The portal's address, for the links in emails and webhook payloads.
  PUBLIC_BASE_URL: url.default('http://127.0.0.1:4400'),
  // How soon a job whose worker died is picked up again (BullMQ lock and stalled-job check).
  // Local mode's simulated cloud runs this many times faster than Azure.
  SIMULATION_SPEED: z.coerce.number().min(1).max(100_000).default(250),
  WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  // Local mode's one Azurite secure account (required there). Azure mode ignores them: each project's data lives in
  // the secure account its provisioning deployed (the project template's secureStorageAccountName output).
  SECURE_STORAGE_BLOB_URL: url.optional(),
  SECURE_STORAGE_ACCOUNT: z.string().min(3).optional(),
  SECURE_STORAGE_KEY: z.string().min(1).optional(),
});

export type CommonEnv = z.infer<typeof commonEnvSchema>;
export type ApiEnv = z.infer<typeof apiEnvSchema>;
export type WorkerEnv = z.infer<typeof workerEnvSchema>;
