import type { ProjectEnvironmentSpec } from '../provisioning/environment-provisioner.port';

/** Whose resources a compliance summary covers: one project's resource group, or the platform's. */
export type ComplianceScope =
  | { readonly kind: 'project'; readonly environment: ProjectEnvironmentSpec }
  | { readonly kind: 'platform' };

/** A policy (Azure Policy definition, or locally a template invariant) that at least one resource fails. */
export interface NonCompliantPolicy {
  /** Azure: the policy definition id (plus `#referenceId` inside an initiative); local: `cloister-invariant/<id>`. */
  readonly policyDefinitionId: string;
  /** Readable name: the definition's reference id in the initiative (Azure) or the invariant's title (local). */
  readonly name: string;
  /** The policy's effect (audit, deny, deployIfNotExists, …), when known. */
  readonly effect: string | null;
  readonly nonCompliantResources: number;
  /** Regulatory controls (initiative groups) the policy supports, e.g. HIPAA or NIST SP 800-53 controls. */
  readonly controls: readonly string[];
}

export interface PolicyComplianceSummary {
  /** `azure-policy`: read from Azure Policy; `simulated`: derived from the template's security invariants. */
  readonly source: 'azure-policy' | 'simulated';
  readonly simulated: boolean;
  /** The resource group evaluated (the platform's may span its template's resource groups locally). */
  readonly resourceGroup: string;
  readonly compliantResources: number;
  readonly nonCompliantResources: number;
  /** Failing policies, most non-compliant resources first. */
  readonly nonCompliantPolicies: readonly NonCompliantPolicy[];
  /** When the states were evaluated: Azure Policy's newest evaluation, or the read time if it has none yet. */
  readonly evaluatedAt: Date;
}

/**
 * Summarises policy compliance of a project's (or the platform's) resources. Azure: Azure Policy's latest policy
 * states for the resource group (the platform assigns a built-in regulatory initiative to the subscription); local:
 * the same idea evaluated against the simulated environment, from the deployed template's security invariants, and
 * labelled simulated. Reading is side-effect free, so a retried sweep simply reads again.
 */
export interface PolicyCompliancePort {
  readonly source: PolicyComplianceSummary['source'];
  summarize(scope: ComplianceScope, now: Date): Promise<PolicyComplianceSummary>;
}

/**
 * Whether a new summary differs from the stored one in what matters for the audit trail: which resources and
 * policies fail. A re-read with the same result (only the evaluation time moved) is not a change.
 */
export function complianceChanged(previous: PolicyComplianceSummary | null, next: PolicyComplianceSummary): boolean {
  if (!previous) return true;
  const failing = (s: PolicyComplianceSummary) => s.nonCompliantPolicies.map((p) => `${p.policyDefinitionId}=${p.nonCompliantResources}`).sort().join('|');
  return previous.compliantResources !== next.compliantResources || previous.nonCompliantResources !== next.nonCompliantResources || failing(previous) !== failing(next);
}
