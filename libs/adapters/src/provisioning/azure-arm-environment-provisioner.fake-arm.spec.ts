// The azure driver through the real @azure/arm-resources SDK against an in-process FAKE of the ARM REST API.
import type { ProjectEnvironmentSpec, ProvisioningStep } from '@cloister/domain';
import { loadProjectTemplate, SAMPLE_PROJECT_PARAMETERS } from '@cloister/infra-templates';
import { AddressRangeReservationsRepository, ProjectsRepository, UsersRepository } from '@cloister/persistence';
import { createTestDatabase, type TestDatabase } from '@cloister/persistence/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeArmServer } from '../azure-fakes/fake-arm-server';
import { FakeTokenCredential } from '../azure-fakes/fake-token-credential';
import { ArmDeploymentError } from './arm-deployment-error';
import { AzureArmEnvironmentProvisioner } from './azure-arm-environment-provisioner';
import { projectKeyFromSlug } from './project-template-parameters';

const SUBSCRIPTION = '11111111-2222-3333-4444-555555555555';
const HOST = 'https://management.azure.com';
const API = '2025-03-01';
const KEY = projectKeyFromSlug('genomics-2024');
const RG_PATH = `/subscriptions/${SUBSCRIPTION}/resourcegroups/rg-cloister-genomics-2024`;
const DEPLOYMENT_PATH = `${RG_PATH}/providers/Microsoft.Resources/deployments/cloister-genomics-2024`;

const platformParameters = {
  logAnalyticsWorkspaceResourceId: SAMPLE_PROJECT_PARAMETERS['logAnalyticsWorkspaceResourceId'],
  dataFactoryResourceId: SAMPLE_PROJECT_PARAMETERS['dataFactoryResourceId'],
  dataFactoryPrincipalId: SAMPLE_PROJECT_PARAMETERS['dataFactoryPrincipalId'],
  hubVirtualNetworkResourceId: SAMPLE_PROJECT_PARAMETERS['hubVirtualNetworkResourceId'],
  controlPlaneSubnetAddressPrefix: SAMPLE_PROJECT_PARAMETERS['controlPlaneSubnetAddressPrefix'],
  controlPlaneDnsZoneName: SAMPLE_PROJECT_PARAMETERS['controlPlaneDnsZoneName'],
  controlPlanePrincipalId: SAMPLE_PROJECT_PARAMETERS['controlPlanePrincipalId'],
};

// The project id is replaced by a real project's once the database is up (reservations reference projects).
let spec: ProjectEnvironmentSpec = {
  projectId: '',
  projectSlug: 'genomics-2024',
  tier: 3,
  parameters: { vmCount: 2, vmAdminUsername: 'cloisteradmin', vmAdminPassword: 'not-a-real-password-1!' },
};

const HUB_ID = platformParameters.hubVirtualNetworkResourceId as string;
const NETWORK_API = '2025-05-01';
const network = (id: string, addressPrefix: string) => ({
  type: 'Microsoft.Network/virtualNetworks',
  name: id.split('/').pop()!,
  id,
  apiVersion: NETWORK_API,
  properties: { addressSpace: { addressPrefixes: [addressPrefix] } },
});

