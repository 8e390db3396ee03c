// Contract between the platform template (the COMPILED libs/infra-templates/platform/main.json that gets deployed)
// and the zod schemas the API and the worker parse their environment with: a name the schema does not know, a
// required setting the template leaves out, or a secret passed as a plain value would stop or expose a deployed
// process. The test lives here because libs/config may import @cloister/infra-templates (scope:lib), not the reverse.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { expandArmTemplate, loadPlatformTemplate, loadProjectTemplate, SAMPLE_PLATFORM_PARAMETERS, type ExpandedResource } from '@cloister/infra-templates';
import { apiEnvSchema, workerEnvSchema } from './env-schema';
import { loadApiConfig, loadWorkerConfig } from './load-config';

const TENANT_ID = '11111111-2222-4333-8444-555555555555';
const SUBSCRIPTION_ID = '66666666-7777-4888-9999-000000000000';
const parameters = {
  ...SAMPLE_PLATFORM_PARAMETERS,
  oidcAudience: 'api://cloister-sample',
  portalClientId: '0aaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
  secureGatewaySecret: 's'.repeat(48),
  vmAdminPasswordSecret: 'p'.repeat(48),
  webhookSecret: 'w'.repeat(24),
};
const expanded = expandArmTemplate(loadPlatformTemplate(), { parameters, subscriptionId: SUBSCRIPTION_ID, tenantId: TENANT_ID, location: 'westeurope' });

// Variables whose values are secrets: each must be a Key Vault reference, never a plain value.
const SECRET_VARIABLES = ['SECURE_GATEWAY_SECRET', 'WEBHOOK_SECRET', 'WEBHOOK_URL', 'REDIS_URL'];
// Only the worker deploys project VMs, so only it holds the secret their admin passwords derive from.
const WORKER_SECRET_VARIABLES = [...SECRET_VARIABLES, 'VM_ADMIN_PASSWORD_SECRET'];
// scheme://user:password@… — a credential inside a URL.
const CREDENTIAL_IN_URL = /^[a-z][a-z0-9+.-]*:\/\/[^/@\s]*:[^/@\s]+@/i;

interface EnvVar {
  name: string;
  value?: unknown;
  secretRef?: string;
}
interface AppSecret {
  name: string;
  value?: unknown;
  keyVaultUrl?: unknown;
  identity?: unknown;
}

function containerApp(deployment: string): ExpandedResource {
  const app = expanded.resources.find((r) => r.type === 'Microsoft.App/containerApps' && r.deploymentPath.at(-1) === deployment);
  if (!app) throw new Error(`no container app deployed by ${deployment}`);
  return app;
}
const envOf = (app: ExpandedResource): EnvVar[] => ((app.properties.template as { containers: { env: EnvVar[] }[] }).containers[0]!.env);
const secretsOf = (app: ExpandedResource): AppSecret[] => (app.properties.configuration as { secrets?: AppSecret[] }).secrets ?? [];
interface IpRule {
  action: string;
  ipAddressRange: string;
}
const ingressOf = (app: ExpandedResource) =>
  (app.properties.configuration as { ingress: { external: boolean; targetPort: number; ipSecurityRestrictions: IpRule[] } | null }).ingress;
const plain = (app: ExpandedResource, name: string): string => {
  const v = envOf(app).find((e) => e.name === name);
  if (typeof v?.value !== 'string') throw new Error(`${app.name} has no plain ${name}`);
  return v.value;
};

/** Keys the process cannot start without: no default, not optional. */
const requiredKeys = (schema: z.ZodObject): string[] =>
  Object.entries(schema.shape).filter(([, field]) => !(field as z.ZodType).safeParse(undefined).success).map(([k]) => k);

