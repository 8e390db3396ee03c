// Security invariants of Cloister's templates, checked on the compiled ARM JSON after expanding it
// (parameters, loops, conditions and every nested deployment). The platform admin's posture view shows
// the same catalogue and the same violations.
import { expandArmTemplate, type ExpandedResource, type ExpandOptions } from './arm-template-expander';

export type InvariantId =
  | 'no-public-ip'
  | 'public-network-access-disabled'
  | 'private-endpoint-with-dns-zone-group'
  | 'shared-key-access-disabled'
  | 'minimum-tls-1-2'
  | 'vm-auto-shutdown'
  | 'diagnostic-settings'
  | 'nsg-denies-internet-egress'
  | 'nsg-no-internet-allow'
  | 'spoke-peered-to-hub-only'
  | 'subnet-has-nsg'
  | 'import-container-worm'
  | 'aml-compute-isolated'
  | 'synapse-exfiltration-protection'
  | 'key-vault-protection'
  | 'control-plane-private'
  | 'platform-security-services';

export interface SecurityInvariant {
  id: InvariantId;
  title: string;
  /** What is checked on the compiled template. */
  check: string;
  /** Controls of the regulatory frameworks the invariant supports. */
  controls: { hipaa: string[]; nist80053: string[] };
}

export const SECURITY_INVARIANTS: readonly SecurityInvariant[] = [
  {
    id: 'no-public-ip',
    title: 'No public IP addresses in a project',
    check: 'No Microsoft.Network/publicIPAddresses, bastion hosts or NAT gateways; no network interface or VM IP configuration with a public IP; AML compute without node public IPs.',
    controls: { hipaa: ['164.312(e)(1) Transmission security'], nist80053: ['SC-7 Boundary protection', 'AC-17 Remote access'] },
  },
  {
    id: 'public-network-access-disabled',
    title: 'Data services closed to public networks',
    check: 'Storage accounts, Key Vaults, Azure Machine Learning and Synapse workspaces (and, on the platform, Data Factory, Redis, PostgreSQL) have publicNetworkAccess Disabled; storage and Key Vault firewalls default to Deny.',
    controls: { hipaa: ['164.312(e)(1) Transmission security', '164.312(a)(1) Access control'], nist80053: ['SC-7 Boundary protection', 'AC-4 Information flow enforcement'] },
  },
  {
    id: 'private-endpoint-with-dns-zone-group',
    title: 'Private endpoint with private DNS for every data service',
    check: 'Each such resource has a private endpoint for its required sub-resources (storage blob, Key Vault vault, AML amlworkspace, Synapse Sql and Dev, …) whose DNS zone group points at private DNS zones the template deploys (platform) or references (project: the hub\'s central zones), each linked to a virtual network the template deploys.',
    controls: { hipaa: ['164.312(e)(1) Transmission security'], nist80053: ['SC-7 Boundary protection', 'SC-20/SC-22 Secure name resolution'] },
  },
  {
    id: 'shared-key-access-disabled',
    title: 'No shared keys or anonymous access on storage',
    check: 'Every storage account has allowSharedKeyAccess false and allowBlobPublicAccess false (Entra ID authorisation only).',
    controls: { hipaa: ['164.312(d) Person or entity authentication', '164.312(a)(1) Access control'], nist80053: ['IA-2 Identification and authentication', 'AC-3 Access enforcement'] },
  },
  {
    id: 'minimum-tls-1-2',
    title: 'TLS 1.2 or later',
    check: 'Every storage account has minimumTlsVersion TLS1_2 (or later), HTTPS only; any other resource that sets a minimum TLS version sets 1.2 or later.',
    controls: { hipaa: ['164.312(e)(2)(ii) Encryption'], nist80053: ['SC-8 Transmission confidentiality and integrity', 'SC-13 Cryptographic protection'] },
  },
  {
    id: 'vm-auto-shutdown',
    title: 'Every VM shuts down automatically',
    check: 'Every virtual machine has an enabled Microsoft.DevTestLab/schedules ComputeVmShutdownTask targeting it.',
    controls: { hipaa: ['164.308(a)(1)(ii)(B) Risk management'], nist80053: ['AC-12 Session termination', 'CM-7 Least functionality'] },
  },
  {
    id: 'diagnostic-settings',
    title: 'Diagnostics from every resource to Log Analytics',
    check: 'Every resource of a type that supports diagnostic settings has one (scoped to it) that sends enabled logs or metrics to a Log Analytics workspace (storage: the blob service too).',
    controls: { hipaa: ['164.312(b) Audit controls', '164.308(a)(1)(ii)(D) Information system activity review'], nist80053: ['AU-2 Event logging', 'AU-6 Audit record review', 'AU-12 Audit record generation'] },
  },
  {
    id: 'nsg-denies-internet-egress',
    title: 'Network security groups deny internet egress',
    check: 'Every project NSG has an outbound Deny rule to Internet (any protocol, any port) and no outbound Allow rule to Internet, * or 0.0.0.0/0 that takes precedence.',
    controls: { hipaa: ['164.312(e)(1) Transmission security'], nist80053: ['SC-7(5) Deny by default / allow by exception', 'AC-4 Information flow enforcement'] },
  },
  {
    id: 'nsg-no-internet-allow',
    title: 'No network security group rule opens anything to the internet',
    check: 'No NSG rule allows inbound traffic from Internet, * or 0.0.0.0/0, or outbound traffic to them, whatever its priority (platform too).',
    controls: { hipaa: ['164.312(e)(1) Transmission security'], nist80053: ['SC-7 Boundary protection', 'AC-4 Information flow enforcement'] },
  },
  {
    id: 'spoke-peered-to-hub-only',
    title: 'A project network is peered with the hub and nothing else',
    check: 'Every project virtual network has exactly one peering, to the platform hub (hubVirtualNetworkResourceId), and the hub a peering back to it; no other peering is deployed; no peering allows forwarded traffic, gateway transit or remote gateways.',
    controls: { hipaa: ['164.312(e)(1) Transmission security', '164.312(a)(1) Access control'], nist80053: ['SC-7 Boundary protection', 'AC-4 Information flow enforcement'] },
  },
  {
    id: 'subnet-has-nsg',
    title: 'Every subnet has an NSG and no default outbound access',
    check: 'Every subnet (except gateway/firewall/bastion subnets) references an NSG deployed by the template and sets defaultOutboundAccess false.',
    controls: { hipaa: ['164.312(e)(1) Transmission security'], nist80053: ['SC-7 Boundary protection'] },
  },
  {
    id: 'import-container-worm',
    title: 'Imported data is versioned and immutable',
    check: 'A project storage account has blob versioning on and an import container with version-level immutability and a time-based retention policy.',
    controls: { hipaa: ['164.312(c)(1) Integrity'], nist80053: ['SI-7 Software, firmware and information integrity', 'AU-9 Protection of audit information'] },
  },
  {
    id: 'aml-compute-isolated',
    title: 'Azure Machine Learning compute is private and scales to zero',
    check: 'Every AmlCompute cluster has enableNodePublicIp false, remote login disabled and minNodeCount 0; the workspace allows only approved outbound traffic.',
    controls: { hipaa: ['164.312(e)(1) Transmission security'], nist80053: ['SC-7 Boundary protection', 'AC-17 Remote access'] },
  },
  {
    id: 'synapse-exfiltration-protection',
    title: 'Synapse with data exfiltration protection',
    check: 'Every Synapse workspace uses a managed virtual network with preventDataExfiltration true, no linked tenants and Entra-only authentication.',
    controls: { hipaa: ['164.312(e)(1) Transmission security'], nist80053: ['AC-4 Information flow enforcement', 'SC-7(10) Prevent exfiltration'] },
  },
  {
    id: 'key-vault-protection',
    title: 'Key Vault hardening',
    check: 'Every Key Vault uses RBAC authorisation with soft delete and purge protection.',
    controls: { hipaa: ['164.312(a)(2)(iv) Encryption and decryption'], nist80053: ['SC-12 Cryptographic key management', 'AC-3 Access enforcement'] },
  },
  {
    id: 'control-plane-private',
    title: 'Cloister control plane is private',
    check: 'The Container Apps environment is internal (VNet only); PostgreSQL uses private access with Entra-only authentication; Redis accepts TLS only; no container app gets a credential (a URL with a password) as a plain environment variable — secrets are Key Vault references.',
    controls: { hipaa: ['164.312(a)(1) Access control', '164.312(e)(1) Transmission security'], nist80053: ['SC-7 Boundary protection', 'IA-2 Identification and authentication'] },
  },
  {
    id: 'platform-security-services',
    title: 'Security monitoring and compliance services',
    check: 'The platform onboards its Log Analytics workspace to Microsoft Sentinel, sets Defender plans to Standard and assigns a built-in regulatory initiative (HIPAA HITRUST or NIST SP 800-53 Rev. 5).',
    controls: { hipaa: ['164.308(a)(1)(ii)(D) Information system activity review', '164.308(a)(6) Security incident procedures'], nist80053: ['SI-4 System monitoring', 'IR-4 Incident handling', 'CA-7 Continuous monitoring'] },
  },
];

