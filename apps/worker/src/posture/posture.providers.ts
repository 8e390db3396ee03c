import type { Provider } from '@nestjs/common';
import type { ModeAdapters } from '../mode-adapters';
import { PostureSchedules } from './posture-schedules';
import { PostureSweepHandlers } from './posture-sweep.handlers';
import { POLICY_COMPLIANCE } from './posture-tokens';

/** The posture sweep with the mode's policy compliance adapter. */
export function postureProviders(modes: ModeAdapters): Provider[] {
  return [{ provide: POLICY_COMPLIANCE, useFactory: () => modes.policyCompliance() }, PostureSweepHandlers, PostureSchedules];
}
