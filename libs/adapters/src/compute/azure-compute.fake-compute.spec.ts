// The azure workspace adapters through the real SDKs (@azure/arm-compute, @azure/monitor-query-metrics,
// @azure/arm-costmanagement) against an in-process FAKE of the Azure endpoints.
import type { ComputeTarget } from '@cloister/domain';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeComputeCloud } from '../azure-fakes/fake-compute-cloud';
import { FakeTokenCredential } from '../azure-fakes/fake-token-credential';
import { AzureCompute } from './azure-compute';
import { AzureCpuMetrics } from './azure-cpu-metrics';
import { CostManagementCost } from './cost-management-cost';

const SUB = '11111111-2222-3333-4444-555555555555';
const RG = 'rg-cloister-demo';
const SUBNET = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/compute`;
const vm: ComputeTarget = { workspaceId: '0f1e2d3c-aaaa-bbbb-cccc-000000000001', projectId: 'p1', name: 'alice-dsvm', kind: 'vm', size: 'Standard_D4s_v5', resourceId: null };
const ml: ComputeTarget = { ...vm, workspaceId: '9a8b7c6d-aaaa-bbbb-cccc-000000000002', kind: 'ml_compute', size: 'Standard_DS3_v2' };
const VM_ID = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Compute/virtualMachines/ws-0f1e2d3c`;

describe('azure workspace adapters against a fake of Azure', () => {
  let cloud: FakeComputeCloud;
  let credential: FakeTokenCredential;
  let compute: AzureCompute;

  beforeEach(() => {
    cloud = new FakeComputeCloud({ pollsBeforeDone: 2 });
    credential = new FakeTokenCredential();
    compute = new AzureCompute({
      credential, subscriptionId: SUB, location: 'uksouth', httpClient: cloud, pollIntervalMs: 0,
      placementOf: async () => ({ resourceGroup: RG, computeSubnetResourceId: SUBNET, machineLearningWorkspaceName: 'mlw-demo' }),
    });
  });

  it('creates a VM with no public IP in the compute subnet, with an auto-shutdown schedule, and polls it to completion', async () => {
    const { resourceId } = await compute.create(vm);
    expect(resourceId).toBe(VM_ID);
    const [put] = cloud.requestsTo('PUT', /virtualMachines\/ws-0f1e2d3c$/);
    expect(put?.query.get('api-version')).toBe('2025-04-01');
    type IpConfig = { properties: { subnet: { id: string }; publicIPAddressConfiguration?: unknown } };
    const body = put?.body as { properties: { hardwareProfile: { vmSize: string }; networkProfile: { networkInterfaceConfigurations: { properties: { ipConfigurations: IpConfig[] } }[] } } };
    expect(body.properties.hardwareProfile.vmSize).toBe('Standard_D4s_v5');
    const ipConfig = body.properties.networkProfile.networkInterfaceConfigurations[0]!.properties.ipConfigurations[0]!;
    expect(ipConfig.properties.subnet.id).toBe(SUBNET);
    expect(ipConfig.properties.publicIPAddressConfiguration).toBeUndefined();
    expect(cloud.vms.get(VM_ID.toLowerCase())?.powerState).toBe('running');
    const schedule = [...cloud.schedules.values()][0] as { properties: { taskType: string; targetResourceId: string } };
    expect(schedule.properties).toMatchObject({ taskType: 'ComputeVmShutdownTask', targetResourceId: VM_ID });
    expect(credential.requestedScopes).toContain('https://management.azure.com/.default');
  });

  it('deallocates (not powers off) and starts again, idempotently', async () => {
    await compute.create(vm);
    await compute.stop(vm);
    await compute.stop(vm);
    expect(cloud.requestsTo('POST', /\/deallocate$/)).toHaveLength(2);
    expect(cloud.requestsTo('POST', /\/powerOff$/)).toHaveLength(0);
    expect(cloud.vms.get(VM_ID.toLowerCase())?.powerState).toBe('deallocated');
    await compute.start(vm);
    expect(cloud.vms.get(VM_ID.toLowerCase())?.powerState).toBe('running');
    await compute.delete(vm);
    await compute.delete(vm); // already gone: still fine
    expect(cloud.vms.get(VM_ID.toLowerCase())?.powerState).toBe('deleted');
  });

  it('drives ML compute instances on the project workspace', async () => {
    const { resourceId } = await compute.create(ml);
    expect(resourceId).toMatch(/workspaces\/mlw-demo\/computes\/ws-9a8b7c6d$/);
    const [put] = cloud.requestsTo('PUT', /computes\/ws-9a8b7c6d$/);
    expect(put?.body).toMatchObject({ properties: { computeType: 'ComputeInstance', properties: { enableNodePublicIp: false, subnet: { id: SUBNET } } } });
    await compute.stop(ml);
    expect(cloud.mlComputes.get(resourceId.toLowerCase())?.state).toBe('Stopped');
    await compute.start(ml);
    expect(cloud.mlComputes.get(resourceId.toLowerCase())?.state).toBe('Running');
    await compute.delete(ml);
    expect(cloud.mlComputes.get(resourceId.toLowerCase())?.state).toBe('Deleted');
  });

  it('reads Percentage CPU averages with the metrics batch API', async () => {
    cloud.cpuSeries.set(VM_ID.toLowerCase(), [2, 3, 1, 4]);
    const metrics = new AzureCpuMetrics({ credential, location: 'uksouth', httpClient: cloud });
    const from = new Date('2026-07-03T10:00:00Z');
    const readings = await metrics.averageCpu([{ ...vm, resourceId: VM_ID }, ml], from, new Date('2026-07-03T10:20:00Z'));
    expect(readings.get(vm.workspaceId)).toEqual({ averagePercent: 2.5, coveredMinutes: 20 });
    expect(readings.has(ml.workspaceId)).toBe(false);
    const [call] = cloud.requestsTo('POST', /metrics:getBatch$/);
    expect(call?.host).toBe('uksouth.metrics.monitor.azure.com');
    expect(call?.query.get('metricnamespace')).toBe('Microsoft.Compute/virtualMachines');
    expect(call?.query.get('interval')).toBe('PT5M');
    // The metrics data plane takes ARM-audience tokens in the public cloud.
    expect(credential.requestedScopes).toEqual(['https://management.azure.com/.default']);
  });

  it('reads month-to-date actual cost per day from Cost Management', async () => {
    cloud.costRows.set(`/subscriptions/${SUB}/resourcegroups/${RG}`, [[1.5, 20260701], [2.25, 20260702], [0.5, 20260702]]);
    const cost = new CostManagementCost({ credential, subscriptionId: SUB, resourceGroupOf: async () => RG, httpClient: cloud });
    const result = await cost.monthToDate('p1', new Date('2026-07-01T00:00:00Z'), new Date('2026-07-02T12:00:00Z'));
    expect(result).toEqual({ currency: 'USD', daily: [{ date: '2026-07-01', amount: 1.5 }, { date: '2026-07-02', amount: 2.75 }] });
    const [q] = cloud.requestsTo('POST', /Microsoft\.CostManagement\/query$/);
    expect(q?.body).toMatchObject({ type: 'ActualCost', timeframe: 'Custom', dataset: { granularity: 'Daily' } });
  });
});
