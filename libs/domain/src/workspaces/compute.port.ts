import type { WorkspaceKind } from './workspace-catalogue';

/** The cloud side of one workspace, as the compute adapters need it. */
export interface ComputeTarget {
  readonly workspaceId: string;
  readonly projectId: string;
  readonly name: string;
  readonly kind: WorkspaceKind;
  readonly size: string;
  /** Set once the workspace exists in the cloud (an ARM resource id, or a simulated one). */
  readonly resourceId: string | null;
}

/** The compute target of a stored workspace (any record with these fields). */
export const targetOf = (w: { readonly id: string; readonly projectId: string; readonly name: string; readonly kind: WorkspaceKind; readonly size: string; readonly resourceId: string | null }): ComputeTarget => ({
  workspaceId: w.id, projectId: w.projectId, name: w.name, kind: w.kind, size: w.size, resourceId: w.resourceId,
});

export interface ConnectLink {
  /** Where the researcher connects (the Azure Virtual Desktop web client); null when there is nothing to open. */
  readonly url: string | null;
  readonly notice: string;
  readonly simulated: boolean;
}

/**
 * Creates, starts, stops (deallocates: compute billing ends) and deletes workspaces. Local: a simulated cloud with
 * realistic durations; azure: Compute and Machine Learning resource providers. Every call is safe to repeat.
 */
export interface ComputePort {
  readonly driver: string;
  create(target: ComputeTarget): Promise<{ resourceId: string }>;
  start(target: ComputeTarget): Promise<void>;
  stop(target: ComputeTarget): Promise<void>;
  delete(target: ComputeTarget): Promise<void>;
  connectLink(target: ComputeTarget): ConnectLink;
}

/** Average CPU of a workspace over a window (azure: Azure Monitor `Percentage CPU`; local: the simulated feed). */
export interface CpuReading {
  readonly averagePercent: number;
  /** Minutes of the window the samples cover; a short history is not evidence of idleness. */
  readonly coveredMinutes: number;
}

export interface ComputeMetricsPort {
  averageCpu(targets: readonly ComputeTarget[], from: Date, to: Date): Promise<Map<string, CpuReading>>;
}

export interface DailyCost {
  /** Calendar day, YYYY-MM-DD (UTC). */
  readonly date: string;
  readonly amount: number;
}

/** What a project's compute cost this month so far (azure: Cost Management; local: resource-hours × rate card). */
export interface ProjectCost {
  readonly currency: string;
  readonly daily: readonly DailyCost[];
}

export interface CostPort {
  readonly source: 'rate-card' | 'cost-management';
  monthToDate(projectId: string, monthStart: Date, now: Date): Promise<ProjectCost>;
}