export interface InvariantViolation {
  invariant: InvariantId;
  resourceType: string;
  resourceName: string;
  resourceId: string;
  /** Nested deployments (modules) leading to the resource, outermost first. */
  deploymentPath: string[];
  message: string;
}

export interface InvariantCheckOptions extends ExpandOptions {
  /** Expected workspace of every diagnostic setting (default: any non-empty workspace id). */
  logAnalyticsWorkspaceResourceId?: string;
}

/** Sample parameters that switch on every optional part of the project template. */
export const SAMPLE_PROJECT_PARAMETERS: Readonly<Record<string, unknown>> = {
  projectKey: 'sample',
  logAnalyticsWorkspaceResourceId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-cloister-platform/providers/Microsoft.OperationalInsights/workspaces/log-cloister',
  dataFactoryResourceId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-cloister-platform/providers/Microsoft.DataFactory/factories/adf-cloister',
  dataFactoryPrincipalId: '22222222-2222-2222-2222-222222222222',
  hubVirtualNetworkResourceId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-cloister-platform/providers/Microsoft.Network/virtualNetworks/vnet-cloister-hub',
  controlPlaneSubnetAddressPrefix: '10.0.0.0/23',
  controlPlaneDnsZoneName: 'happy-sea-123.westeurope.azurecontainerapps.io',
  controlPlanePrincipalId: '44444444-4444-4444-4444-444444444444',
  researchersGroupObjectId: '33333333-3333-3333-3333-333333333333',
  vmCount: 2,
  vmAdminUsername: 'cloisteradmin',
  deploySynapse: true,
};

