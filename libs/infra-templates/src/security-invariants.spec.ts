import { describe, expect, it } from 'vitest';
import {
  checkPlatformInvariants,
  checkProjectInvariants,
  compiledTemplatePaths,
  expandArmTemplate,
  loadPlatformTemplate,
  loadProjectTemplate,
  SAMPLE_PLATFORM_PARAMETERS,
  SAMPLE_PROJECT_PARAMETERS,
  SECURITY_INVARIANTS,
  type ArmTemplate,
  type InvariantId,
  type InvariantViolation,
} from './index';

type Json = Record<string, unknown>;

/** Every (sub)template in a compiled template: the root and each nested deployment's template. */
function templates(root: Json): Json[] {
  const found: Json[] = [root];
  const resources = root.resources as Record<string, Json> | Json[];
  for (const r of Object.values(resources)) {
    const nested = (r.properties as Json | undefined)?.template as Json | undefined;
    if (r.type === 'Microsoft.Resources/deployments' && nested) found.push(...templates(nested));
  }
  return found;
}

/** Resource declarations of a type anywhere in the compiled template (root and nested deployments). */
function declarations(root: ArmTemplate, type: string): Json[] {
  return templates(root as unknown as Json).flatMap((t) => Object.values(t.resources as Record<string, Json>).filter((r) => r.type === type && r.existing !== true));
}

/** The module (nested deployment) declaration with the given symbolic name at the root. */
function module(root: ArmTemplate, symbol: string): Json {
  const m = (root.resources as Record<string, Json>)[symbol];
  if (!m) throw new Error(`no module ${symbol}`);
  return m;
}

function removeDeclarations(root: ArmTemplate, type: string): number {
  let removed = 0;
  for (const t of templates(root as unknown as Json)) {
    const resources = t.resources as Record<string, Json>;
    for (const [symbol, r] of Object.entries(resources)) {
      if (r.type === type) {
        delete resources[symbol];
        removed++;
      }
    }
  }
  return removed;
}

const ids = (violations: InvariantViolation[]): InvariantId[] => [...new Set(violations.map((v) => v.invariant))];
const about = (violations: InvariantViolation[], invariant: InvariantId): InvariantViolation[] => violations.filter((v) => v.invariant === invariant);

/** Whether the IPv4 CIDR (or address) `inner` lies inside `outer`; false for service tags. */
function cidrWithin(inner: string, outer: string): boolean {
  const parse = (cidr: string): [number, number] | null => {
    const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)(?:\/(\d+))?$/.exec(cidr);
    if (!m) return null;
    return [m.slice(1, 5).reduce((acc, octet) => acc * 256 + Number(octet), 0), Number(m[5] ?? 32)];
  };
  const a = parse(inner);
  const b = parse(outer);
  if (!a || !b || a[1] < b[1]) return false;
  const block = 2 ** (32 - b[1]);
  return Math.floor(a[0] / block) === Math.floor(b[0] / block);
}

describe('compiled templates', () => {
  it.each(['platform', 'project'] as const)('%s/main.json is Bicep 0.49.2 output with symbolic resource names', (name) => {
    const template = name === 'platform' ? loadPlatformTemplate() : loadProjectTemplate();
    expect(compiledTemplatePaths[name]).toMatch(new RegExp(`${name}/main\\.json$`));
    expect(template.metadata?._generator?.name).toBe('bicep');
    expect(template.metadata?._generator?.version).toMatch(/^0\.49\.2\./);
    expect(template.languageVersion).toBe('2.0');
    expect(templates(template as unknown as Json).length).toBeGreaterThan(20);
  });

  it('loaders return fresh copies that tests can mutate', () => {
    const a = loadProjectTemplate();
    (a.resources as Json).extra = {};
    expect((loadProjectTemplate().resources as Json).extra).toBeUndefined();
  });

  it('the project template expands without anything left unevaluated that matters', () => {
    const expanded = expandArmTemplate(loadProjectTemplate(), { parameters: { ...SAMPLE_PROJECT_PARAMETERS } });
    expect(expanded.notes).toEqual([]);
    const types = new Set(expanded.resources.map((r) => r.type));
    for (const t of [
      'Microsoft.Network/virtualNetworks',
      'Microsoft.Network/networkSecurityGroups',
      'Microsoft.Storage/storageAccounts',
      'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies',
      'Microsoft.Network/privateEndpoints',
      'Microsoft.Network/privateEndpoints/privateDnsZoneGroups',
      'Microsoft.Network/privateDnsZones',
      'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
      'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
      'Microsoft.KeyVault/vaults',
      'Microsoft.MachineLearningServices/workspaces',
      'Microsoft.MachineLearningServices/workspaces/computes',
      'Microsoft.Compute/virtualMachines',
      'Microsoft.DevTestLab/schedules',
      'Microsoft.DesktopVirtualization/hostPools',
      'Microsoft.DesktopVirtualization/applicationGroups',
      'Microsoft.DesktopVirtualization/workspaces',
      'Microsoft.Synapse/workspaces',
      'Microsoft.Insights/diagnosticSettings',
    ]) {
      expect(types, t).toContain(t);
    }
    expect(expanded.resources.filter((r) => r.type === 'Microsoft.Compute/virtualMachines').map((r) => r.name)).toEqual(['dsvmsample00', 'dsvmsample01']);
    expect(expanded.outputs.vmNames).toEqual(['dsvmsample00', 'dsvmsample01']);
    expect(expanded.outputs.secureStorageAccountName).toMatch(/^stsecsample[a-z0-9]+$/);
    expect(String(expanded.outputs.secureStorageAccountName).length).toBeLessThanOrEqual(24);
  });
});

