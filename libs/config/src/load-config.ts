import { isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';
import { apiEnvSchema, type ApiEnv, workerEnvSchema, type WorkerEnv } from './env-schema';

/** Raised when the environment is wrong; the message names every bad variable and what it expects. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function parse<S extends z.ZodType>(schema: S, env: Env): z.infer<S> {
  // Empty strings mean "unset", as most shells and .env files write them.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  return result.data;
}

function absoluteDataDir<T extends { CLOISTER_DATA_DIR: string }>(cfg: T): T {
  return isAbsolute(cfg.CLOISTER_DATA_DIR) ? cfg : { ...cfg, CLOISTER_DATA_DIR: resolve(cfg.CLOISTER_DATA_DIR) };
}

export interface ApiConfig extends Omit<ApiEnv, 'DEV_TOKEN_ENABLED'> {
  readonly DEV_TOKEN_ENABLED: boolean;
}

export function loadApiConfig(env: Env): ApiConfig {
  const cfg = absoluteDataDir(parse(apiEnvSchema, env));
  const devToken = cfg.DEV_TOKEN_ENABLED ?? cfg.CLOISTER_MODE === 'local';
  const problems: string[] = [];
  // The API must never hold the secure account's credentials; their presence is a deployment mistake.
  if (env.SECURE_STORAGE_KEY) problems.push('SECURE_STORAGE_KEY: must not be set for the API process (only the worker holds the secure account key)');
  if (devToken && cfg.CLOISTER_MODE !== 'local') problems.push('DEV_TOKEN_ENABLED: the dev token route exists only in local mode');
  if (devToken && cfg.NODE_ENV === 'production') problems.push('DEV_TOKEN_ENABLED: refusing to enable the dev token route with NODE_ENV=production');
  if (cfg.CLOISTER_MODE === 'local' && !cfg.PUBLIC_STORAGE_KEY) problems.push('PUBLIC_STORAGE_KEY: required in local mode (Azurite shared key)');
  if (problems.length) throw new ConfigError(problems);
  return { ...cfg, DEV_TOKEN_ENABLED: devToken };
}

export function loadWorkerConfig(env: Env): WorkerEnv {
  const cfg = absoluteDataDir(parse(workerEnvSchema, env));
  const problems: string[] = [];
  if (cfg.CLOISTER_MODE === 'local' && !cfg.PUBLIC_STORAGE_KEY) problems.push('PUBLIC_STORAGE_KEY: required in local mode (Azurite shared key)');
  if (cfg.CLOISTER_MODE === 'local') {
    // Local mode keeps every project in one Azurite secure account; azure mode routes to each project's own account.
    if (!cfg.SECURE_STORAGE_BLOB_URL) problems.push('SECURE_STORAGE_BLOB_URL: required in local mode (the Azurite secure account\'s blob endpoint)');
    if (!cfg.SECURE_STORAGE_ACCOUNT) problems.push('SECURE_STORAGE_ACCOUNT: required in local mode (the Azurite secure account\'s name)');
    if (!cfg.SECURE_STORAGE_KEY) problems.push('SECURE_STORAGE_KEY: required in local mode (Azurite shared key)');
  }
  if (cfg.CLOISTER_MODE === 'azure') {
    for (const name of ['AZURE_SUBSCRIPTION_ID', 'AZURE_LOCATION', 'AZURE_RESOURCE_GROUP', 'AZURE_DATA_FACTORY_NAME', 'AZURE_PLATFORM_PARAMETERS'] as const) {
      if (!cfg[name]) problems.push(`${name}: required in azure mode`);
    }
    if (!cfg.VM_ADMIN_PASSWORD_SECRET) {
      problems.push('VM_ADMIN_PASSWORD_SECRET: required in azure mode (the secret from which each project VM\'s admin password is derived)');
    }
    if (cfg.AZURE_PLATFORM_PARAMETERS) {
      try {
        const parsed: unknown = JSON.parse(cfg.AZURE_PLATFORM_PARAMETERS);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      } catch {
        problems.push('AZURE_PLATFORM_PARAMETERS: must be a JSON object of the platform deployment outputs');
      }
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return cfg;
}

/** The one place that reads the process environment. */
export const processEnv = (): Env => process.env;
