// What the local driver remembers between calls: which simulated resources exist, per project. An interface so the
// worker can keep it in the database and survive restarts; the in-memory store suits a single process and tests.

export interface SimulatedEnvironmentState {
  /** Lower-cased ARM ids of the resources that have been "created". */
  readonly resourceIds: readonly string[];
}

export interface SimulatedEnvironmentStateStore {
  get(projectId: string): Promise<SimulatedEnvironmentState | null>;
  put(projectId: string, state: SimulatedEnvironmentState): Promise<void>;
  delete(projectId: string): Promise<void>;
}

export class InMemorySimulatedEnvironmentStateStore implements SimulatedEnvironmentStateStore {
  private readonly states = new Map<string, SimulatedEnvironmentState>();

  async get(projectId: string): Promise<SimulatedEnvironmentState | null> {
    return this.states.get(projectId) ?? null;
  }

  async put(projectId: string, state: SimulatedEnvironmentState): Promise<void> {
    this.states.set(projectId, { resourceIds: [...state.resourceIds] });
  }

  async delete(projectId: string): Promise<void> {
    this.states.delete(projectId);
  }
}