describe('project template invariants', () => {
  it('holds every invariant with every optional part switched on', () => {
    expect(checkProjectInvariants(loadProjectTemplate())).toEqual([]);
  });

  it('holds every invariant without Synapse and without VMs', () => {
    const parameters = { ...SAMPLE_PROJECT_PARAMETERS, deploySynapse: false, vmCount: 0 };
    const expanded = expandArmTemplate(loadProjectTemplate(), { parameters });
    expect(expanded.resources.some((r) => r.type === 'Microsoft.Synapse/workspaces')).toBe(false);
    expect(expanded.resources.some((r) => r.type === 'Microsoft.Compute/virtualMachines')).toBe(false);
    expect(checkProjectInvariants(loadProjectTemplate(), { parameters })).toEqual([]);
  });

  it('deploys no public IP anywhere', () => {
    const types = expandArmTemplate(loadProjectTemplate(), { parameters: { ...SAMPLE_PROJECT_PARAMETERS } }).resources.map((r) => r.type);
    expect(types).not.toContain('Microsoft.Network/publicIPAddresses');
  });

  it('reports a storage account whose public network access is flipped to Enabled', () => {
    const template = loadProjectTemplate();
    const params = (module(template, 'secureStorage').properties as Json).parameters as Json;
    params.publicNetworkAccess = { value: 'Enabled' };
    const violations = checkProjectInvariants(template);
    expect(ids(violations)).toEqual(['public-network-access-disabled']);
    expect(violations.map((v) => v.resourceName)).toEqual([expect.stringMatching(/^stsec/), expect.stringMatching(/^stsec/)]);
    expect(violations[0]!.deploymentPath).toEqual(['storage-secure']);
  });

  it('reports every storage account when the module hard-codes public access', () => {
    const template = loadProjectTemplate();
    for (const account of declarations(template, 'Microsoft.Storage/storageAccounts')) (account.properties as Json).publicNetworkAccess = 'Enabled';
    const violations = about(checkProjectInvariants(template), 'public-network-access-disabled');
    expect(new Set(violations.map((v) => v.resourceName.slice(0, 4)))).toEqual(new Set(['stse', 'stml', 'stdl']));
  });

  it('reports shared-key access and a weak TLS version', () => {
    const template = loadProjectTemplate();
    for (const account of declarations(template, 'Microsoft.Storage/storageAccounts')) {
      delete (account.properties as Json).allowSharedKeyAccess;
      (account.properties as Json).minimumTlsVersion = 'TLS1_0';
    }
    const violations = checkProjectInvariants(template);
    expect(about(violations, 'shared-key-access-disabled')).toHaveLength(3);
    expect(about(violations, 'minimum-tls-1-2')).toHaveLength(3);
  });

  it('reports Key Vault and Azure Machine Learning opened to public networks', () => {
    const template = loadProjectTemplate();
    for (const type of ['Microsoft.KeyVault/vaults', 'Microsoft.MachineLearningServices/workspaces']) {
      for (const r of declarations(template, type)) (r.properties as Json).publicNetworkAccess = 'Enabled';
    }
    const types = about(checkProjectInvariants(template), 'public-network-access-disabled').map((v) => v.resourceType);
    expect(types.sort()).toEqual(['Microsoft.KeyVault/vaults', 'Microsoft.MachineLearningServices/workspaces']);
  });

  it('reports private endpoints without a DNS zone group', () => {
    const template = loadProjectTemplate();
    expect(removeDeclarations(template, 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups')).toBeGreaterThan(0);
    const violations = about(checkProjectInvariants(template), 'private-endpoint-with-dns-zone-group');
    const types = new Set(violations.map((v) => v.resourceType));
    expect(types).toEqual(new Set(['Microsoft.Storage/storageAccounts', 'Microsoft.KeyVault/vaults', 'Microsoft.MachineLearningServices/workspaces', 'Microsoft.Synapse/workspaces']));
    expect(violations.every((v) => v.message.includes('no DNS zone group'))).toBe(true);
  });

  it('reports a Key Vault without a private endpoint', () => {
    const template = loadProjectTemplate();
    ((module(template, 'keyVault').properties as Json).parameters as Json).privateEndpoints = { value: [] };
    const violations = checkProjectInvariants(template);
    expect(violations).toEqual([
      expect.objectContaining({ invariant: 'private-endpoint-with-dns-zone-group', resourceType: 'Microsoft.KeyVault/vaults', message: 'no private endpoint for sub-resource "vault"' }),
    ]);
  });

  it('reports a VM without an auto-shutdown schedule', () => {
    const template = loadProjectTemplate();
    expect(removeDeclarations(template, 'Microsoft.DevTestLab/schedules')).toBe(1);
    const violations = checkProjectInvariants(template);
    expect(violations.map((v) => [v.invariant, v.resourceName])).toEqual([
      ['vm-auto-shutdown', 'dsvmsample00'],
      ['vm-auto-shutdown', 'dsvmsample01'],
    ]);
  });

  it('reports a disabled auto-shutdown schedule', () => {
    const template = loadProjectTemplate();
    for (const s of declarations(template, 'Microsoft.DevTestLab/schedules')) (s.properties as Json).status = 'Disabled';
    expect(ids(checkProjectInvariants(template))).toEqual(['vm-auto-shutdown']);
  });

  it('reports a public IP on a VM network interface, a public IP resource, and AML node public IPs', () => {
    const template = loadProjectTemplate();
    for (const nic of declarations(template, 'Microsoft.Network/networkInterfaces')) {
      const ipConfigs = (nic.properties as Json).ipConfigurations as Json[];
      (ipConfigs[0]!.properties as Json).publicIPAddress = { id: "[resourceId('Microsoft.Network/publicIPAddresses', 'pip')]" };
    }
    (template.resources as Json).pip = {
      type: 'Microsoft.Network/publicIPAddresses',
      apiVersion: '2025-05-01',
      name: 'pip',
      location: "[parameters('location')]",
      properties: {},
    };
    for (const c of declarations(template, 'Microsoft.MachineLearningServices/workspaces/computes')) ((c.properties as Json).properties as Json).enableNodePublicIp = true;
    const violations = about(checkProjectInvariants(template), 'no-public-ip');
    expect(violations.map((v) => v.resourceType).sort()).toEqual([
      'Microsoft.MachineLearningServices/workspaces/computes',
      'Microsoft.Network/networkInterfaces',
      'Microsoft.Network/networkInterfaces',
      'Microsoft.Network/publicIPAddresses',
    ]);
  });

  it('reports resources whose diagnostic setting is removed', () => {
    const template = loadProjectTemplate();
    const vaultModule = (module(template, 'keyVault').properties as Json).template as Json;
    delete (vaultModule.resources as Json).diagnostics;
    const violations = checkProjectInvariants(template);
    expect(violations).toEqual([expect.objectContaining({ invariant: 'diagnostic-settings', resourceType: 'Microsoft.KeyVault/vaults', message: 'no diagnostic setting is attached' })]);
  });

  it('reports diagnostics sent to another workspace than the platform\'s', () => {
    const violations = checkProjectInvariants(loadProjectTemplate(), {
      logAnalyticsWorkspaceResourceId: '/subscriptions/x/resourceGroups/y/providers/Microsoft.OperationalInsights/workspaces/other',
    });
    expect(ids(violations)).toEqual(['diagnostic-settings']);
    expect(violations.length).toBeGreaterThan(15);
  });

  it('reports NSGs that no longer deny internet egress, or let an allow rule win', () => {
    const template = loadProjectTemplate();
    const variables = template.variables as Json;
    variables.denyInternetRules = (variables.denyInternetRules as Json[]).filter((r) => r.name !== 'deny-internet-outbound');
    const violations = checkProjectInvariants(template);
    expect(violations.map((v) => [v.invariant, v.resourceName])).toEqual([
      ['nsg-denies-internet-egress', 'nsg-sample-compute'],
      ['nsg-denies-internet-egress', 'nsg-sample-endpoints'],
    ]);

    const allowing = loadProjectTemplate();
    const vars = allowing.variables as Json;
    vars.denyInternetRules = [
      ...(vars.denyInternetRules as Json[]),
      {
        name: 'allow-web',
        priority: 100,
        direction: 'Outbound',
        access: 'Allow',
        protocol: 'Tcp',
        sourceAddressPrefix: '*',
        destinationAddressPrefix: 'Internet',
        destinationPortRange: '443',
      },
    ];
    expect(about(checkProjectInvariants(allowing), 'nsg-denies-internet-egress').map((v) => v.message)).toEqual([
      'outbound Allow rule allow-web to internet takes precedence over the internet deny',
      'outbound Allow rule allow-web to internet takes precedence over the internet deny',
    ]);
  });

  it('reports an NSG rule that lets the internet in or out, whatever its priority', () => {
    const template = loadProjectTemplate();
    const variables = template.variables as Json;
    variables.denyInternetRules = [
      ...(variables.denyInternetRules as Json[]),
      { name: 'allow-rdp', priority: 4090, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: 'Internet', destinationAddressPrefix: '*', destinationPortRange: '3389' },
      { name: 'allow-any-out', priority: 4095, direction: 'Outbound', access: 'Allow', protocol: '*', sourceAddressPrefix: '*', destinationAddressPrefix: '0.0.0.0/0', destinationPortRange: '*' },
    ];
    const violations = checkProjectInvariants(template);
    // The deny rules still win (lower priority number), so egress stays denied; the allow rules are reported anyway.
    expect(ids(violations)).toEqual(['nsg-no-internet-allow']);
    expect(violations.map((v) => [v.resourceName, v.message])).toEqual([
      ['nsg-sample-compute', 'inbound Allow rule allow-rdp from Internet'],
      ['nsg-sample-compute', 'outbound Allow rule allow-any-out to 0.0.0.0/0'],
      ['nsg-sample-endpoints', 'inbound Allow rule allow-rdp from Internet'],
      ['nsg-sample-endpoints', 'outbound Allow rule allow-any-out to 0.0.0.0/0'],
    ]);
  });

  it('reports a subnet without an NSG or with default outbound access', () => {
    const template = loadProjectTemplate();
    const vnetTemplate = (module(template, 'vnet').properties as Json).template as Json;
    const vnet = (vnetTemplate.resources as Json).vnet as Json;
    const loop = ((vnet.properties as Json).copy as Json[])[0]!;
    const subnetProps = (loop.input as Json).properties as Json;
    subnetProps.defaultOutboundAccess = true;
    delete subnetProps.networkSecurityGroup;
    const violations = checkProjectInvariants(template);
    expect(ids(violations)).toEqual(['subnet-has-nsg']);
    expect(violations).toHaveLength(4);
  });

  it('reports an import container without version-level immutability', () => {
    const template = loadProjectTemplate();
    const params = (module(template, 'secureStorage').properties as Json).parameters as Json;
    const containers = (params.containers as { value: Json[] }).value;
    containers[0]!.versionLevelImmutability = false;
    expect(ids(checkProjectInvariants(template))).toEqual(['import-container-worm']);
  });

  it('reports Synapse without data exfiltration protection and AML compute that does not scale to zero', () => {
    const template = loadProjectTemplate();
    for (const s of declarations(template, 'Microsoft.Synapse/workspaces')) ((s.properties as Json).managedVirtualNetworkSettings as Json).preventDataExfiltration = false;
    for (const c of declarations(template, 'Microsoft.MachineLearningServices/workspaces/computes'))
      {(((c.properties as Json).properties as Json).scaleSettings as Json).minNodeCount = 1;}
    expect(ids(checkProjectInvariants(template)).sort()).toEqual(['aml-compute-isolated', 'synapse-exfiltration-protection']);
  });

  it('reports a Key Vault without purge protection', () => {
    const template = loadProjectTemplate();
    for (const v of declarations(template, 'Microsoft.KeyVault/vaults')) (v.properties as Json).enablePurgeProtection = false;
    expect(ids(checkProjectInvariants(template))).toEqual(['key-vault-protection']);
  });
});

describe('project hub-spoke networking', () => {
  const hubId = SAMPLE_PROJECT_PARAMETERS.hubVirtualNetworkResourceId as string;
  const resources = () => expandArmTemplate(loadProjectTemplate(), { parameters: { ...SAMPLE_PROJECT_PARAMETERS } }).resources;
  const peerings = () => resources().filter((r) => r.type === 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings');

  it('peers the project network with the hub both ways, without forwarding or gateways', () => {
    const spokeId = resources().find((r) => r.type === 'Microsoft.Network/virtualNetworks')!.id;
    const settings = { allowVirtualNetworkAccess: true, allowForwardedTraffic: false, allowGatewayTransit: false, useRemoteGateways: false };
    expect(peerings().map((p) => [p.id.replace(/\/virtualNetworkPeerings\/.*$/, ''), p.properties])).toEqual([
      [spokeId, { remoteVirtualNetwork: { id: hubId }, ...settings }],
      [hubId, { remoteVirtualNetwork: { id: spokeId }, ...settings }],
    ]);
    // The hub's half sits in the hub's resource group, named uniquely per project (project keys can repeat).
    expect(peerings()[1]!.name).toMatch(/\/spoke-sample-[a-z0-9]{13}$/);
  });

  it('registers the endpoints in the hub\'s central DNS zones and links the project network to each', () => {
    const all = resources();
    const spokeId = all.find((r) => r.type === 'Microsoft.Network/virtualNetworks')!.id;
    const hubGroup = hubId.replace(/\/providers\/.*$/, '');
    expect(all.filter((r) => r.type === 'Microsoft.Network/privateDnsZones').every((z) => z.existing && z.id.startsWith(`${hubGroup}/providers/Microsoft.Network/privateDnsZones/`))).toBe(true);
    const zoneIds = all
      .filter((r) => r.type === 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups')
      .flatMap((g) => (g.properties.privateDnsZoneConfigs as Json[]).map((c) => (c.properties as Json).privateDnsZoneId as string));
    expect(zoneIds.length).toBeGreaterThan(8);
    expect(zoneIds.every((id) => id.startsWith(`${hubGroup}/providers/Microsoft.Network/privateDnsZones/privatelink.`))).toBe(true);
    const links = all.filter((r) => r.type === 'Microsoft.Network/privateDnsZones/virtualNetworkLinks');
    for (const zoneId of new Set(zoneIds)) {
      expect(links.find((l) => l.id.startsWith(`${zoneId}/virtualNetworkLinks/`))?.properties, zoneId).toEqual({ registrationEnabled: false, virtualNetwork: { id: spokeId } });
    }
  });

  it('lets only the control plane\'s subnet reach the private endpoints from the hub, on 443', () => {
    const endpoints = resources().find((r) => r.type === 'Microsoft.Network/networkSecurityGroups' && r.name === 'nsg-sample-endpoints')!;
    const rules = (endpoints.properties.securityRules as Json[]).map((r) => ({ name: r.name, ...(r.properties as Json) }));
    const inboundAllows = rules.filter((r) => r.direction === 'Inbound' && r.access === 'Allow');
    expect(inboundAllows).toEqual([
      expect.objectContaining({ name: 'allow-control-plane-https-inbound', protocol: 'Tcp', sourceAddressPrefix: '10.0.0.0/23', destinationAddressPrefix: '10.20.1.0/24', destinationPortRange: '443' }),
      expect.objectContaining({ name: 'allow-compute-inbound', sourceAddressPrefix: '10.20.0.0/24', destinationAddressPrefix: '10.20.1.0/24' }),
    ]);
    // Everything else peered (the rest of the hub) is denied before the default AllowVnetInBound (65000).
    expect(rules).toContainEqual(expect.objectContaining({ direction: 'Inbound', access: 'Deny', sourceAddressPrefix: 'VirtualNetwork', priority: 4010 }));
  });

  it('lets the control plane\'s identity use the secure storage account and the vault\'s secrets, and nothing else of the project', () => {
    const all = resources();
    const principal = SAMPLE_PROJECT_PARAMETERS.controlPlanePrincipalId;
    const grants = all.filter((r) => r.type === 'Microsoft.Authorization/roleAssignments' && r.properties.principalId === principal);
    const secure = all.find((r) => r.type === 'Microsoft.Storage/storageAccounts' && r.name.startsWith('stsec'))!;
    const vault = all.find((r) => r.type === 'Microsoft.KeyVault/vaults' && !r.existing)!;
    expect(grants.map((g) => [g.scope, String(g.properties.roleDefinitionId).split('/').pop()])).toEqual([
      [secure.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'], // Storage Blob Data Contributor
      [vault.id, 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'], // Key Vault Secrets Officer: delivers the workspace-agent credential
    ]);
  });

  it('lets each project VM\'s own identity read its workspace-agent credential secret, and no other secret of the vault', () => {
    const all = resources();
    const vault = all.find((r) => r.type === 'Microsoft.KeyVault/vaults' && !r.existing)!;
    const secret = all.find((r) => r.type === 'Microsoft.KeyVault/vaults/secrets' && r.name.endsWith('/workspace-agent-credential'))!;
    expect(secret.id.startsWith(`${vault.id}/secrets/`)).toBe(true);
    const vms = all.filter((r) => r.type === 'Microsoft.Compute/virtualMachines' && !r.existing);
    expect(vms.length).toBeGreaterThan(0);
    // The expander leaves each VM's principal id as the VM module's own reference (filled in by ARM at deployment).
    const vmGrants = all.filter((r) => r.type === 'Microsoft.Authorization/roleAssignments' && r.properties.principalId === "⟨reference('vm').identity.principalId⟩");
    expect(vmGrants.map((g) => [g.scope, String(g.properties.roleDefinitionId).split('/').pop(), g.properties.principalType])).toEqual(
      vms.map(() => [secret.id, '4633458b-17de-408a-b874-0445c86b69e6', 'ServicePrincipal']), // Key Vault Secrets User
    );
    // The vault also holds the VMs' break-glass admin password: no VM identity may hold a role on the vault itself.
    expect(vmGrants.filter((g) => g.scope === vault.id)).toEqual([]);
    expect(new Set(vmGrants.map((g) => g.id)).size).toBe(vms.length);
  });

  it('keeps the VMs out of the hub: outbound only to their own network before the peered networks are denied', () => {
    const compute = resources().find((r) => r.type === 'Microsoft.Network/networkSecurityGroups' && r.name === 'nsg-sample-compute')!;
    const outbound = (compute.properties.securityRules as Json[]).map((r) => ({ name: r.name, ...(r.properties as Json) })).filter((r) => r.direction === 'Outbound');
    expect(outbound.find((r) => r.name === 'allow-project-network-outbound')).toMatchObject({ access: 'Allow', destinationAddressPrefix: '10.20.0.0/22', priority: 300 });
    expect(outbound.find((r) => r.name === 'deny-virtual-network-outbound')).toMatchObject({ access: 'Deny', destinationAddressPrefix: 'VirtualNetwork', priority: 4010 });
  });

  it('lets traffic leave the project network only to the session-host service tags and, on HTTPS 443, the worker\'s gateway', () => {
    const rules = resources()
      .filter((r) => r.type === 'Microsoft.Network/networkSecurityGroups')
      .flatMap((nsg) => (nsg.properties.securityRules as Json[]).map((r) => ({ nsg: nsg.name, name: r.name as string, ...(r.properties as Json) })));
    const allows = rules.filter((r) => r.access === 'Allow');
    const projectRange = '10.20.0.0/22'; // the template default, which the sample keeps
    const farEnd = (r: Json): string => String(r.direction === 'Inbound' ? r.sourceAddressPrefix : r.destinationAddressPrefix);
    // No allow rule opens the internet, or the VirtualNetwork tag (which takes in the whole hub once peered).
    expect(allows.filter((r) => ['internet', '*', '0.0.0.0/0', 'virtualnetwork'].includes(farEnd(r).toLowerCase()))).toEqual([]);
    const serviceTags = ['WindowsVirtualDesktop', 'AzureFrontDoor.FirstParty', 'AzureActiveDirectory', 'AzureMonitor', 'AzureUpdateDelivery'];
    const leaving = allows.filter((r) => r.direction === 'Outbound' && !serviceTags.includes(farEnd(r)) && !cidrWithin(farEnd(r), projectRange));
    expect(leaving.map((r) => [r.nsg, r.name, r.protocol, r.sourceAddressPrefix, r.destinationAddressPrefix, r.destinationPortRange])).toEqual([
      ['nsg-sample-compute', 'allow-gateway-https-outbound', 'Tcp', '10.20.0.0/24', '10.0.0.0/23', '443'],
    ]);
    // It wins over the deny of everything peered; the hub's side lets project networks reach only the gateway's app.
    const deny = rules.find((r) => r.nsg === 'nsg-sample-compute' && r.name === 'deny-virtual-network-outbound')!;
    expect(leaving[0]!.priority as number).toBeLessThan(deny.priority as number);
    // Into the project, from outside it: only the control plane's HTTPS to the endpoints (unchanged).
    const entering = allows.filter((r) => r.direction === 'Inbound' && !cidrWithin(farEnd(r), projectRange));
    expect(entering.map((r) => [r.nsg, r.name])).toEqual([['nsg-sample-endpoints', 'allow-control-plane-https-inbound']]);
  });

  it('links the project network to the hub\'s zone of the Container Apps environment, so the VMs resolve the gateway', () => {
    const expanded = expandArmTemplate(loadProjectTemplate(), { parameters: { ...SAMPLE_PROJECT_PARAMETERS } });
    const spokeId = expanded.resources.find((r) => r.type === 'Microsoft.Network/virtualNetworks')!.id;
    const zoneId = `${hubId.replace(/\/providers\/.*$/, '')}/providers/Microsoft.Network/privateDnsZones/${String(SAMPLE_PROJECT_PARAMETERS.controlPlaneDnsZoneName)}`;
    expect(expanded.resources.find((r) => r.type === 'Microsoft.Network/privateDnsZones' && r.id === zoneId)?.existing).toBe(true);
    const link = expanded.resources.find((r) => r.type === 'Microsoft.Network/privateDnsZones/virtualNetworkLinks' && r.id.startsWith(`${zoneId}/virtualNetworkLinks/`));
    expect(link?.properties).toEqual({ registrationEnabled: false, virtualNetwork: { id: spokeId } });
    // Decommissioning deletes the links it finds in this output.
    expect(expanded.outputs.hubPrivateDnsZoneLinkResourceIds).toContain(link!.id);
  });

  it('reports a peering to another network than the hub', () => {
    const template = loadProjectTemplate();
    (template.resources as Json).extraPeering = {
      type: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
      apiVersion: '2025-05-01',
      name: "[format('{0}/{1}', variables('names').vnet, 'peer-other')]",
      properties: { remoteVirtualNetwork: { id: '/subscriptions/x/resourceGroups/rg-other/providers/Microsoft.Network/virtualNetworks/vnet-other' }, allowVirtualNetworkAccess: true },
    };
    const violations = checkProjectInvariants(template);
    expect(ids(violations)).toEqual(['spoke-peered-to-hub-only']);
    expect(violations.map((v) => v.message)).toEqual([
      'peering vnet-sample/peer-other connects the project network to /subscriptions/x/resourceGroups/rg-other/providers/Microsoft.Network/virtualNetworks/vnet-other, not the hub',
      'the network has 2 peering(s); it needs exactly one, to the hub',
    ]);
  });

  it('reports a project network the hub does not peer back to, and a peering that forwards traffic', () => {
    const template = loadProjectTemplate();
    delete (template.resources as Json).peeringFromHub;
    const peeringModule = (module(template, 'peeringToHub').properties as Json).template as Json;
    const [peering] = Object.values(peeringModule.resources as Record<string, { type: string; properties: Json }>).filter((r) => r.type === 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings');
    peering!.properties.allowForwardedTraffic = true;
    expect(about(checkProjectInvariants(template), 'spoke-peered-to-hub-only').map((v) => v.message)).toEqual([
      'peering vnet-sample/peer-hub sets allowForwardedTraffic',
      'the hub has no peering back to the network',
    ]);
  });

  it('reports a project network that is not peered at all', () => {
    const template = loadProjectTemplate();
    delete (template.resources as Json).peeringToHub;
    delete (template.resources as Json).peeringFromHub;
    delete (template.outputs as Json).hubPeeringResourceId;
    expect(checkProjectInvariants(template).map((v) => v.message)).toEqual([
      'the network has 0 peering(s); it needs exactly one, to the hub',
      'the hub has no peering back to the network',
    ]);
  });

  it('reports endpoints whose hub DNS zones are linked to another network than the project\'s', () => {
    const template = loadProjectTemplate();
    const params = (module(template, 'hubDnsZoneLinks').properties as Json).parameters as Json;
    params.virtualNetworkResourceId = { value: '/subscriptions/x/resourceGroups/rg-other/providers/Microsoft.Network/virtualNetworks/vnet-other' };
    const violations = checkProjectInvariants(template);
    expect(ids(violations)).toEqual(['private-endpoint-with-dns-zone-group']);
    expect(violations.length).toBeGreaterThan(8);
    expect(violations.every((v) => /^private DNS zone privatelink\.[a-z.]+ is not linked to a virtual network the template deploys$/.test(v.message))).toBe(true);
  });

  it('reports endpoints registering in hub DNS zones the project network is not linked to at all', () => {
    const template = loadProjectTemplate();
    delete (template.resources as Json).hubDnsZoneLinks;
    delete (template.outputs as Json).hubPrivateDnsZoneLinkResourceIds;
    const violations = checkProjectInvariants(template);
    expect(ids(violations)).toEqual(['private-endpoint-with-dns-zone-group']);
    expect(violations.every((v) => /points at \/subscriptions\/.+\/privateDnsZones\/privatelink\.[a-z.]+, which the template neither deploys nor links to one of its networks$/.test(v.message))).toBe(true);
  });
});

describe('platform template invariants', () => {
  it('holds every platform invariant', () => {
    expect(checkPlatformInvariants(loadPlatformTemplate())).toEqual([]);
  });

  it('holds them for the NIST SP 800-53 initiative too', () => {
    const parameters = { ...SAMPLE_PLATFORM_PARAMETERS, regulatoryInitiative: 'nist-sp-800-53-r5' };
    const assignment = expandArmTemplate(loadPlatformTemplate(), { parameters }).resources.find((r) => r.type === 'Microsoft.Authorization/policyAssignments');
    expect(assignment?.properties.policyDefinitionId).toBe('/providers/Microsoft.Authorization/policySetDefinitions/179d1daa-458f-4e47-8086-2a68d0d6c38f');
    expect(checkPlatformInvariants(loadPlatformTemplate(), { parameters })).toEqual([]);
  });

  it('holds the central private DNS zones every project registers in, linked to the hub', () => {
    const resources = expandArmTemplate(loadPlatformTemplate(), { parameters: { ...SAMPLE_PLATFORM_PARAMETERS } }).resources;
    const hub = resources.find((r) => r.type === 'Microsoft.Network/virtualNetworks')!;
    const zones = resources.filter((r) => r.type === 'Microsoft.Network/privateDnsZones' && r.name.startsWith('privatelink.')).map((z) => z.name);
    expect(zones).toEqual(expect.arrayContaining([
      'privatelink.blob.core.windows.net',
      'privatelink.dfs.core.windows.net',
      'privatelink.file.core.windows.net',
      'privatelink.vaultcore.azure.net',
      'privatelink.api.azureml.ms',
      'privatelink.notebooks.azure.net',
      'privatelink.sql.azuresynapse.net',
      'privatelink.dev.azuresynapse.net',
    ]));
    for (const zone of zones) {
      expect(resources.some((l) => l.type === 'Microsoft.Network/privateDnsZones/virtualNetworkLinks' && l.name.startsWith(`${zone}/`) && (l.properties.virtualNetwork as Json).id === hub.id), zone).toBe(true);
    }
  });

  it('lets project networks into the hub only to the control plane\'s subnet on HTTPS 443, and denies them the rest', () => {
    const resources = expandArmTemplate(loadPlatformTemplate(), { parameters: { ...SAMPLE_PLATFORM_PARAMETERS } }).resources;
    const nsg = resources.find((r) => r.type === 'Microsoft.Network/networkSecurityGroups')!;
    const rules = (nsg.properties.securityRules as Json[]).map((r) => ({ name: r.name, ...(r.properties as Json) }));
    expect(rules.filter((r) => r.access === 'Allow')).toEqual([
      expect.objectContaining({ name: 'allow-project-gateway-https-inbound', direction: 'Inbound', protocol: 'Tcp', sourceAddressPrefix: '10.64.0.0/10', destinationAddressPrefix: '10.0.0.0/23', destinationPortRange: '443', priority: 100 }),
    ]);
    expect(rules).toContainEqual(expect.objectContaining({ name: 'deny-project-networks-inbound', direction: 'Inbound', access: 'Deny', sourceAddressPrefix: '10.64.0.0/10', destinationAddressPrefix: '*', priority: 4010 }));
    // One NSG guards every hub subnet, so the database and the endpoints take nothing from project networks.
    const subnets = (resources.find((r) => r.type === 'Microsoft.Network/virtualNetworks')!.properties.subnets as Json[]);
    expect(subnets.map((x) => ((x.properties as Json).networkSecurityGroup as Json).id)).toEqual(subnets.map(() => nsg.id));
  });

  it('admits project networks to the worker\'s ingress and refuses them at the API\'s and the portal\'s', () => {
    const resources = expandArmTemplate(loadPlatformTemplate(), { parameters: { ...SAMPLE_PLATFORM_PARAMETERS, spokeAddressPool: '10.128.0.0/12' } }).resources;
    const ingress = (name: string) => (resources.find((r) => r.type === 'Microsoft.App/containerApps' && r.name === name)!.properties.configuration as Json).ingress as Json;
    const rules = (name: string) => (ingress(name).ipSecurityRestrictions as Json[]).map((r) => [r.action, r.ipAddressRange]);
    // In an internal environment "external" is the virtual network; the allow list narrows it to the API's subnet and the projects.
    expect(ingress('ca-sample-worker')).toMatchObject({ external: true, allowInsecure: false });
    expect(rules('ca-sample-worker')).toEqual([['Allow', '10.0.0.0/23'], ['Allow', '10.128.0.0/12']]);
    expect(rules('ca-sample-api')).toEqual([['Deny', '10.128.0.0/12']]);
    expect(rules('ca-sample-portal')).toEqual([['Deny', '10.128.0.0/12']]);
    const nsg = resources.find((r) => r.type === 'Microsoft.Network/networkSecurityGroups')!;
    expect((nsg.properties.securityRules as Json[]).filter((r) => (r.properties as Json).sourceAddressPrefix === '10.128.0.0/12')).toHaveLength(2);
  });

  it('holds a private DNS zone for the Container Apps environment\'s domain, linked to the hub, every name on its static IP', () => {
    const resources = expandArmTemplate(loadPlatformTemplate(), { parameters: { ...SAMPLE_PLATFORM_PARAMETERS } }).resources;
    const hub = resources.find((r) => r.type === 'Microsoft.Network/virtualNetworks')!;
    const domain = "⟨reference('environment').defaultDomain⟩";
    expect(resources.filter((r) => r.type === 'Microsoft.Network/privateDnsZones' && r.name === domain && !r.existing)).toHaveLength(1);
    expect(resources.find((r) => r.type === 'Microsoft.Network/privateDnsZones/virtualNetworkLinks' && r.name.startsWith(`${domain}/`))?.properties).toEqual({
      registrationEnabled: false,
      virtualNetwork: { id: hub.id },
    });
    expect(resources.find((r) => r.type === 'Microsoft.Network/privateDnsZones/A' && r.name === `${domain}/*`)?.properties).toMatchObject({
      aRecords: [{ ipv4Address: "⟨reference('environment').staticIp⟩" }],
    });
  });

  it('reports a hub NSG rule that lets the internet in', () => {
    const template = loadPlatformTemplate();
    const params = (module(template, 'nsgHub').properties as Json).parameters as Json;
    const rules = (params.securityRules as { value: Json[] }).value;
    rules.push({ name: 'allow-https', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: '*', destinationAddressPrefix: '*', destinationPortRange: '443' });
    expect(checkPlatformInvariants(template)).toEqual([
      expect.objectContaining({ invariant: 'nsg-no-internet-allow', resourceName: 'nsg-cloister-sample-hub', message: 'inbound Allow rule allow-https from *' }),
    ]);
  });

  it('keeps the public account free of keys and anonymous access', () => {
    const account = expandArmTemplate(loadPlatformTemplate(), { parameters: { ...SAMPLE_PLATFORM_PARAMETERS } }).resources.find(
      (r) => r.type === 'Microsoft.Storage/storageAccounts',
    );
    expect(account?.properties).toMatchObject({ allowSharedKeyAccess: false, allowBlobPublicAccess: false, minimumTlsVersion: 'TLS1_2', publicNetworkAccess: 'Enabled' });
  });

  it('deploys the airlock pipelines as copy activities through the managed virtual network', () => {
    const resources = expandArmTemplate(loadPlatformTemplate(), { parameters: { ...SAMPLE_PLATFORM_PARAMETERS } }).resources;
    const pipelines = resources.filter((r) => r.type === 'Microsoft.DataFactory/factories/pipelines');
    expect(pipelines.map((p) => p.name.split('/').pop()).sort()).toEqual(['cloister-egress', 'cloister-ingress']);
    const activityOf = (name: string) => (pipelines.find((p) => p.name.endsWith(`/${name}`))?.properties.activities as Json[])[0];
    // Ingress copies one named file and never deletes: the worker deletes originals only after verifying the copy.
    expect(activityOf('cloister-ingress')).toMatchObject({ type: 'Copy', typeProperties: { source: { storeSettings: { deleteFilesAfterCompletion: false, recursive: false } } } });
    // Egress moves the approved request's folder, leaving nothing behind in the export area.
    expect(activityOf('cloister-egress')).toMatchObject({ type: 'Copy', typeProperties: { source: { storeSettings: { deleteFilesAfterCompletion: true } } } });
    expect(resources.find((r) => r.type === 'Microsoft.DataFactory/factories/integrationRuntimes')?.properties).toMatchObject({
      type: 'Managed',
      managedVirtualNetwork: { referenceName: 'default' },
    });
    expect(resources.filter((r) => r.type === 'Microsoft.DataFactory/factories/managedVirtualNetworks/managedPrivateEndpoints')).toHaveLength(1);
    const trigger = resources.find((r) => r.type === 'Microsoft.Logic/workflows');
    expect(((trigger?.properties.definition as Json).triggers as Json).manual).toMatchObject({ type: 'Request', kind: 'Http' });
  });

  it('reports a public Container Apps environment, a Key Vault opened up and missing Sentinel onboarding', () => {
    const template = loadPlatformTemplate();
    for (const e of declarations(template, 'Microsoft.App/managedEnvironments')) ((e.properties as Json).vnetConfiguration as Json).internal = false;
    for (const v of declarations(template, 'Microsoft.KeyVault/vaults')) (v.properties as Json).publicNetworkAccess = 'Enabled';
    removeDeclarations(template, 'Microsoft.SecurityInsights/onboardingStates');
    expect(ids(checkPlatformInvariants(template)).sort()).toEqual(['control-plane-private', 'platform-security-services', 'public-network-access-disabled']);
  });

  it('reports a credential handed to a container app as a plain environment variable', () => {
    const template = loadPlatformTemplate();
    const apps = declarations(template, 'Microsoft.App/containerApps');
    expect(apps.length).toBeGreaterThan(0);
    for (const app of apps) {
      const container = (((app.properties as Json).template as Json).containers as Json[])[0]!;
      // The env list is a property copy loop in the compiled JSON; append a plain value after it.
      container.env = "[concat(createArray(createObject('name', 'REDIS_URL', 'value', 'rediss://:k3y@cache:6380')), createArray())]";
    }
    expect(about(checkPlatformInvariants(template), 'control-plane-private').map((v) => v.message)).toContain('environment variable REDIS_URL holds a credential as a plain value');
  });

  it('reports a missing regulatory initiative and Defender plans left on Free', () => {
    const template = loadPlatformTemplate();
    removeDeclarations(template, 'Microsoft.Authorization/policyAssignments');
    for (const p of declarations(template, 'Microsoft.Security/pricings')) (p.properties as Json).pricingTier = 'Free';
    const violations = about(checkPlatformInvariants(template), 'platform-security-services');
    expect(violations.some((v) => v.message.includes('HIPAA HITRUST or NIST'))).toBe(true);
    expect(violations.filter((v) => v.message === 'pricing tier is "Free"').length).toBeGreaterThanOrEqual(5);
  });
});

describe('invariant catalogue', () => {
  it('describes every invariant id the checkers report, with regulatory controls', () => {
    const ids = SECURITY_INVARIANTS.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const i of SECURITY_INVARIANTS) {
      expect(i.controls.hipaa.length).toBeGreaterThan(0);
      expect(i.controls.nist80053.length).toBeGreaterThan(0);
    }
  });
});