const pathOf = (p: string) => new RegExp(`^${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'i');

describe('AzureArmEnvironmentProvisioner against a fake ARM', () => {
  let arm: FakeArmServer;
  let credential: FakeTokenCredential;
  let provisioner: AzureArmEnvironmentProvisioner;
  let t: TestDatabase;
  let reservations: AddressRangeReservationsRepository;
  const template = loadProjectTemplate();
  const newProject = async (name: string) => {
    const admin = await new UsersRepository(t.db).ensureByEmail('admin@example.org', 'Admin');
    return (await new ProjectsRepository(t.db).create({ name, description: '', tier: 3, checkersRequired: 2, createdBy: admin.id }, t.db)).id;
  };
  const provisionerWith = (options: { spokeAddressPool?: string } = {}) => new AzureArmEnvironmentProvisioner({
    credential, subscriptionId: SUBSCRIPTION, location: 'uksouth', template, platformParameters, httpClient: arm, pollIntervalMs: 0, reservations, ...options,
  });

  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    reservations = new AddressRangeReservationsRepository(t.db);
    spec = { ...spec, projectId: await newProject('Genomics 2024') };
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    await t.db.deleteFrom('address_range_reservations').execute();
    arm = new FakeArmServer({ pollsBeforeDone: 3 });
    credential = new FakeTokenCredential();
    provisioner = provisionerWith();
    // The platform's hub, which every project network is peered with.
    arm.seedResource(network(HUB_ID, '10.0.0.0/22'));
  });

  const deploy = async () => {
    const reports: (readonly ProvisioningStep[])[] = [];
    const result = await provisioner.deploy(spec, async (steps) => {
      reports.push(steps);
    });
    return { result, reports };
  };

  it('creates a tagged resource group and PUTs an Incremental deployment of the project template', async () => {
    await deploy();

    expect(credential.requestedScopes).toContain('https://management.azure.com/.default');
    const [groupPut] = arm.requestsTo('PUT', pathOf(RG_PATH));
    expect(groupPut.url).toBe(`${HOST}${RG_PATH}?api-version=${API}`);
    expect(groupPut.body).toEqual({ location: 'uksouth', tags: { 'cloister-project': spec.projectId } });

    const puts = arm.requestsTo('PUT', pathOf(DEPLOYMENT_PATH));
    expect(puts).toHaveLength(1);
    expect(puts[0].url).toBe(`${HOST}${DEPLOYMENT_PATH}?api-version=${API}`);
    const body = puts[0].body as { properties: { mode: string; template: unknown; parameters: Record<string, { value: unknown }> } };
    expect(body.properties.mode).toBe('Incremental');
    expect(body.properties.template).toEqual(template);
    expect(body.properties.parameters).toEqual({
      projectKey: { value: KEY },
      tags: { value: { 'cloister-project': spec.projectId, 'cloister-tier': '3' } },
      vmCount: { value: 2 },
      vmAdminUsername: { value: 'cloisteradmin' },
      vmAdminPassword: { value: 'not-a-real-password-1!' },
      addressPrefix: { value: '10.64.0.0/22' },
      ...Object.fromEntries(Object.entries(platformParameters).map(([k, v]) => [k, { value: v }])),
    });
    // The spoke is peered with the platform's hub and admits the control plane's subnet: both come from the platform.
    expect(body.properties.parameters.hubVirtualNetworkResourceId).toEqual({ value: expect.stringMatching(/\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+$/) });
    expect(body.properties.parameters.controlPlaneSubnetAddressPrefix).toEqual({ value: '10.0.0.0/23' });
    // Every ARM call carries the api-version the SDK pins, except reads of networks by id (the network RP's).
    expect(arm.requests.filter((r) => r.apiVersion !== API).map((r) => [r.method, r.path, r.apiVersion])).toEqual([
      ['GET', `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-cloister-genomics-2024/providers/Microsoft.Network/virtualNetworks/vnet-${KEY}`, NETWORK_API],
      ['GET', HUB_ID, NETWORK_API],
    ]);
  });

  it('polls the async operation until the deployment succeeds, then reads the deployment', async () => {
    await deploy();
    const statusPolls = arm.requestsTo('GET', new RegExp(`^${DEPLOYMENT_PATH}/operationStatuses/`, 'i'));
    expect(statusPolls).toHaveLength(4); // 3 × Running, then Succeeded
    expect(statusPolls[0].url).toMatch(new RegExp(`^${HOST}${DEPLOYMENT_PATH}/operationStatuses/[^?]+\\?api-version=${API}$`, 'i'));
    expect(arm.requestsTo('GET', pathOf(DEPLOYMENT_PATH)).length).toBeGreaterThanOrEqual(1);
    expect(arm.requestsTo('GET', pathOf(`${RG_PATH}/deployments/cloister-genomics-2024/operations`)).length).toBeGreaterThanOrEqual(4);
    const whatIfPolls = arm.requestsTo('GET', /\/providers\/Microsoft\.Resources\/locations\/uksouth\/operationResults\//i);
    expect(whatIfPolls).toHaveLength(4);
    expect(arm.requestsTo('POST', pathOf(`${DEPLOYMENT_PATH}/whatIf`))).toHaveLength(1);
  });

  it('reports steps in order and ends with every step succeeded', async () => {
    const { reports } = await deploy();
    const last = reports[reports.length - 1];
    expect(last.slice(0, 4).map((s) => s.name)).toEqual(['resource group', 'network address space', 'what-if', 'deployment']);
    expect(last[1]?.detail).toBe('project network 10.64.0.0/22');
    expect(last.every((s) => s.status === 'succeeded')).toBe(true);
    const resourceSteps = last.filter((s) => s.name.startsWith('resource '));
    expect(resourceSteps.map((s) => s.name)).toEqual(expect.arrayContaining(['resource vnet', 'resource storage-secure', 'resource machine-learning', 'resource vm-0', 'resource vm-1', 'resource avd-host-pool']));
    // While polling, some operations were seen running before they finished.
    expect(reports.some((r) => r.some((s) => s.name.startsWith('resource ') && s.status === 'running'))).toBe(true);
    expect(last.find((s) => s.name === 'what-if')?.detail).toMatch(/^\d+ of \d+ resources change$/);
  });

  it('returns flattened outputs and the output resources', async () => {
    const { result } = await deploy();
    expect(Object.keys(result.outputs).sort()).toEqual(Object.keys(template.outputs ?? {}).sort());
    expect(result.outputs['hostPoolName']).toBe(`vdpool-${KEY}`);
    expect(result.outputs['vmNames']).toEqual([`dsvm${KEY}00`, `dsvm${KEY}01`]);
    expect(result.outputs['containers']).toEqual({ import: 'import', export: 'export', workspace: 'workspace' });
    const vnet = result.resources.find((r) => r.type === 'Microsoft.Network/virtualNetworks');
    expect(vnet).toEqual({
      type: 'Microsoft.Network/virtualNetworks',
      name: `vnet-${KEY}`,
      id: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-cloister-genomics-2024/providers/Microsoft.Network/virtualNetworks/vnet-${KEY}`,
      simulated: false,
    });
    expect(result.resources.some((r) => r.type === 'Microsoft.MachineLearningServices/workspaces/computes' && r.name === `mlw-${KEY}/cpu-cluster`)).toBe(true);
  });

  it('is idempotent: a second deploy PUTs the same deployment name and duplicates nothing', async () => {
    const first = await deploy();
    const resourcesAfterFirst = [...arm.resources.keys()].sort();
    const second = await deploy();

    const puts = arm.requestsTo('PUT', pathOf(DEPLOYMENT_PATH));
    expect(puts).toHaveLength(2);
    expect(puts[0].url).toBe(puts[1].url);
    expect([...arm.resources.keys()].sort()).toEqual(resourcesAfterFirst);
    expect(second.result).toEqual(first.result);
    expect(new Set(second.result.resources.map((r) => r.id)).size).toBe(second.result.resources.length);
  });

  it('previews Create for everything first and NoChange once deployed', async () => {
    const before = await provisioner.preview(spec);
    expect(before.changes.length).toBeGreaterThan(40);
    expect(before.changes.every((c) => c.changeType === 'Create')).toBe(true);
    expect(before.changes).toContainEqual({ resourceType: 'Microsoft.KeyVault/vaults', name: expect.stringMatching(new RegExp(`^kv-${KEY}-`)), changeType: 'Create' });

    await deploy();
    const after = await provisioner.preview(spec);
    expect(after.changes.every((c) => c.changeType === 'NoChange')).toBe(true);
  });

  it('surfaces the ARM error code of a failed deployment and marks the step failed', async () => {
    arm.failDeployments({ code: 'QuotaExceeded', message: 'Operation could not be completed as it results in exceeding approved standardDSv5Family Cores quota.' });
    const reports: (readonly ProvisioningStep[])[] = [];
    const failure = await provisioner.deploy(spec, async (steps) => void reports.push(steps)).then(
      () => null,
      (e: unknown) => e,
    );

    expect(failure).toBeInstanceOf(ArmDeploymentError);
    const error = failure as ArmDeploymentError;
    expect(error.code).toBe('DeploymentFailed');
    expect(error.rootCode).toBe('QuotaExceeded');
    expect(error.message).toContain('QuotaExceeded: Operation could not be completed');
    const last = reports[reports.length - 1];
    expect(last.find((s) => s.name === 'deployment')?.status).toBe('failed');
    expect(last.some((s) => s.name.startsWith('resource ') && s.status === 'failed' && s.detail?.startsWith('QuotaExceeded'))).toBe(true);

    // A retry once the cause is fixed converges on the same deployment.
    arm.failDeployments(null);
    const { result } = await deploy();
    expect(result.outputs['hostPoolName']).toBe(`vdpool-${KEY}`);
    expect(arm.requestsTo('PUT', pathOf(DEPLOYMENT_PATH))).toHaveLength(2);
  });

  it('rejects parameters the template does not declare before calling ARM', async () => {
    await expect(provisioner.preview({ ...spec, parameters: { ...spec.parameters, vmSizes: 'x' } })).rejects.toThrow(/declares no parameter\(s\): vmSizes/);
  });

  it('stops at the what-if step with ARM\'s InvalidTemplate when a required parameter is missing', async () => {
    const reports: (readonly ProvisioningStep[])[] = [];
    const withoutPassword = { ...spec, parameters: { vmCount: 2, vmAdminUsername: 'cloisteradmin' } };
    const failure = await provisioner.deploy(withoutPassword, async (steps) => void reports.push(steps)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(ArmDeploymentError);
    expect((failure as ArmDeploymentError).code).toBe('InvalidTemplate');
    expect((failure as ArmDeploymentError).message).toContain("'vmAdminPassword'");
    expect(reports[reports.length - 1].map((s) => [s.name, s.status])).toEqual([
      ['resource group', 'succeeded'],
      ['network address space', 'succeeded'],
      ['what-if', 'failed'],
    ]);
    expect(arm.requestsTo('PUT', pathOf(DEPLOYMENT_PATH))).toHaveLength(0);
  });

  it('destroys by deleting the resource group, polling until it is gone', async () => {
    await deploy();
    expect(arm.resources.size).toBeGreaterThan(0);
    await provisioner.destroy(spec);

    const [del] = arm.requestsTo('DELETE', pathOf(RG_PATH));
    expect(del.url).toBe(`${HOST}${RG_PATH}?api-version=${API}`);
    expect(arm.requestsTo('GET', new RegExp(`^/subscriptions/${SUBSCRIPTION}/operationresults/`, 'i'))).toHaveLength(4);
    expect(arm.resourceGroups.size).toBe(0);
    expect([...arm.resources.keys()].filter((id) => id.includes('/resourcegroups/rg-cloister-genomics-2024/'))).toEqual([]);
  });

  it('gives a new project network the first /22 free of the hub and of every network peered with it, and keeps it', async () => {
    // Another project is already peered with the hub and holds the pool's first block.
    const other = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-cloister-other/providers/Microsoft.Network/virtualNetworks/vnet-other`;
    arm.seedResource(network(other, '10.64.0.0/22'));
    arm.seedResource({
      type: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
      name: 'vnet-cloister-hub/spoke-other',
      id: `${HUB_ID}/virtualNetworkPeerings/spoke-other`,
      apiVersion: NETWORK_API,
      properties: { remoteVirtualNetwork: { id: other } },
    });
    const sentPrefixes = () =>
      arm.requestsTo('PUT', pathOf(DEPLOYMENT_PATH)).map((r) => (r.body as { properties: { parameters: { addressPrefix: { value: string } } } }).properties.parameters.addressPrefix.value);

    await deploy();
    expect(sentPrefixes()).toEqual(['10.64.4.0/22']);
    // The hub now has this project's peering too, and a redeploy keeps the network's range.
    await deploy();
    expect(sentPrefixes()).toEqual(['10.64.4.0/22', '10.64.4.0/22']);

    // A range set in the spec wins over the allocation.
    await provisioner.deploy({ ...spec, parameters: { ...spec.parameters, addressPrefix: '10.99.0.0/22' } }, async () => undefined);
    expect(sentPrefixes()[2]).toBe('10.99.0.0/22');
  });

  it('gives two projects provisioned at the same moment different ranges, reserved before either network is peered', async () => {
    const other: ProjectEnvironmentSpec = { ...spec, projectId: await newProject('Cardiology'), projectSlug: 'cardiology' };
    const prefixOf = async (s: ProjectEnvironmentSpec) => {
      await provisioner.preview(s);
      return reservations.reservedFor(s.projectId);
    };
    // Neither network exists yet, so the hub's peerings tell neither about the other.
    const [a, b] = await Promise.all([prefixOf(spec), prefixOf(other)]);
    expect(new Set([a, b])).toEqual(new Set(['10.64.0.0/22', '10.64.4.0/22']));
    // Each deployment sends its own reservation, and a retry keeps it.
    await Promise.all([provisioner.deploy(spec, async () => undefined), provisioner.deploy(other, async () => undefined)]);
    const sent = arm.requestsTo('PUT', /\/providers\/Microsoft\.Resources\/deployments\//i)
      .map((r) => (r.body as { properties: { parameters: { addressPrefix: { value: string } } } }).properties.parameters.addressPrefix.value);
    expect(new Set(sent)).toEqual(new Set([a, b]));
  });

  it('frees a project\'s range when its environment is destroyed, and says when the pool is full', async () => {
    const small = provisionerWith({ spokeAddressPool: '10.64.0.0/22' });
    await small.preview(spec);
    expect(await reservations.reservedFor(spec.projectId)).toBe('10.64.0.0/22');
    const other: ProjectEnvironmentSpec = { ...spec, projectId: await newProject('Oncology'), projectSlug: 'oncology' };
    await expect(small.preview(other)).rejects.toThrow(/No free \/22 left in the project address pool 10\.64\.0\.0\/22/);
    await small.destroy(spec);
    expect(await reservations.reservedFor(spec.projectId)).toBeNull();
    await small.preview(other);
    expect(await reservations.reservedFor(other.projectId)).toBe('10.64.0.0/22');
  });

  it('refuses to deploy when the hub does not exist yet', async () => {
    arm.resources.delete(HUB_ID.toLowerCase());
    await expect(provisioner.preview(spec)).rejects.toThrow(/hub virtual network .* does not exist: deploy the platform template first/);
  });

  it('deletes what the project put into the hub\'s group (peering, DNS zone links, managed private endpoint) before the group', async () => {
    const { result } = await deploy();
    const hubSide = [result.outputs['hubPeeringResourceId'], ...(result.outputs['hubPrivateDnsZoneLinkResourceIds'] as string[])] as string[];
    expect(hubSide.every((id) => arm.resources.has(id.toLowerCase()))).toBe(true);

    await provisioner.destroy(spec);
    const deleted = arm.requests.filter((r) => r.method === 'DELETE').map((r) => r.path.toLowerCase());
    for (const id of hubSide) expect(deleted).toContain(id.toLowerCase());
    expect(deleted.some((p) => p.includes('/managedprivateendpoints/'))).toBe(true);
    // Only then the group.
    expect(deleted.at(-1)).toBe(RG_PATH.toLowerCase());
    expect([...arm.resources.keys()]).toEqual([HUB_ID.toLowerCase()]);
    expect(arm.requests.filter((r) => r.method === 'DELETE' && r.path.toLowerCase().includes('/virtualnetworkpeerings/')).map((r) => r.apiVersion)).toEqual([NETWORK_API]);
  });

  it('treats destroying a missing resource group as success', async () => {
    await expect(provisioner.destroy(spec)).resolves.toBeUndefined();
    expect(arm.requestsTo('DELETE', pathOf(RG_PATH))).toHaveLength(1);
  });
});
