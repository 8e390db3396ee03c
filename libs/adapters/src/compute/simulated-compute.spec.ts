import type { ComputeTarget } from '@cloister/domain';
import { describe, expect, it } from 'vitest';
import { SimulatedCompute } from './simulated-compute';
import { SimulatedCpuMetrics } from './simulated-cpu-metrics';

const target: ComputeTarget = { workspaceId: 'abcdef12-0000-0000-0000-000000000000', projectId: 'p1', name: 'dsvm', kind: 'vm', size: 'Standard_D4s_v5', resourceId: null };

describe('local simulated compute', () => {
  it('names a stable simulated resource and says connecting is simulated', async () => {
    const compute = new SimulatedCompute({ speed: 60_000 });
    const { resourceId } = await compute.create(target);
    expect(resourceId).toBe('/simulated/projects/p1/providers/Microsoft.Compute/virtualMachines/ws-abcdef12');
    expect((await compute.create(target)).resourceId).toBe(resourceId);
    expect(compute.connectLink(target)).toMatchObject({ url: null, simulated: true });
  });

  it('feeds busy CPU after a start or a connection and idle CPU afterwards, deterministically', async () => {
    const runningSince = new Date('2026-07-03T08:00:00Z');
    const metrics = new SimulatedCpuMetrics({ activityOf: async () => new Map([[target.workspaceId, { runningSince, lastActiveAt: null }]]) });
    const busy = await metrics.averageCpu([target], new Date('2026-07-03T08:00:00Z'), new Date('2026-07-03T08:30:00Z'));
    expect(busy.get(target.workspaceId)!.averagePercent).toBeGreaterThan(35);
    const idle = await metrics.averageCpu([target], new Date('2026-07-03T09:00:00Z'), new Date('2026-07-03T10:00:00Z'));
    expect(idle.get(target.workspaceId)).toEqual({ averagePercent: expect.any(Number), coveredMinutes: 60 });
    expect(idle.get(target.workspaceId)!.averagePercent).toBeLessThan(4);
    expect(await metrics.averageCpu([target], new Date('2026-07-03T09:00:00Z'), new Date('2026-07-03T10:00:00Z'))).toEqual(idle);
    // Before the VM ran there are no samples at all.
    expect((await metrics.averageCpu([target], new Date('2026-07-03T06:00:00Z'), new Date('2026-07-03T07:00:00Z'))).size).toBe(0);
  });
});