/** Sample parameters for the platform template. */
export const SAMPLE_PLATFORM_PARAMETERS: Readonly<Record<string, unknown>> = {
  installationKey: 'sample',
  regulatoryInitiative: 'hipaa-hitrust',
  apiImage: 'cloister/api:sample',
  workerImage: 'cloister/worker:sample',
  portalImage: 'cloister/portal:sample',
  enableDefenderPlans: true,
};

// Types that support diagnostic settings (Azure Monitor "supported categories"), lower-case.
const DIAGNOSTIC_TYPES = new Set(
  [
    'Microsoft.Storage/storageAccounts',
    'Microsoft.Storage/storageAccounts/blobServices',
    'Microsoft.KeyVault/vaults',
    'Microsoft.Network/virtualNetworks',
    'Microsoft.Network/networkSecurityGroups',
    'Microsoft.Network/networkInterfaces',
    'Microsoft.Network/publicIPAddresses',
    'Microsoft.Network/azureFirewalls',
    'Microsoft.Network/bastionHosts',
    'Microsoft.Compute/virtualMachines',
    'Microsoft.MachineLearningServices/workspaces',
    'Microsoft.Synapse/workspaces',
    'Microsoft.DesktopVirtualization/hostPools',
    'Microsoft.DesktopVirtualization/applicationGroups',
    'Microsoft.DesktopVirtualization/workspaces',
    'Microsoft.DataFactory/factories',
    'Microsoft.Logic/workflows',
    'Microsoft.EventGrid/systemTopics',
    'Microsoft.OperationalInsights/workspaces',
    'Microsoft.App/managedEnvironments',
    'Microsoft.App/containerApps',
    'Microsoft.DBforPostgreSQL/flexibleServers',
    'Microsoft.Cache/redis',
    'Microsoft.ContainerRegistry/registries',
    'Microsoft.Insights/components',
  ].map((t) => t.toLowerCase()),
);

interface PrivateLinkRule {
  /** Path of the public network access property. */
  publicNetworkAccess: string[];
  /** Sub-resources that must each have a private endpoint. */
  requiredGroupIds: string[];
}

const PRIVATE_LINK_RULES: Record<string, PrivateLinkRule> = {
  'microsoft.storage/storageaccounts': { publicNetworkAccess: ['publicNetworkAccess'], requiredGroupIds: ['blob'] },
  'microsoft.keyvault/vaults': { publicNetworkAccess: ['publicNetworkAccess'], requiredGroupIds: ['vault'] },
  'microsoft.machinelearningservices/workspaces': { publicNetworkAccess: ['publicNetworkAccess'], requiredGroupIds: ['amlworkspace'] },
  'microsoft.synapse/workspaces': { publicNetworkAccess: ['publicNetworkAccess'], requiredGroupIds: ['Sql', 'SqlOnDemand', 'Dev'] },
  'microsoft.containerregistry/registries': { publicNetworkAccess: ['publicNetworkAccess'], requiredGroupIds: ['registry'] },
  'microsoft.datafactory/factories': { publicNetworkAccess: ['publicNetworkAccess'], requiredGroupIds: ['dataFactory'] },
  'microsoft.cache/redis': { publicNetworkAccess: ['publicNetworkAccess'], requiredGroupIds: ['redisCache'] },
};

const INTERNET = new Set(['internet', '*', '0.0.0.0/0', 'any']);
const SPECIAL_SUBNETS = new Set(['gatewaysubnet', 'azurefirewallsubnet', 'azurefirewallmanagementsubnet', 'azurebastionsubnet', 'routeserversubnet']);

const lc = (s: unknown): string => String(s ?? '').toLowerCase();
const is = (r: ExpandedResource, type: string): boolean => lc(r.type) === type.toLowerCase();
const sameId = (a: unknown, b: unknown): boolean => typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();
const get = (obj: unknown, path: (string | number)[]): unknown =>
  path.reduce<unknown>((cur, key) => (cur !== null && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[key] : undefined), obj);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const present = (v: unknown): boolean => v !== null && v !== undefined;
const isUnresolved = (v: unknown): boolean => typeof v === 'string' && v.includes('⟨');
const tlsAtLeast12 = (v: unknown): boolean => ['tls1_2', 'tls1_3', '1.2', '1.3', 'tlsv1.2', 'tlsv1.3'].includes(lc(v));

class Findings {
  readonly list: InvariantViolation[] = [];
  add(invariant: InvariantId, r: ExpandedResource | undefined, message: string): void {
    this.list.push({
      invariant,
      resourceType: r?.type ?? '(template)',
      resourceName: r?.name ?? '',
      resourceId: r?.id ?? '',
      deploymentPath: r?.deploymentPath ?? [],
      message,
    });
  }
}

function deployed(resources: ExpandedResource[]): ExpandedResource[] {
  return resources.filter((r) => !r.existing);
}

