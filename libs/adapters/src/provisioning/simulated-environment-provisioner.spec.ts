import type { ProjectEnvironmentSpec, ProvisioningStep } from '@cloister/domain';
import { loadProjectTemplate } from '@cloister/infra-templates';
import { describe, expect, it } from 'vitest';
import { InMemorySimulatedEnvironmentStateStore } from './simulated-environment-state-store';
import { projectKeyFromSlug } from './project-template-parameters';
import { SIMULATED_SUBSCRIPTION_ID, SimulatedDeploymentError, SimulatedEnvironmentProvisioner } from './simulated-environment-provisioner';

const FAST = 1_000_000;
const spec: ProjectEnvironmentSpec = { projectId: 'prj_local', projectSlug: 'cardio-trial', tier: 2, parameters: { vmCount: 2 } };
const KEY = projectKeyFromSlug(spec.projectSlug);
const template = loadProjectTemplate();

async function deployCollecting(provisioner: SimulatedEnvironmentProvisioner, s: ProjectEnvironmentSpec = spec) {
  const reports: (readonly ProvisioningStep[])[] = [];
  const result = await provisioner.deploy(s, async (steps) => void reports.push(steps));
  return { result, reports };
}

describe('SimulatedEnvironmentProvisioner', () => {
  it('moves every resource of the template through pending → running → succeeded, in order', async () => {
    const { reports } = await deployCollecting(new SimulatedEnvironmentProvisioner({ speed: FAST }));
    const first = reports[0];
    const last = reports[reports.length - 1];
    expect(first.every((s) => s.status === 'pending')).toBe(true);
    expect(last.every((s) => s.status === 'succeeded' && s.startedAt !== null && s.finishedAt !== null)).toBe(true);
    expect(last.map((s) => s.name)).toEqual(first.map((s) => s.name));
    expect(new Set(last.map((s) => s.name)).size).toBe(last.length);
    expect(last[0].name).toBe('resource group');

    // Each step goes running then succeeded, and no step starts before the previous one finished.
    const names = last.map((s) => s.name);
    const transitions = reports.slice(1).map((r, i) => {
      const prev = reports[i];
      const changed = r.findIndex((s, j) => s.status !== prev[j].status);
      return `${names[changed]}:${r[changed].status}`;
    });
    expect(transitions).toEqual(names.flatMap((n) => [`${n}:running`, `${n}:succeeded`]));

    // The steps cover the architecture: network, storage, endpoints, vault, ML, VMs, AVD.
    const details = last.map((s) => s.detail ?? '');
    for (const type of [
      'Microsoft.Network/virtualNetworks',
      'Microsoft.Network/networkSecurityGroups',
      'Microsoft.Storage/storageAccounts',
      'Microsoft.Network/privateEndpoints',
      'Microsoft.KeyVault/vaults',
      'Microsoft.MachineLearningServices/workspaces',
      'Microsoft.MachineLearningServices/workspaces/computes',
      'Microsoft.Compute/virtualMachines',
      'Microsoft.DesktopVirtualization/hostPools',
      'Microsoft.DesktopVirtualization/applicationGroups',
      'Microsoft.DesktopVirtualization/workspaces',
    ]) {
      expect(details.some((d) => d.startsWith(`${type}: created`))).toBe(true);
    }
    expect(names).toEqual(expect.arrayContaining([`resource vnet-${KEY}`, `resource nsg-${KEY}-compute`, `resource mlw-${KEY}/cpu-cluster`, `resource dsvm${KEY}01`]));
  });

  it('returns outputs named like the template outputs, with ARM-shaped simulated resources', async () => {
    const { result } = await deployCollecting(new SimulatedEnvironmentProvisioner({ speed: FAST }));
    expect(Object.keys(result.outputs).sort()).toEqual(Object.keys(template.outputs ?? {}).sort());
    expect(result.outputs['vmNames']).toEqual([`dsvm${KEY}00`, `dsvm${KEY}01`]);
    expect(result.outputs['keyVaultUri']).toBe(`https://${String(result.outputs['keyVaultName'])}.vault.azure.net/`);
    expect(result.outputs['virtualNetworkResourceId']).toBe(
      `/subscriptions/${SIMULATED_SUBSCRIPTION_ID}/resourceGroups/rg-cloister-cardio-trial/providers/Microsoft.Network/virtualNetworks/vnet-${KEY}`,
    );
    expect(JSON.stringify(result.outputs)).not.toContain('⟨');
    expect(result.resources.length).toBeGreaterThan(40);
    for (const r of result.resources) {
      expect(r.simulated).toBe(true);
      expect(r.id).toMatch(new RegExp(`^/subscriptions/${SIMULATED_SUBSCRIPTION_ID}/resourceGroups/[^/]+/providers/`));
    }
  });

  it('is deterministic and idempotent: the same spec deploys to the same result, then previews NoChange', async () => {
    const provisioner = new SimulatedEnvironmentProvisioner({ speed: FAST });
    const before = await provisioner.preview(spec);
    expect(before.changes.every((c) => c.changeType === 'Create')).toBe(true);

    const first = await deployCollecting(provisioner);
    const second = await deployCollecting(provisioner);
    expect(second.result).toEqual(first.result);
    expect(second.reports[second.reports.length - 1].slice(1).every((s) => s.detail?.endsWith(': unchanged'))).toBe(true);

    const after = await provisioner.preview(spec);
    expect(after.changes.map((c) => c.name)).toEqual(before.changes.map((c) => c.name));
    expect(after.changes.every((c) => c.changeType === 'NoChange')).toBe(true);

    // Another instance, same spec: same result (nothing random, nothing per-instance).
    expect((await deployCollecting(new SimulatedEnvironmentProvisioner({ speed: FAST }))).result).toEqual(first.result);
  });

  it('fails at the failAt resource with a clear message; a later deploy without it converges', async () => {
    const stateStore = new InMemorySimulatedEnvironmentStateStore();
    const failing = new SimulatedEnvironmentProvisioner({ speed: FAST, stateStore, failAt: `mlw-${KEY}` });
    const reports: (readonly ProvisioningStep[])[] = [];
    const error = await failing.deploy(spec, async (steps) => void reports.push(steps)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SimulatedDeploymentError);
    expect((error as Error).message).toBe(
      `Simulated deployment failed creating Microsoft.MachineLearningServices/workspaces 'mlw-${KEY}' (failAt is set to this resource); deploy again without failAt to recover.`,
    );
    const last = reports[reports.length - 1];
    const failedAt = last.findIndex((s) => s.status === 'failed');
    expect(last[failedAt].name).toBe(`resource mlw-${KEY}`);
    expect(last.slice(0, failedAt).every((s) => s.status === 'succeeded')).toBe(true);
    expect(last.slice(failedAt + 1).every((s) => s.status === 'pending')).toBe(true);

    // What was created before the failure stays; the rest is still to create.
    const plan = await failing.preview(spec);
    expect(plan.changes.some((c) => c.changeType === 'NoChange')).toBe(true);
    expect(plan.changes.find((c) => c.name === `mlw-${KEY}`)?.changeType).toBe('Create');

    const retry = new SimulatedEnvironmentProvisioner({ speed: FAST, stateStore });
    const { result, reports: retryReports } = await deployCollecting(retry);
    expect(result.outputs['machineLearningWorkspaceName']).toBe(`mlw-${KEY}`);
    expect(retryReports[retryReports.length - 1].every((s) => s.status === 'succeeded')).toBe(true);
    expect((await retry.preview(spec)).changes.every((c) => c.changeType === 'NoChange')).toBe(true);
  });

  it('destroy clears the state, so the next preview creates everything again', async () => {
    const stateStore = new InMemorySimulatedEnvironmentStateStore();
    const provisioner = new SimulatedEnvironmentProvisioner({ speed: FAST, stateStore });
    await deployCollecting(provisioner);
    await provisioner.destroy(spec);
    expect(await stateStore.get(spec.projectId)).toBeNull();
    expect((await provisioner.preview(spec)).changes.every((c) => c.changeType === 'Create')).toBe(true);
    await expect(provisioner.destroy(spec)).resolves.toBeUndefined();
  });

  it('keeps projects apart and rejects parameters the template does not declare', async () => {
    const provisioner = new SimulatedEnvironmentProvisioner({ speed: FAST });
    await deployCollecting(provisioner);
    const other = { ...spec, projectId: 'prj_other', projectSlug: 'other' };
    expect((await provisioner.preview(other)).changes.every((c) => c.changeType === 'Create')).toBe(true);
    await expect(provisioner.preview({ ...spec, parameters: { vmCout: 1 } })).rejects.toThrow(/declares no parameter\(s\): vmCout/);
  });
});
