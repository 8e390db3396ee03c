import type { ComputePort, ComputeTarget, ConnectLink } from '@cloister/domain';

/** How long each operation takes on Azure (typical figures), before SIMULATION_SPEED divides them. */
export const SIMULATED_DURATIONS_MS = {
  vm: { create: 4 * 60_000, start: 90_000, stop: 60_000, delete: 2 * 60_000 },
  ml_compute: { create: 6 * 60_000, start: 2 * 60_000, stop: 90_000, delete: 3 * 60_000 },
} as const;

export interface SimulatedComputeOptions {
  /** Local mode's cloud runs this many times faster than Azure (SIMULATION_SPEED). */
  readonly speed: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Local mode's compute: no cloud, just realistic durations (scaled) and stable simulated resource ids. Every call
 * succeeds and is safe to repeat, like the Azure calls it stands in for.
 */
export class SimulatedCompute implements ComputePort {
  readonly driver = 'local-simulated';

  constructor(private readonly options: SimulatedComputeOptions) {}

  private wait(target: ComputeTarget, op: keyof (typeof SIMULATED_DURATIONS_MS)['vm']): Promise<void> {
    return sleep(SIMULATED_DURATIONS_MS[target.kind][op] / this.options.speed);
  }

  async create(target: ComputeTarget): Promise<{ resourceId: string }> {
    await this.wait(target, 'create');
    return { resourceId: simulatedResourceId(target) };
  }

  async start(target: ComputeTarget): Promise<void> {
    await this.wait(target, 'start');
  }

  async stop(target: ComputeTarget): Promise<void> {
    await this.wait(target, 'stop');
  }

  async delete(target: ComputeTarget): Promise<void> {
    await this.wait(target, 'delete');
  }

  connectLink(target: ComputeTarget): ConnectLink {
    return {
      url: null, simulated: true,
      notice: `Simulated: in Azure this opens ${target.name} in Azure Virtual Desktop (no public IP; the session runs inside the project network).`,
    };
  }
}

export const simulatedResourceId = (t: ComputeTarget) =>
  t.kind === 'vm'
    ? `/simulated/projects/${t.projectId}/providers/Microsoft.Compute/virtualMachines/ws-${t.workspaceId.slice(0, 8)}`
    : `/simulated/projects/${t.projectId}/providers/Microsoft.MachineLearningServices/workspaces/mlw/computes/ws-${t.workspaceId.slice(0, 8)}`;
