import type { SimulatedEnvironmentState, SimulatedEnvironmentStateStore } from '@cloister/adapters';
import type { EnvironmentsRepository } from '@cloister/persistence';

/** Keeps the local driver's simulated resources in the database, so they survive worker restarts. */
export class DbSimulatedStateStore implements SimulatedEnvironmentStateStore {
  constructor(private readonly environments: EnvironmentsRepository) {}

  async get(projectId: string): Promise<SimulatedEnvironmentState | null> {
    const state = (await this.environments.get(projectId))?.simulatedState as SimulatedEnvironmentState | null | undefined;
    return state ?? null;
  }

  async put(projectId: string, state: SimulatedEnvironmentState): Promise<void> {
    await this.environments.save(projectId, 'local-simulated', { simulatedState: state });
  }

  async delete(projectId: string): Promise<void> {
    await this.environments.save(projectId, 'local-simulated', { simulatedState: null });
  }
}