function checkPrivateLink(all: ExpandedResource[], f: Findings, types: string[]): void {
  const endpoints = all.filter((r) => is(r, 'Microsoft.Network/privateEndpoints'));
  const zoneGroups = all.filter((r) => is(r, 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups'));
  const zones = all.filter((r) => is(r, 'Microsoft.Network/privateDnsZones'));
  const links = all.filter((r) => is(r, 'Microsoft.Network/privateDnsZones/virtualNetworkLinks'));
  const vnetIds = new Set(deployed(all).filter((r) => is(r, 'Microsoft.Network/virtualNetworks')).map((r) => lc(r.id)));
  for (const r of deployed(all)) {
    const rule = PRIVATE_LINK_RULES[lc(r.type)];
    if (!rule || !types.includes(lc(r.type))) continue;
    const pna = get(r.properties, rule.publicNetworkAccess);
    if (pna !== 'Disabled') f.add('public-network-access-disabled', r, `publicNetworkAccess is ${JSON.stringify(pna ?? null)}, not "Disabled"`);
    if (is(r, 'Microsoft.Storage/storageAccounts') || is(r, 'Microsoft.KeyVault/vaults')) {
      const acl = get(r.properties, ['networkAcls', 'defaultAction']);
      if (acl !== 'Deny') f.add('public-network-access-disabled', r, `networkAcls.defaultAction is ${JSON.stringify(acl ?? null)}, not "Deny"`);
    }
    for (const groupId of rule.requiredGroupIds) {
      const pe = endpoints.find((e) =>
        asArray(get(e.properties, ['privateLinkServiceConnections'])).some(
          (c) => sameId(get(c, ['properties', 'privateLinkServiceId']), r.id) && asArray(get(c, ['properties', 'groupIds'])).some((g) => lc(g) === lc(groupId)),
        ),
      );
      if (!pe) {
        f.add('private-endpoint-with-dns-zone-group', r, `no private endpoint for sub-resource "${groupId}"`);
        continue;
      }
      const group = zoneGroups.find((g) => g.id.toLowerCase().startsWith(`${pe.id.toLowerCase()}/privatednszonegroups/`));
      const configs = asArray(get(group?.properties, ['privateDnsZoneConfigs']));
      if (!group || configs.length === 0) {
        f.add('private-endpoint-with-dns-zone-group', r, `private endpoint ${pe.name} ("${groupId}") has no DNS zone group`);
        continue;
      }
      for (const config of configs) {
        const zoneId = get(config, ['properties', 'privateDnsZoneId']);
        // A zone the template deploys (platform) or references (project: the hub's), linked to one of its networks.
        const zone = zones.find((z) => sameId(z.id, zoneId));
        const linked = links.some((l) => l.id.toLowerCase().startsWith(`${lc(zoneId)}/virtualnetworklinks/`) && vnetIds.has(lc(get(l.properties, ['virtualNetwork', 'id']))));
        if (!zone) f.add('private-endpoint-with-dns-zone-group', r, `DNS zone group of ${pe.name} points at ${String(zoneId)}, which the template neither deploys nor links to one of its networks`);
        else if (!linked) f.add('private-endpoint-with-dns-zone-group', r, `private DNS zone ${zone.name} is not linked to a virtual network the template deploys`);
      }
    }
  }
}

function checkStorage(all: ExpandedResource[], f: Findings): void {
  for (const r of deployed(all).filter((x) => is(x, 'Microsoft.Storage/storageAccounts'))) {
    const p = r.properties;
    if (p.allowSharedKeyAccess !== false) f.add('shared-key-access-disabled', r, `allowSharedKeyAccess is ${JSON.stringify(p.allowSharedKeyAccess ?? null)} (null means true)`);
    if (p.allowBlobPublicAccess !== false) f.add('shared-key-access-disabled', r, `allowBlobPublicAccess is ${JSON.stringify(p.allowBlobPublicAccess ?? null)}`);
    if (!tlsAtLeast12(p.minimumTlsVersion)) f.add('minimum-tls-1-2', r, `minimumTlsVersion is ${JSON.stringify(p.minimumTlsVersion ?? null)}`);
    if (p.supportsHttpsTrafficOnly === false) f.add('minimum-tls-1-2', r, 'supportsHttpsTrafficOnly is false');
  }
}

function checkTls(all: ExpandedResource[], f: Findings): void {
  for (const r of deployed(all)) {
    if (is(r, 'Microsoft.Storage/storageAccounts')) continue;
    for (const key of ['minimumTlsVersion', 'minimalTlsVersion']) {
      if (key in r.properties && !tlsAtLeast12(r.properties[key])) f.add('minimum-tls-1-2', r, `${key} is ${JSON.stringify(r.properties[key])}`);
    }
  }
}

function checkNoPublicIp(all: ExpandedResource[], f: Findings): void {
  for (const r of deployed(all)) {
    if (is(r, 'Microsoft.Network/publicIPAddresses') || is(r, 'Microsoft.Network/publicIPPrefixes')) f.add('no-public-ip', r, 'a public IP address is deployed');
    if (is(r, 'Microsoft.Network/bastionHosts') || is(r, 'Microsoft.Network/natGateways')) f.add('no-public-ip', r, `${r.type} needs a public IP`);
    if (is(r, 'Microsoft.Network/networkInterfaces')) {
      for (const ip of asArray(r.properties.ipConfigurations)) {
        if (present(get(ip, ['properties', 'publicIPAddress']))) f.add('no-public-ip', r, `IP configuration ${String(get(ip, ['name']))} has a public IP`);
      }
    }
    if (is(r, 'Microsoft.Compute/virtualMachines') || is(r, 'Microsoft.Compute/virtualMachineScaleSets')) {
      const configs = [
        ...asArray(get(r.properties, ['networkProfile', 'networkInterfaceConfigurations'])),
        ...asArray(get(r.properties, ['virtualMachineProfile', 'networkProfile', 'networkInterfaceConfigurations'])),
      ];
      for (const nic of configs) {
        for (const ip of asArray(get(nic, ['properties', 'ipConfigurations']))) {
          if (present(get(ip, ['properties', 'publicIPAddressConfiguration']))) f.add('no-public-ip', r, 'a network interface configuration has a public IP');
        }
      }
      const nics = all.filter((x) => is(x, 'Microsoft.Network/networkInterfaces'));
      for (const ref of asArray(get(r.properties, ['networkProfile', 'networkInterfaces']))) {
        const id = get(ref, ['id']);
        if (!nics.some((n) => sameId(n.id, id))) f.add('no-public-ip', r, `network interface ${String(id)} is not deployed by the template, so it cannot be shown to have no public IP`);
      }
    }
    if (is(r, 'Microsoft.MachineLearningServices/workspaces/computes')) {
      const p = get(r.properties, ['properties']);
      if (get(p, ['enableNodePublicIp']) !== false) f.add('no-public-ip', r, `enableNodePublicIp is ${JSON.stringify(get(p, ['enableNodePublicIp']) ?? null)} (null means true)`);
    }
  }
}

function checkVms(all: ExpandedResource[], f: Findings): void {
  const schedules = all.filter((r) => is(r, 'Microsoft.DevTestLab/schedules'));
  for (const vm of deployed(all).filter((r) => is(r, 'Microsoft.Compute/virtualMachines'))) {
    const s = schedules.find((x) => sameId(get(x.properties, ['targetResourceId']), vm.id));
    if (!s) {
      f.add('vm-auto-shutdown', vm, 'no Microsoft.DevTestLab/schedules auto-shutdown targets this VM');
      continue;
    }
    if (s.properties.status !== 'Enabled') f.add('vm-auto-shutdown', vm, `auto-shutdown schedule ${s.name} is ${JSON.stringify(s.properties.status ?? null)}`);
    if (s.properties.taskType !== 'ComputeVmShutdownTask') f.add('vm-auto-shutdown', vm, `schedule ${s.name} has task type ${JSON.stringify(s.properties.taskType ?? null)}`);
    if (!get(s.properties, ['dailyRecurrence', 'time'])) f.add('vm-auto-shutdown', vm, `schedule ${s.name} has no daily time`);
  }
}

function checkDiagnostics(all: ExpandedResource[], f: Findings, expectedWorkspace: string | undefined): void {
  const settings = all.filter((r) => is(r, 'Microsoft.Insights/diagnosticSettings'));
  for (const r of deployed(all).filter((x) => DIAGNOSTIC_TYPES.has(lc(x.type)))) {
    const mine = settings.filter((s) => sameId(s.scope, r.id));
    const good = mine.filter((s) => {
      const ws = s.properties.workspaceId;
      const enabled = [...asArray(s.properties.logs), ...asArray(s.properties.metrics)].some((x) => get(x, ['enabled']) === true);
      return typeof ws === 'string' && ws !== '' && (expectedWorkspace === undefined || sameId(ws, expectedWorkspace)) && enabled;
    });
    if (good.length === 0) {
      f.add(
        'diagnostic-settings',
        r,
        mine.length === 0
          ? 'no diagnostic setting is attached'
          : `diagnostic setting ${mine.map((s) => s.name).join(', ')} sends nothing enabled to ${expectedWorkspace ?? 'a Log Analytics workspace'}`,
      );
    }
  }
}

function checkNsgs(all: ExpandedResource[], f: Findings): void {
  for (const nsg of deployed(all).filter((r) => is(r, 'Microsoft.Network/networkSecurityGroups'))) {
    const rules = nsgRules(all, nsg);
    const destinations = (p: Record<string, unknown>): string[] => [p.destinationAddressPrefix, ...asArray(p.destinationAddressPrefixes)].filter(present).map(lc);
    const ports = (p: Record<string, unknown>): string[] => [p.destinationPortRange, ...asArray(p.destinationPortRanges)].filter(present).map(lc);
    const outbound = rules.filter((r) => r.p.direction === 'Outbound');
    const denies = outbound.filter(
      (r) => r.p.access === 'Deny' && r.p.protocol === '*' && destinations(r.p).some((d) => INTERNET.has(d)) && ports(r.p).includes('*') && typeof r.p.priority === 'number',
    );
    if (denies.length === 0) {
      f.add('nsg-denies-internet-egress', nsg, 'no outbound Deny rule to Internet for all protocols and ports');
      continue;
    }
    const denyPriority = Math.min(...denies.map((d) => d.p.priority as number));
    for (const allow of outbound.filter((r) => r.p.access === 'Allow' && destinations(r.p).some((d) => INTERNET.has(d) || isUnresolved(d)))) {
      if (typeof allow.p.priority !== 'number' || allow.p.priority < denyPriority)
        {f.add('nsg-denies-internet-egress', nsg, `outbound Allow rule ${allow.name} to ${destinations(allow.p).join(', ')} takes precedence over the internet deny`);}
    }
  }
}

interface NsgRule {
  name: string;
  p: Record<string, unknown>;
}

function nsgRules(all: ExpandedResource[], nsg: ExpandedResource): NsgRule[] {
  const children = all.filter((r) => is(r, 'Microsoft.Network/networkSecurityGroups/securityRules') && r.id.toLowerCase().startsWith(`${nsg.id.toLowerCase()}/securityrules/`));
  return [
    ...asArray(nsg.properties.securityRules).map((x) => ({ name: String(get(x, ['name'])), p: (get(x, ['properties']) ?? {}) as Record<string, unknown> })),
    ...children.map((c) => ({ name: c.name, p: c.properties })),
  ];
}

/** Any Allow rule whose far end (the source inbound, the destination outbound) may be the internet. */
function checkNoInternetAllow(all: ExpandedResource[], f: Findings): void {
  for (const nsg of deployed(all).filter((r) => is(r, 'Microsoft.Network/networkSecurityGroups'))) {
    for (const rule of nsgRules(all, nsg).filter((r) => r.p.access === 'Allow')) {
      const inbound = rule.p.direction === 'Inbound';
      const ends = inbound ? [rule.p.sourceAddressPrefix, ...asArray(rule.p.sourceAddressPrefixes)] : [rule.p.destinationAddressPrefix, ...asArray(rule.p.destinationAddressPrefixes)];
      const open = ends.filter((e) => present(e) && (INTERNET.has(lc(e)) || isUnresolved(e)));
      if (open.length > 0) f.add('nsg-no-internet-allow', nsg, `${inbound ? 'inbound' : 'outbound'} Allow rule ${rule.name} ${inbound ? 'from' : 'to'} ${open.map(String).join(', ')}`);
    }
  }
}

interface Peering {
  resource: ExpandedResource;
  /** Resource id of the virtual network the peering belongs to. */
  local: string;
  remote: unknown;
  p: Record<string, unknown>;
}

/** Peerings as child resources and inline in their virtual network's properties. */
function peeringsOf(all: ExpandedResource[]): Peering[] {
  const peerings: Peering[] = deployed(all)
    .filter((r) => is(r, 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings'))
    .map((r) => ({ resource: r, local: r.id.replace(/\/virtualNetworkPeerings\/[^/]+$/i, ''), remote: get(r.properties, ['remoteVirtualNetwork', 'id']), p: r.properties }));
  for (const vnet of deployed(all).filter((r) => is(r, 'Microsoft.Network/virtualNetworks'))) {
    for (const x of asArray(vnet.properties.virtualNetworkPeerings)) {
      const p = (get(x, ['properties']) ?? {}) as Record<string, unknown>;
      peerings.push({ resource: vnet, local: vnet.id, remote: get(p, ['remoteVirtualNetwork', 'id']), p });
    }
  }
  return peerings;
}

/**
 * The project's networks (spokes) are peered with the hub alone, both ways, and the hub side deployed by the
 * project template connects only to the project's networks. Non-transitive: no forwarding, no gateways.
 */
function checkSpokePeering(all: ExpandedResource[], f: Findings, hubId: unknown): void {
  const spokes = deployed(all).filter((r) => is(r, 'Microsoft.Network/virtualNetworks'));
  const peerings = peeringsOf(all);
  if (typeof hubId !== 'string' || hubId === '' || isUnresolved(hubId)) {
    f.add('spoke-peered-to-hub-only', spokes[0], 'no hub virtual network (parameter hubVirtualNetworkResourceId) to check the peerings against');
    return;
  }
  const isSpoke = (id: unknown): boolean => spokes.some((v) => sameId(v.id, id));
  for (const peering of peerings) {
    const name = peering.resource.name;
    if (isSpoke(peering.local) && !sameId(peering.remote, hubId)) f.add('spoke-peered-to-hub-only', peering.resource, `peering ${name} connects the project network to ${String(peering.remote)}, not the hub`);
    else if (sameId(peering.local, hubId) && !isSpoke(peering.remote)) f.add('spoke-peered-to-hub-only', peering.resource, `hub peering ${name} connects to ${String(peering.remote)}, which is not a network of this project`);
    else if (!isSpoke(peering.local) && !sameId(peering.local, hubId)) f.add('spoke-peered-to-hub-only', peering.resource, `peering ${name} belongs to ${peering.local}, neither the hub nor a network of this project`);
    for (const flag of ['allowForwardedTraffic', 'allowGatewayTransit', 'useRemoteGateways']) {
      if (peering.p[flag] === true) f.add('spoke-peered-to-hub-only', peering.resource, `peering ${name} sets ${flag}`);
    }
  }
  for (const spoke of spokes) {
    const out = peerings.filter((x) => sameId(x.local, spoke.id));
    if (out.length !== 1 || !sameId(out[0]!.remote, hubId)) f.add('spoke-peered-to-hub-only', spoke, `the network has ${out.length} peering(s); it needs exactly one, to the hub`);
    if (!peerings.some((x) => sameId(x.local, hubId) && sameId(x.remote, spoke.id))) f.add('spoke-peered-to-hub-only', spoke, 'the hub has no peering back to the network');
  }
}

function checkSubnets(all: ExpandedResource[], f: Findings): void {
  const nsgs = all.filter((r) => is(r, 'Microsoft.Network/networkSecurityGroups'));
  const subnets: { vnet: ExpandedResource; name: string; p: Record<string, unknown> }[] = [];
  for (const vnet of deployed(all).filter((r) => is(r, 'Microsoft.Network/virtualNetworks'))) {
    for (const s of asArray(vnet.properties.subnets)) subnets.push({ vnet, name: String(get(s, ['name'])), p: (get(s, ['properties']) ?? {}) as Record<string, unknown> });
  }
  for (const s of deployed(all).filter((r) => is(r, 'Microsoft.Network/virtualNetworks/subnets'))) subnets.push({ vnet: s, name: s.name.split('/').pop()!, p: s.properties });
  for (const s of subnets) {
    if (SPECIAL_SUBNETS.has(lc(s.name))) continue;
    const nsgId = get(s.p, ['networkSecurityGroup', 'id']);
    if (!nsgs.some((n) => sameId(n.id, nsgId))) f.add('subnet-has-nsg', s.vnet, `subnet ${s.name} has no network security group deployed by the template`);
    if (s.p.defaultOutboundAccess !== false) f.add('subnet-has-nsg', s.vnet, `subnet ${s.name} keeps default outbound (internet) access`);
  }
}

function checkImportWorm(all: ExpandedResource[], f: Findings): void {
  const accounts = deployed(all).filter((r) => is(r, 'Microsoft.Storage/storageAccounts'));
  const ok = accounts.some((account) => {
    const prefix = account.id.toLowerCase();
    const blob = all.find((r) => is(r, 'Microsoft.Storage/storageAccounts/blobServices') && r.id.toLowerCase().startsWith(`${prefix}/`));
    if (get(blob?.properties, ['isVersioningEnabled']) !== true) return false;
    return all.some((c) => {
      if (!is(c, 'Microsoft.Storage/storageAccounts/blobServices/containers') || !c.id.toLowerCase().startsWith(`${prefix}/`)) return false;
      if (lc(c.name.split('/').pop()) !== 'import' || get(c.properties, ['immutableStorageWithVersioning', 'enabled']) !== true) return false;
      const policy = all.find((p) => is(p, 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies') && p.id.toLowerCase().startsWith(`${c.id.toLowerCase()}/`));
      const days = get(policy?.properties, ['immutabilityPeriodSinceCreationInDays']);
      return typeof days === 'number' && days > 0;
    });
  });
  if (!ok) f.add('import-container-worm', accounts[0], 'no storage account with versioning and an "import" container with version-level immutability and a retention policy');
}

function checkAml(all: ExpandedResource[], f: Findings): void {
  for (const w of deployed(all).filter((r) => is(r, 'Microsoft.MachineLearningServices/workspaces'))) {
    const mode = get(w.properties, ['managedNetwork', 'isolationMode']);
    if (mode !== 'AllowOnlyApprovedOutbound') f.add('aml-compute-isolated', w, `managedNetwork.isolationMode is ${JSON.stringify(mode ?? null)}`);
  }
  for (const c of deployed(all).filter((r) => is(r, 'Microsoft.MachineLearningServices/workspaces/computes'))) {
    const p = get(c.properties, ['properties']);
    if (get(p, ['enableNodePublicIp']) !== false) f.add('aml-compute-isolated', c, 'enableNodePublicIp is not false');
    if (get(p, ['remoteLoginPortPublicAccess']) !== 'Disabled') f.add('aml-compute-isolated', c, 'remoteLoginPortPublicAccess is not Disabled');
    if (c.properties.computeType === 'AmlCompute' && get(p, ['scaleSettings', 'minNodeCount']) !== 0) f.add('aml-compute-isolated', c, 'scaleSettings.minNodeCount is not 0');
  }
}

function checkSynapse(all: ExpandedResource[], f: Findings): void {
  for (const s of deployed(all).filter((r) => is(r, 'Microsoft.Synapse/workspaces'))) {
    if (s.properties.managedVirtualNetwork !== 'default') f.add('synapse-exfiltration-protection', s, 'no managed virtual network');
    if (get(s.properties, ['managedVirtualNetworkSettings', 'preventDataExfiltration']) !== true) f.add('synapse-exfiltration-protection', s, 'preventDataExfiltration is not true');
    if (asArray(get(s.properties, ['managedVirtualNetworkSettings', 'allowedAadTenantIdsForLinking'])).length > 0)
      {f.add('synapse-exfiltration-protection', s, 'other tenants may be linked');}
    if (s.properties.azureADOnlyAuthentication !== true) f.add('synapse-exfiltration-protection', s, 'SQL authentication is allowed');
  }
}

function checkKeyVaults(all: ExpandedResource[], f: Findings): void {
  for (const v of deployed(all).filter((r) => is(r, 'Microsoft.KeyVault/vaults'))) {
    if (v.properties.enableRbacAuthorization !== true) f.add('key-vault-protection', v, 'enableRbacAuthorization is not true');
    if (v.properties.enablePurgeProtection !== true) f.add('key-vault-protection', v, 'enablePurgeProtection is not true');
    if (v.properties.enableSoftDelete === false) f.add('key-vault-protection', v, 'soft delete is off');
  }
}

// scheme://user:password@… with a non-empty password.
const CREDENTIAL_IN_URL = /^[a-z][a-z0-9+.-]*:\/\/[^/@\s]*:[^/@\s]+@/i;

function checkControlPlane(all: ExpandedResource[], f: Findings): void {
  for (const e of deployed(all).filter((r) => is(r, 'Microsoft.App/managedEnvironments'))) {
    if (get(e.properties, ['vnetConfiguration', 'internal']) !== true) f.add('control-plane-private', e, 'the Container Apps environment is not internal');
  }
  for (const s of deployed(all).filter((r) => is(r, 'Microsoft.DBforPostgreSQL/flexibleServers'))) {
    if (get(s.properties, ['network', 'publicNetworkAccess']) !== 'Disabled') f.add('control-plane-private', s, 'network.publicNetworkAccess is not Disabled');
    if (!get(s.properties, ['network', 'delegatedSubnetResourceId'])) f.add('control-plane-private', s, 'the server is not VNet-integrated');
    if (get(s.properties, ['authConfig', 'passwordAuth']) !== 'Disabled') f.add('control-plane-private', s, 'password authentication is enabled');
  }
  for (const c of deployed(all).filter((r) => is(r, 'Microsoft.Cache/redis'))) {
    if (c.properties.enableNonSslPort !== false) f.add('control-plane-private', c, 'the non-TLS port is enabled');
  }
  // Redis keeps access keys on (the queue client cannot refresh Entra tokens); the key may reach apps only via Key Vault.
  for (const app of deployed(all).filter((r) => is(r, 'Microsoft.App/containerApps'))) {
    for (const container of asArray(get(app.properties, ['template', 'containers']))) {
      for (const variable of asArray(get(container, ['env']))) {
        const value = get(variable, ['value']);
        if (typeof value === 'string' && CREDENTIAL_IN_URL.test(value)) {
          f.add('control-plane-private', app, `environment variable ${String(get(variable, ['name']))} holds a credential as a plain value`);
        }
      }
    }
  }
}

function checkSecurityServices(all: ExpandedResource[], f: Findings): void {
  const workspaces = deployed(all).filter((r) => is(r, 'Microsoft.OperationalInsights/workspaces'));
  for (const w of workspaces) {
    if (!all.some((r) => is(r, 'Microsoft.SecurityInsights/onboardingStates') && sameId(r.scope, w.id)))
      {f.add('platform-security-services', w, 'the workspace is not onboarded to Microsoft Sentinel');}
  }
  const pricings = deployed(all).filter((r) => is(r, 'Microsoft.Security/pricings'));
  if (pricings.length === 0) f.add('platform-security-services', undefined, 'no Microsoft Defender for Cloud plan is set');
  for (const p of pricings) if (p.properties.pricingTier !== 'Standard') f.add('platform-security-services', p, `pricing tier is ${JSON.stringify(p.properties.pricingTier ?? null)}`);
  const initiatives = ['a169a624-5599-4385-a696-c8d643089fab', '179d1daa-458f-4e47-8086-2a68d0d6c38f'];
  const assignments = deployed(all).filter((r) => is(r, 'Microsoft.Authorization/policyAssignments'));
  if (!assignments.some((a) => initiatives.some((id) => lc(a.properties.policyDefinitionId).endsWith(`/policysetdefinitions/${id}`))))
    {f.add('platform-security-services', assignments[0], 'no assignment of the HIPAA HITRUST or NIST SP 800-53 Rev. 5 initiative');}
}

function templateOf(armJson: unknown, options: InvariantCheckOptions, defaults: Readonly<Record<string, unknown>>): ExpandedResource[] {
  const { logAnalyticsWorkspaceResourceId: _expected, ...expandOptions } = options;
  return expandArmTemplate(armJson, { ...expandOptions, parameters: options.parameters ?? { ...defaults } }).resources;
}

/**
 * Checks the security invariants of a compiled project (spoke) template. Without parameters it uses
 * SAMPLE_PROJECT_PARAMETERS, which turn every optional part (Synapse, several VMs) on.
 */
export function checkProjectInvariants(armJson: unknown, options: InvariantCheckOptions = {}): InvariantViolation[] {
  const all = templateOf(armJson, options, SAMPLE_PROJECT_PARAMETERS);
  const parameters = options.parameters ?? SAMPLE_PROJECT_PARAMETERS;
  const f = new Findings();
  checkNoPublicIp(all, f);
  checkPrivateLink(all, f, Object.keys(PRIVATE_LINK_RULES));
  checkStorage(all, f);
  checkTls(all, f);
  checkVms(all, f);
  checkDiagnostics(all, f, options.logAnalyticsWorkspaceResourceId ?? parameters.logAnalyticsWorkspaceResourceId as string | undefined);
  checkNsgs(all, f);
  checkNoInternetAllow(all, f);
  checkSpokePeering(all, f, parameters.hubVirtualNetworkResourceId);
  checkSubnets(all, f);
  checkImportWorm(all, f);
  checkAml(all, f);
  checkSynapse(all, f);
  checkKeyVaults(all, f);
  return f.list;
}

/**
 * Checks the security invariants of the compiled platform template. The public staging account is
 * meant to be reachable from the internet (uploads, downloads of released exports), so the public
 * network rule covers the platform's other data services; its keys, TLS and diagnostics are checked.
 */
export function checkPlatformInvariants(armJson: unknown, options: InvariantCheckOptions = {}): InvariantViolation[] {
  const all = templateOf(armJson, options, SAMPLE_PLATFORM_PARAMETERS);
  const f = new Findings();
  checkPrivateLink(
    all,
    f,
    Object.keys(PRIVATE_LINK_RULES).filter((t) => t !== 'microsoft.storage/storageaccounts'),
  );
  checkStorage(all, f);
  checkTls(all, f);
  checkVms(all, f);
  checkDiagnostics(all, f, options.logAnalyticsWorkspaceResourceId);
  checkNoInternetAllow(all, f);
  checkSubnets(all, f);
  checkKeyVaults(all, f);
  checkControlPlane(all, f);
  checkSecurityServices(all, f);
  return f.list;
}
