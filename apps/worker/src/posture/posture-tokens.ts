/** The mode's PolicyCompliancePort (Azure Policy Insights, or the simulated evaluation in local mode). */
export const POLICY_COMPLIANCE = Symbol('POLICY_COMPLIANCE');
