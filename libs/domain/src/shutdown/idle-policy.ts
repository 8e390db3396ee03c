import { validationError } from '../errors/domain-error';

/** Stop a VM whose average CPU stayed below `cpuThresholdPercent` for `idleMinutes`. */
export interface IdlePolicy {
  readonly enabled: boolean;
  readonly cpuThresholdPercent: number;
  readonly idleMinutes: number;
}

export const IDLE_MINUTES_RANGE = { min: 15, max: 24 * 60 } as const;

export function validateIdlePolicy(p: IdlePolicy): IdlePolicy {
  if (!(p.cpuThresholdPercent > 0 && p.cpuThresholdPercent <= 100)) {
    throw validationError('INVALID_IDLE_POLICY', 'cpuThresholdPercent: must be more than 0 and at most 100', { field: 'cpuThresholdPercent' });
  }
  if (!Number.isInteger(p.idleMinutes) || p.idleMinutes < IDLE_MINUTES_RANGE.min || p.idleMinutes > IDLE_MINUTES_RANGE.max) {
    throw validationError('INVALID_IDLE_POLICY', `idleMinutes: must be a whole number from ${IDLE_MINUTES_RANGE.min} to ${IDLE_MINUTES_RANGE.max}`, { field: 'idleMinutes' });
  }
  return p;
}

/**
 * Idle means: running for at least the whole window, samples covering (nearly) all of it, and their average below
 * the threshold. A VM started five minutes ago, or one with no metrics yet, is never called idle.
 */
export function isIdle(policy: IdlePolicy, runningForMs: number, reading: { averagePercent: number; coveredMinutes: number } | undefined): boolean {
  if (!policy.enabled || !reading) return false;
  const windowMs = policy.idleMinutes * 60_000;
  return runningForMs >= windowMs && reading.coveredMinutes >= policy.idleMinutes * 0.8 && reading.averagePercent < policy.cpuThresholdPercent;
}
