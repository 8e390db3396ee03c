import { PolicyInsightsClient } from '@azure/arm-policyinsights';
import type { HttpClient } from '@azure/core-rest-pipeline';
import type { TokenCredential } from '@azure/identity';
import type { ComplianceScope, NonCompliantPolicy, PolicyCompliancePort, PolicyComplianceSummary } from '@cloister/domain';
import { resourceGroupNameFor } from '../provisioning/project-template-parameters';

export interface AzurePolicyComplianceOptions {
  readonly credential: TokenCredential;
  readonly subscriptionId: string;
  /** The platform's resource group (AZURE_RESOURCE_GROUP). */
  readonly platformResourceGroup: string;
  /** Prefix of project resource groups; must match the provisioner's (default `rg-cloister-`). */
  readonly resourceGroupPrefix?: string;
  readonly httpClient?: HttpClient;
}

// Columns read per non-compliant state; the rest of the record (parameters, tags, …) is not needed.
const NON_COMPLIANT_COLUMNS = 'Timestamp, ResourceId, PolicyDefinitionId, PolicyDefinitionName, PolicyDefinitionReferenceId, PolicyDefinitionAction, PolicyDefinitionGroupNames';

/**
 * Azure mode's compliance: Azure Policy's latest policy states for the resource group. The platform assigns a
 * built-in regulatory initiative (HIPAA HITRUST or NIST SP 800-53) to the subscription, so every project group is in
 * scope. One summarize call gives the resource counts; the non-compliant states give the failing policies.
 */
export class AzurePolicyCompliance implements PolicyCompliancePort {
  readonly source = 'azure-policy' as const;
  private readonly client: PolicyInsightsClient;

  constructor(private readonly options: AzurePolicyComplianceOptions) {
    this.client = new PolicyInsightsClient(options.credential, { ...(options.httpClient && { httpClient: options.httpClient }) });
  }

  async summarize(scope: ComplianceScope, now: Date): Promise<PolicyComplianceSummary> {
    const { subscriptionId } = this.options;
    const group = scope.kind === 'platform' ? this.options.platformResourceGroup : resourceGroupNameFor(this.options.resourceGroupPrefix ?? 'rg-cloister-', scope.environment);
    const states = this.client.policyStates;
    const summary = (await states.summarizeForResourceGroup('latest', subscriptionId, group)).value?.[0]?.results;
    const count = (state: string) => summary?.resourceDetails?.find((d) => d.complianceState?.toLowerCase() === state)?.count ?? 0;

    const policies = new Map<string, { policy: Omit<NonCompliantPolicy, 'nonCompliantResources'>; resources: Set<string> }>();
    let newest = 0;
    const nonCompliant = states.listQueryResultsForResourceGroup('latest', subscriptionId, group, { queryOptions: { filter: "ComplianceState eq 'NonCompliant'", select: NON_COMPLIANT_COLUMNS } });
    for await (const s of nonCompliant) {
      newest = Math.max(newest, s.timestamp?.getTime() ?? 0);
      const definition = s.policyDefinitionId ?? 'unknown';
      // One definition can sit in an initiative more than once (different parameters): the reference id tells them apart.
      const key = s.policyDefinitionReferenceId ? `${definition}#${s.policyDefinitionReferenceId}` : definition;
      const entry = policies.get(key) ?? {
        policy: { policyDefinitionId: key, name: s.policyDefinitionReferenceId ?? s.policyDefinitionName ?? definition.split('/').pop() ?? definition, effect: s.policyDefinitionAction ?? null, controls: [...(s.policyDefinitionGroupNames ?? [])].sort() },
        resources: new Set<string>(),
      };
      if (s.resourceId) entry.resources.add(s.resourceId.toLowerCase());
      policies.set(key, entry);
    }
    // The newest evaluation of any state, compliant or not (one record).
    for await (const s of states.listQueryResultsForResourceGroup('latest', subscriptionId, group, { queryOptions: { top: 1, orderBy: 'Timestamp desc', select: 'Timestamp' } })) {
      newest = Math.max(newest, s.timestamp?.getTime() ?? 0);
      break;
    }

    const nonCompliantPolicies = [...policies.values()]
      .map(({ policy, resources }) => ({ ...policy, nonCompliantResources: resources.size }))
      .sort((a, b) => b.nonCompliantResources - a.nonCompliantResources || a.name.localeCompare(b.name));
    return {
      source: this.source, simulated: false, resourceGroup: group,
      compliantResources: count('compliant'), nonCompliantResources: summary?.nonCompliantResources ?? count('noncompliant'),
      nonCompliantPolicies, evaluatedAt: newest > 0 ? new Date(newest) : now,
    };
  }
}