// What Azure fills in at deployment time (the expander leaves these as ⟨…⟩), so the values can be parsed.
const RUNTIME_VALUES: [RegExp, string][] = [
  [/^⟨reference\('identity'\)\.clientId⟩$/, 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d'],
  [/^⟨reference\('identity'\)\.principalId⟩$/, 'c1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d'],
  [/^⟨reference\('factory'\)\.identity\.principalId⟩$/, 'b1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d'],
  [/^⟨reference\('server'\)\.fullyQualifiedDomainName⟩$/, 'psql-cloister-sample.postgres.database.azure.com'],
  [/^⟨reference\('storageAccount'\)\.primaryEndpoints\.blob⟩$/, 'https://stpubsample.blob.core.windows.net/'],
  [/^⟨reference\('environment'\)\.defaultDomain⟩$/, 'happy-sea-123.westeurope.azurecontainerapps.io'],
  [/^⟨reference\('app'\)\.configuration\.ingress\.fqdn⟩$/, 'ca-sample-worker.happy-sea-123.westeurope.azurecontainerapps.io'],
];
const SECRET_VALUES: Record<string, string> = {
  SECURE_GATEWAY_SECRET: 'g'.repeat(48),
  VM_ADMIN_PASSWORD_SECRET: 'p'.repeat(48),
  WEBHOOK_SECRET: 'h'.repeat(32),
  WEBHOOK_URL: 'https://prod-01.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sig=xyz',
  REDIS_URL: 'rediss://:accesskey@redis-cloister-sample.redis.cache.windows.net:6380',
};

/** The environment the container would see once Azure has filled in runtime values and Key Vault references. */
function deployedEnv(app: ExpandedResource): Record<string, string> {
  return Object.fromEntries(
    envOf(app).map((e) => {
      if (e.secretRef) return [e.name, SECRET_VALUES[e.name] ?? 'x'.repeat(48)];
      const value = String(e.value).replace(/⟨[^⟩]*⟩/g, (unknown) => {
        const known = RUNTIME_VALUES.find(([pattern]) => pattern.test(unknown));
        if (!known) throw new Error(`${app.name} ${e.name}: the test does not know what Azure fills in for ${unknown}`);
        return known[1];
      });
      return [e.name, value];
    }),
  );
}

const apps = [
  { role: 'API', deployment: 'container-app-api', schema: apiEnvSchema as z.ZodObject, secrets: SECRET_VARIABLES },
  { role: 'worker', deployment: 'container-app-worker', schema: workerEnvSchema as z.ZodObject, secrets: WORKER_SECRET_VARIABLES },
];

describe.each(apps)('platform template → $role environment', ({ deployment, schema, secrets }) => {
  const app = containerApp(deployment);
  const names = envOf(app).map((e) => e.name);

  it('uses only variable names the schema declares, each once', () => {
    expect(names.filter((n) => !(n in schema.shape))).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('provides every setting the schema requires', () => {
    expect(requiredKeys(schema).filter((k) => !names.includes(k))).toEqual([]);
  });

  it('passes secrets as Key Vault references read with the app\'s own identity, never as values', () => {
    const identities = Object.keys((app.identity as { userAssignedIdentities: Record<string, unknown> }).userAssignedIdentities).map((id) => id.toLowerCase());
    const vaultSecrets = expanded.resources.filter((r) => r.type === 'Microsoft.KeyVault/vaults/secrets').map((r) => r.id.toLowerCase());
    for (const name of secrets) {
      const variable = envOf(app).find((e) => e.name === name);
      expect(variable, name).toBeDefined();
      expect(variable!.value, `${name} must not be a plain value`).toBeUndefined();
      const secret = secretsOf(app).find((s) => s.name === variable!.secretRef);
      expect(secret, `${name} → secret ${variable!.secretRef}`).toBeDefined();
      expect(secret!.value).toBeUndefined();
      expect(identities).toContain(String(secret!.identity).toLowerCase());
      // The versionless URI of a secret the template itself writes to the platform Key Vault.
      const url = String(secret!.keyVaultUrl).toLowerCase();
      expect(vaultSecrets.some((id) => url === `⟨reference('${id}').secreturi⟩`), `${name}: ${url}`).toBe(true);
    }
    for (const s of secretsOf(app)) expect(s.value, s.name).toBeUndefined();
    for (const e of envOf(app)) expect(typeof e.value === 'string' && CREDENTIAL_IN_URL.test(e.value), e.name).toBe(false);
  });

  it('parses with the process\'s own config loader once Azure has filled in the values', () => {
    const env = deployedEnv(app);
    const cfg = deployment === 'container-app-api' ? loadApiConfig(env) : loadWorkerConfig(env);
    expect(cfg.CLOISTER_MODE).toBe('azure');
    expect(cfg.NODE_ENV).toBe('production');
  });

  it('takes X-Forwarded-For only from the environment\'s ingress proxies (its subnet), for the address audit events record', () => {
    expect(plain(app, 'TRUSTED_PROXIES')).toBe('10.0.0.0/23');
    expect(schema.parse(deployedEnv(app))['TRUSTED_PROXIES']).toEqual(['10.0.0.0/23']);
  });

  it('connects to PostgreSQL as the managed identity over verified TLS, with no password', () => {
    const url = new URL(plain(app, 'DATABASE_URL').replace(/⟨[^⟩]*⟩/, 'server.postgres.database.azure.com'));
    expect(url.protocol).toBe('postgres:');
    expect(url.username).toBe('id-cloister-sample-control-plane');
    expect(url.password).toBe('');
    expect(url.port).toBe('5432');
    expect(url.pathname).toBe('/cloister');
    expect(url.searchParams.get('sslmode')).toBe('verify-full');
  });
});

describe('platform template → API', () => {
  const api = containerApp('container-app-api');

  it('never gets the secure storage account or any storage key', () => {
    const names = envOf(api).map((e) => e.name);
    expect(names.filter((n) => n.startsWith('SECURE_STORAGE_') || n.endsWith('_KEY'))).toEqual([]);
  });

  it('refuses project networks at its ingress: VMs reach only the worker\'s gateway', () => {
    expect(ingressOf(api)!.ipSecurityRestrictions.map((r) => [r.action, r.ipAddressRange])).toEqual([['Deny', '10.64.0.0/10']]);
  });

  it('never gets the secret the project VMs\' admin passwords derive from', () => {
    expect(envOf(api).map((e) => e.name)).not.toContain('VM_ADMIN_PASSWORD_SECRET');
  });

  it('trusts Entra ID tokens of the deployment\'s tenant and listens on its ingress port', () => {
    expect(plain(api, 'OIDC_ISSUER')).toBe(`https://login.microsoftonline.com/${TENANT_ID}/v2.0`);
    expect(plain(api, 'OIDC_AUDIENCE')).toBe(parameters.oidcAudience);
    expect(plain(api, 'OIDC_CLIENT_ID')).toBe(parameters.portalClientId);
    expect(plain(api, 'DEV_TOKEN_ENABLED')).toBe('false');
    expect(plain(api, 'API_HOST')).toBe('0.0.0.0');
    expect(Number(plain(api, 'API_PORT'))).toBe(ingressOf(api)?.targetPort);
  });

  it('reaches the worker\'s secure gateway at the worker app\'s FQDN', () => {
    // The compiled expression names the module whose output it reads; the expanded value cannot tell apps apart.
    const resources = loadPlatformTemplate().resources as Record<string, { properties?: { parameters?: Record<string, { value?: unknown }> } }>;
    const apiEnv = JSON.stringify(resources.api?.properties?.parameters?.environmentVariables?.value);
    expect(apiEnv).toContain("'SECURE_GATEWAY_URL', format('https://{0}', reference('worker').outputs.fqdn.value)");
  });
});

describe('platform template → worker', () => {
  const worker = containerApp('container-app-worker');

  it('serves its gateway on virtual-network ingress that admits only the environment\'s subnet (the API) and project networks', () => {
    expect(ingressOf(worker)).toMatchObject({ external: true, targetPort: Number(plain(worker, 'WORKER_PORT')) });
    expect(ingressOf(worker)!.ipSecurityRestrictions.map((r) => [r.action, r.ipAddressRange])).toEqual([['Allow', '10.0.0.0/23'], ['Allow', '10.64.0.0/10']]);
    expect(plain(worker, 'WORKER_HOST')).toBe('0.0.0.0');
  });

  it('carves new project networks from the very range the hub\'s NSG and the gateway admit', () => {
    expect(plain(worker, 'AZURE_SPOKE_ADDRESS_POOL')).toBe('10.64.0.0/10');
    const nsg = expanded.resources.find((r) => r.type === 'Microsoft.Network/networkSecurityGroups')!;
    const gatewayRule = (nsg.properties.securityRules as { name: string; properties: { sourceAddressPrefix: string } }[]).find((r) => r.name === 'allow-project-gateway-https-inbound');
    expect(gatewayRule?.properties.sourceAddressPrefix).toBe(plain(worker, 'AZURE_SPOKE_ADDRESS_POOL'));
    expect(ingressOf(worker)!.ipSecurityRestrictions.map((r) => r.ipAddressRange)).toContain(plain(worker, 'AZURE_SPOKE_ADDRESS_POOL'));
    expect(loadWorkerConfig(deployedEnv(worker)).AZURE_SPOKE_ADDRESS_POOL).toBe('10.64.0.0/10');
  });

  it('writes the gateway\'s VNet address into workspace credentials (WORKSPACE_GATEWAY_URL), a name in the zone project networks are linked to', () => {
    const domain = "⟨reference('environment').defaultDomain⟩";
    expect(plain(worker, 'WORKSPACE_GATEWAY_URL')).toBe(`https://ca-sample-worker.${domain}`);
    // Virtual-network ingress in an internal environment is <app>.<default domain>; the hub's zone of that name
    // (wildcard record to the environment's static IP) is the one every project network links to.
    const platform = JSON.parse(plain(worker, 'AZURE_PLATFORM_PARAMETERS')) as Record<string, unknown>;
    expect(platform.controlPlaneDnsZoneName).toBe(domain);
    expect(expanded.resources.some((r) => r.type === 'Microsoft.Network/privateDnsZones/A' && r.name === `${domain}/*`)).toBe(true);
    expect(expanded.outputs.workspaceGatewayUrl).toBe(plain(worker, 'WORKSPACE_GATEWAY_URL'));
    expect(loadWorkerConfig(deployedEnv(worker)).WORKSPACE_GATEWAY_URL).toBe('https://ca-sample-worker.happy-sea-123.westeurope.azurecontainerapps.io');
  });

  it('gets no single secure account: it uses each project\'s own, from the project\'s provisioning outputs', () => {
    const names = envOf(worker).map((e) => e.name);
    expect(names.filter((n) => n.startsWith('SECURE_STORAGE_'))).toEqual([]);
  });

  it('gets the platform outputs the project template takes as parameters', () => {
    const platform = JSON.parse(plain(worker, 'AZURE_PLATFORM_PARAMETERS')) as Record<string, unknown>;
    expect(Object.keys(platform).sort()).toEqual([
      'controlPlaneDnsZoneName',
      'controlPlanePrincipalId',
      'controlPlaneSubnetAddressPrefix',
      'dataFactoryPrincipalId',
      'dataFactoryResourceId',
      'hubVirtualNetworkResourceId',
      'logAnalyticsWorkspaceResourceId',
    ]);
    // The project spoke peers with this hub and lets the control plane's subnet reach its private endpoints.
    expect(platform.hubVirtualNetworkResourceId).toMatch(/\/providers\/Microsoft\.Network\/virtualNetworks\/vnet-cloister-[a-z0-9]+-hub$/);
    expect(platform.controlPlaneSubnetAddressPrefix).toBe('10.0.0.0/23');
    const projectParameters = Object.keys(loadProjectTemplate().parameters ?? {});
    expect(Object.keys(platform).filter((k) => !projectParameters.includes(k))).toEqual([]);
    expect(plain(worker, 'AZURE_SUBSCRIPTION_ID')).toBe(SUBSCRIPTION_ID);
  });
});
