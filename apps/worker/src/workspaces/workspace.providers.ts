import type { Provider } from '@nestjs/common';
import type { Db } from '@cloister/persistence';
import { DATABASE } from '../core-tokens';
import type { ModeAdapters } from '../mode-adapters';
import { ShutdownHandlers } from '../shutdown/shutdown.handlers';
import { ShutdownSchedules } from '../shutdown/shutdown-schedules';
import { WorkspacesHandlers } from './workspaces.handlers';
import { COMPUTE, COMPUTE_METRICS, COST } from './workspace-tokens';

/** Workspace lifecycle jobs and the shutdown sweeps, with the mode's compute, metrics and cost adapters. */
export function workspaceProviders(modes: ModeAdapters): Provider[] {
  return [
    { provide: COMPUTE, useFactory: (db: Db) => modes.compute(db), inject: [DATABASE] },
    { provide: COMPUTE_METRICS, useFactory: (db: Db) => modes.computeMetrics(db), inject: [DATABASE] },
    { provide: COST, useFactory: (db: Db) => modes.cost(db), inject: [DATABASE] },
    WorkspacesHandlers,
    ShutdownHandlers,
    ShutdownSchedules,
  ];
}
