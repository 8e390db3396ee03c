// Local mode's compliance: there is no Azure Policy, so the built-in initiative's idea — every resource evaluated
// against security rules mapped to regulatory controls — is applied to the simulated environment with Cloister's
// own rules, the template security invariants. The resources are the ones the simulated provisioner deploys (the
// same expansion, names and ids); every summary says `simulated: true`.
import type { ComplianceScope, NonCompliantPolicy, PolicyCompliancePort, PolicyComplianceSummary } from '@cloister/domain';
import {
  checkPlatformInvariants, checkProjectInvariants, expandArmTemplate, type InvariantViolation, loadPlatformTemplate, loadProjectTemplate, SAMPLE_PLATFORM_PARAMETERS, SECURITY_INVARIANTS,
} from '@cloister/infra-templates';
import { deploymentNameFor, projectTemplateParameters, resourceGroupNameFor } from '../provisioning/project-template-parameters';
import { expandProjectTemplate } from '../provisioning/project-template-resources';
import { SIMULATED_PLATFORM_PARAMETERS, SIMULATED_SUBSCRIPTION_ID } from '../provisioning/simulated-environment-provisioner';

export type RegulatoryInitiative = 'hipaa-hitrust' | 'nist-sp-800-53-r5';

export interface SimulatedPolicyComplianceOptions {
  /** Compiled templates (default: the committed ones); tests pass altered copies. */
  readonly projectTemplate?: Readonly<Record<string, unknown>>;
  readonly platformTemplate?: Readonly<Record<string, unknown>>;
  /** Whose controls the failing rules are listed under, like the platform's `regulatoryInitiative` (default HIPAA). */
  readonly initiative?: RegulatoryInitiative;
  readonly resourceGroupPrefix?: string;
  readonly location?: string;
}

const LOCAL_PLATFORM_PARAMETERS = { ...SAMPLE_PLATFORM_PARAMETERS, installationKey: 'local' };

export class SimulatedPolicyCompliance implements PolicyCompliancePort {
  readonly source = 'simulated' as const;
  private readonly projectTemplate: Readonly<Record<string, unknown>>;
  private readonly platformTemplate: Readonly<Record<string, unknown>>;

  constructor(private readonly options: SimulatedPolicyComplianceOptions = {}) {
    this.projectTemplate = options.projectTemplate ?? loadProjectTemplate();
    this.platformTemplate = options.platformTemplate ?? loadPlatformTemplate();
  }

  async summarize(scope: ComplianceScope, now: Date): Promise<PolicyComplianceSummary> {
    const location = this.options.location ?? 'uksouth';
    let resourceGroup: string;
    let resources: readonly { readonly id: string; readonly type: string; readonly scope?: string | null }[];
    let violations: InvariantViolation[];
    if (scope.kind === 'project') {
      resourceGroup = resourceGroupNameFor(this.options.resourceGroupPrefix ?? 'rg-cloister-', scope.environment);
      // Exactly the context the simulated provisioner deploys with, so ids match the recorded resources.
      const context = {
        subscriptionId: SIMULATED_SUBSCRIPTION_ID, resourceGroupName: resourceGroup, location, deploymentName: deploymentNameFor(scope.environment),
        parameters: projectTemplateParameters(this.projectTemplate, scope.environment, SIMULATED_PLATFORM_PARAMETERS),
      };
      resources = expandProjectTemplate(this.projectTemplate, context).resources;
      violations = checkProjectInvariants(this.projectTemplate, { ...context, parameters: { ...context.parameters } });
    } else {
      const context = { subscriptionId: SIMULATED_SUBSCRIPTION_ID, location, deploymentName: 'cloister-platform', parameters: { ...LOCAL_PLATFORM_PARAMETERS } };
      resourceGroup = `rg-cloister-${LOCAL_PLATFORM_PARAMETERS.installationKey}-platform`;
      resources = expandArmTemplate(this.platformTemplate, { ...context, parameters: { ...context.parameters } }).resources.filter((r) => !r.existing);
      violations = checkPlatformInvariants(this.platformTemplate, { ...context, parameters: { ...context.parameters } });
    }

    // Extension resources (diagnostic settings, role assignments, locks) are evaluated as part of what they attach to.
    const evaluated = new Set(resources.filter((r) => !r.scope && r.type !== 'Microsoft.Resources/deployments').map((r) => r.id.toLowerCase()));
    const failing = new Set(violations.map((v) => v.resourceId.toLowerCase()).filter((id) => id.length > 0));
    const controls = this.options.initiative === 'nist-sp-800-53-r5' ? 'nist80053' : 'hipaa';
    const nonCompliantPolicies: NonCompliantPolicy[] = SECURITY_INVARIANTS.flatMap((invariant) => {
      const mine = violations.filter((v) => v.invariant === invariant.id);
      if (mine.length === 0) return [];
      return [{
        policyDefinitionId: `cloister-invariant/${invariant.id}`, name: invariant.title, effect: 'audit',
        nonCompliantResources: new Set(mine.map((v) => v.resourceId.toLowerCase()).filter((id) => id.length > 0)).size, controls: [...invariant.controls[controls]],
      }];
    }).sort((a, b) => b.nonCompliantResources - a.nonCompliantResources || a.name.localeCompare(b.name));
    return {
      source: this.source, simulated: true, resourceGroup,
      compliantResources: [...evaluated].filter((id) => !failing.has(id)).length,
      nonCompliantResources: failing.size,
      nonCompliantPolicies, evaluatedAt: now,
    };
  }
}
