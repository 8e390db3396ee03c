import { createHash } from 'node:crypto';
import type { ComputeMetricsPort, ComputeTarget, CpuReading } from '@cloister/domain';

/** When a workspace started its current running period and when someone last used it. */
export interface WorkspaceActivity {
  readonly runningSince: Date;
  readonly lastActiveAt: Date | null;
}

export interface SimulatedCpuMetricsOptions {
  readonly activityOf: (workspaceIds: readonly string[]) => Promise<Map<string, WorkspaceActivity>>;
  /** How long a VM stays busy after a start or a connection (default 45 minutes). */
  readonly busyForMs?: number;
}

const SAMPLE_MS = 5 * 60_000;

/** A stable pseudo-random number in [0, 1) for one workspace and one sample slot. */
function noise(workspaceId: string, slot: number): number {
  return createHash('sha256').update(`${workspaceId}:${slot}`).digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * Local mode's metrics feed, shaped like Azure Monitor's 5-minute `Percentage CPU` averages: busy (35–75 %) for a
 * while after the VM starts or someone connects, then idle (0.5–4 %). Deterministic, so tests and sweeps agree.
 */
export class SimulatedCpuMetrics implements ComputeMetricsPort {
  private readonly busyForMs: number;

  constructor(private readonly options: SimulatedCpuMetricsOptions) {
    this.busyForMs = options.busyForMs ?? 45 * 60_000;
  }

  /** The 5-minute samples of one workspace in [from, to), only while it was running. */
  samples(workspaceId: string, activity: WorkspaceActivity, from: Date, to: Date): { at: Date; average: number }[] {
    const start = Math.max(from.getTime(), activity.runningSince.getTime());
    const busyUntil = Math.max(activity.runningSince.getTime(), activity.lastActiveAt?.getTime() ?? 0) + this.busyForMs;
    const out: { at: Date; average: number }[] = [];
    for (let slot = Math.ceil(start / SAMPLE_MS); slot * SAMPLE_MS + SAMPLE_MS <= to.getTime(); slot++) {
      const at = slot * SAMPLE_MS;
      const n = noise(workspaceId, slot);
      out.push({ at: new Date(at), average: at < busyUntil ? 35 + n * 40 : 0.5 + n * 3.5 });
    }
    return out;
  }

  async averageCpu(targets: readonly ComputeTarget[], from: Date, to: Date): Promise<Map<string, CpuReading>> {
    const activity = await this.options.activityOf(targets.map((t) => t.workspaceId));
    const result = new Map<string, CpuReading>();
    for (const t of targets) {
      const a = activity.get(t.workspaceId);
      if (!a) continue;
      const samples = this.samples(t.workspaceId, a, from, to);
      if (!samples.length) continue;
      result.set(t.workspaceId, { averagePercent: samples.reduce((s, x) => s + x.average, 0) / samples.length, coveredMinutes: (samples.length * SAMPLE_MS) / 60_000 });
    }
    return result;
  }
}
