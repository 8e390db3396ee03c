/** Dependency-injection tokens of the workspace and shutdown features. */
export const COMPUTE = Symbol('COMPUTE');
export const COMPUTE_METRICS = Symbol('COMPUTE_METRICS');
export const COST = Symbol('COST');
