import type { Tier } from '../projects/tier-policy';

/** What a project's environment should be; the provisioner turns it into cloud resources (or simulated ones). */
export interface ProjectEnvironmentSpec {
  readonly projectId: string;
  /** Lower-case, DNS-safe short name used in resource names. */
  readonly projectSlug: string;
  readonly tier: Tier;
  /** Template parameters beyond the ones derived from the project (VM sizes, Synapse on/off, …). */
  readonly parameters: Readonly<Record<string, unknown>>;
}

export type ChangeType = 'Create' | 'Modify' | 'Delete' | 'NoChange' | 'Ignore' | 'Deploy' | 'Unsupported';

/** A what-if preview, kept with the project so admins see what a deployment would change before it runs. */
export interface EnvironmentPlan {
  readonly changes: readonly { readonly resourceType: string; readonly name: string; readonly changeType: ChangeType }[];
}

export type StepStatus = 'pending' | 'running' | 'succeeded' | 'failed';

export interface ProvisioningStep {
  readonly name: string;
  readonly status: StepStatus;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly detail: string | null;
}

export interface ProvisionedResource {
  readonly type: string;
  readonly name: string;
  readonly id: string;
  /** True for the local driver's stand-ins, so the portal can label them. */
  readonly simulated: boolean;
}

export interface ProvisioningResult {
  readonly outputs: Readonly<Record<string, unknown>>;
  readonly resources: readonly ProvisionedResource[];
}

/**
 * Deploys and removes a project's environment. Local: simulated resources with realistic states and durations;
 * azure: the compiled project template through the ARM deployments API. Deploying the same spec twice is
 * idempotent (same deployment name), so a retried job converges instead of duplicating.
 */
export interface EnvironmentProvisionerPort {
  readonly driver: 'local-simulated' | 'azure-arm';
  preview(spec: ProjectEnvironmentSpec): Promise<EnvironmentPlan>;
  deploy(spec: ProjectEnvironmentSpec, onProgress: (steps: readonly ProvisioningStep[]) => Promise<void>): Promise<ProvisioningResult>;
  destroy(spec: ProjectEnvironmentSpec): Promise<void>;
}
