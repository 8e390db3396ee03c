import { describe, expect, it } from 'vitest';
import { ConfigError, loadApiConfig, loadWorkerConfig } from './load-config';

const base = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
  PUBLIC_STORAGE_BLOB_URL: 'http://127.0.0.1:10000/public',
  PUBLIC_STORAGE_ACCOUNT: 'public',
  PUBLIC_STORAGE_KEY: 'a2V5',
  OIDC_ISSUER: 'http://127.0.0.1:4401',
  SECURE_GATEWAY_SECRET: 'x'.repeat(32),
};

describe('loadApiConfig', () => {
  it('applies defaults and enables the dev token route only in local mode', () => {
    const cfg = loadApiConfig(base);
    expect(cfg.CLOISTER_MODE).toBe('local');
    expect(cfg.API_PORT).toBe(4400);
    expect(cfg.DEV_TOKEN_ENABLED).toBe(true);
  });

  it('names each bad variable and what it expects', () => {
    try {
      loadApiConfig({ ...base, API_PORT: 'eighty', DATABASE_URL: 'mysql://x' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as ConfigError).message;
      expect(msg).toContain('API_PORT');
      expect(msg).toContain('DATABASE_URL: a postgres:// connection URL');
    }
  });

  it('reads the trusted proxies as a list, loopback by default, and names a bad entry', () => {
    expect(loadApiConfig(base).TRUSTED_PROXIES).toEqual(['loopback']);
    expect(loadApiConfig({ ...base, TRUSTED_PROXIES: '10.0.0.0/23, fd00::/8,192.168.1.7' }).TRUSTED_PROXIES).toEqual(['10.0.0.0/23', 'fd00::/8', '192.168.1.7']);
    for (const bad of ['everyone', '10.0.0.0/33', '10.0.0/8', ' , ', 'fd00::/129', '10.0.0.0/8/1']) {
      expect(() => loadApiConfig({ ...base, TRUSTED_PROXIES: bad })).toThrow(/TRUSTED_PROXIES: comma-separated addresses or CIDRs/);
    }
  });

  it('refuses the dev token route in production', () => {
    expect(() => loadApiConfig({ ...base, NODE_ENV: 'production', DEV_TOKEN_ENABLED: 'true' })).toThrow(/NODE_ENV=production/);
    // Local mode turns it on by default, so production must turn it off explicitly.
    expect(() => loadApiConfig({ ...base, NODE_ENV: 'production' })).toThrow(/DEV_TOKEN_ENABLED: refusing .* NODE_ENV=production/);
    expect(loadApiConfig({ ...base, NODE_ENV: 'production', DEV_TOKEN_ENABLED: 'false' }).DEV_TOKEN_ENABLED).toBe(false);
  });

  it('leaves the dev token route out in azure mode, and refuses to turn it on there', () => {
    const azure = { ...base, CLOISTER_MODE: 'azure', PUBLIC_STORAGE_KEY: '' };
    expect(loadApiConfig(azure).DEV_TOKEN_ENABLED).toBe(false);
    expect(() => loadApiConfig({ ...azure, DEV_TOKEN_ENABLED: 'true' })).toThrow(/DEV_TOKEN_ENABLED: the dev token route exists only in local mode/);
  });

  it('refuses to start with the secure account key', () => {
    expect(() => loadApiConfig({ ...base, SECURE_STORAGE_KEY: 'x' })).toThrow(/SECURE_STORAGE_KEY/);
  });

  it('requires a long enough secure gateway secret and defaults the gateway URL', () => {
    expect(loadApiConfig(base).SECURE_GATEWAY_URL).toBe('http://127.0.0.1:4402');
    expect(() => loadApiConfig({ ...base, SECURE_GATEWAY_SECRET: undefined })).toThrow(/SECURE_GATEWAY_SECRET/);
    expect(() => loadApiConfig({ ...base, SECURE_GATEWAY_SECRET: 'short' })).toThrow(/SECURE_GATEWAY_SECRET: at least 32 characters/);
  });
});

describe('loadWorkerConfig', () => {
  it('requires the secure account in local mode', () => {
    try {
      loadWorkerConfig(base);
      expect.unreachable();
    } catch (e) {
      const msg = (e as ConfigError).message;
      for (const v of ['SECURE_STORAGE_BLOB_URL', 'SECURE_STORAGE_ACCOUNT', 'SECURE_STORAGE_KEY']) expect(msg).toContain(`${v}: required in local mode`);
    }
  });

  it('names every missing Azure setting in azure mode', () => {
    const azure = { ...base, CLOISTER_MODE: 'azure', PUBLIC_STORAGE_KEY: '', AZURE_PLATFORM_PARAMETERS: '[1]' };
    try {
      loadWorkerConfig(azure);
      expect.unreachable();
    } catch (e) {
      const msg = (e as ConfigError).message;
      for (const v of ['AZURE_SUBSCRIPTION_ID', 'AZURE_LOCATION', 'AZURE_RESOURCE_GROUP', 'AZURE_DATA_FACTORY_NAME']) expect(msg).toContain(`${v}: required in azure mode`);
      expect(msg).toContain('AZURE_PLATFORM_PARAMETERS: must be a JSON object');
      expect(msg).toContain('VM_ADMIN_PASSWORD_SECRET: required in azure mode');
      expect(msg).not.toContain('SECURE_STORAGE');
    }
  });

  it('needs no secure account in azure mode: each project has its own, found from its provisioning outputs', () => {
    const cfg = loadWorkerConfig({
      ...base, CLOISTER_MODE: 'azure', PUBLIC_STORAGE_KEY: '', AZURE_SUBSCRIPTION_ID: '00000000-0000-4000-8000-000000000001', AZURE_LOCATION: 'uksouth',
      AZURE_RESOURCE_GROUP: 'rg-cloister', AZURE_DATA_FACTORY_NAME: 'adf-cloister', AZURE_PLATFORM_PARAMETERS: '{}', VM_ADMIN_PASSWORD_SECRET: 'v'.repeat(32),
    });
    expect(cfg.SECURE_STORAGE_BLOB_URL).toBeUndefined();
    expect(cfg.SECURE_STORAGE_ACCOUNT).toBeUndefined();
  });

  it('needs a VM admin password secret of at least 32 characters in azure mode only', () => {
    const azure = {
      ...base, CLOISTER_MODE: 'azure', PUBLIC_STORAGE_KEY: '', AZURE_SUBSCRIPTION_ID: '00000000-0000-4000-8000-000000000001', AZURE_LOCATION: 'uksouth',
      AZURE_RESOURCE_GROUP: 'rg-cloister', AZURE_DATA_FACTORY_NAME: 'adf-cloister', AZURE_PLATFORM_PARAMETERS: '{}',
    };
    expect(() => loadWorkerConfig(azure)).toThrow(/VM_ADMIN_PASSWORD_SECRET: required in azure mode/);
    expect(() => loadWorkerConfig({ ...azure, VM_ADMIN_PASSWORD_SECRET: 'short' })).toThrow(/VM_ADMIN_PASSWORD_SECRET: at least 32 characters/);
    expect(loadWorkerConfig({ ...azure, VM_ADMIN_PASSWORD_SECRET: 'v'.repeat(32) }).VM_ADMIN_PASSWORD_SECRET).toBe('v'.repeat(32));
    const local = { ...base, SECURE_STORAGE_BLOB_URL: 'http://127.0.0.1:10000/secure', SECURE_STORAGE_ACCOUNT: 'secure', SECURE_STORAGE_KEY: 'a2V5' };
    expect(loadWorkerConfig(local).VM_ADMIN_PASSWORD_SECRET).toBeUndefined();
  });

  it('takes the project address pool as an IPv4 CIDR range and names the field otherwise', () => {
    const azure = {
      ...base, CLOISTER_MODE: 'azure', PUBLIC_STORAGE_KEY: '', AZURE_SUBSCRIPTION_ID: '00000000-0000-4000-8000-000000000001', AZURE_LOCATION: 'uksouth',
      AZURE_RESOURCE_GROUP: 'rg-cloister', AZURE_DATA_FACTORY_NAME: 'adf-cloister', AZURE_PLATFORM_PARAMETERS: '{}', VM_ADMIN_PASSWORD_SECRET: 'v'.repeat(32),
    };
    expect(loadWorkerConfig(azure).AZURE_SPOKE_ADDRESS_POOL).toBeUndefined();
    expect(loadWorkerConfig({ ...azure, AZURE_SPOKE_ADDRESS_POOL: '10.128.0.0/12' }).AZURE_SPOKE_ADDRESS_POOL).toBe('10.128.0.0/12');
    for (const bad of ['10.128.0.0', '999.0.0.0/10', '10.64.0.0/33', 'fd00::/8']) {
      expect(() => loadWorkerConfig({ ...azure, AZURE_SPOKE_ADDRESS_POOL: bad })).toThrow(/AZURE_SPOKE_ADDRESS_POOL: an IPv4 range in CIDR notation/);
    }
  });
});
