import type { EnvironmentPlan, ProvisionedResource, ProvisioningStep } from '@cloister/domain';
import type { Kysely, Selectable } from 'kysely';
import type { Database, ProjectEnvironmentsTable } from '../schema';
import { inUuids } from './id-list';

export interface EnvironmentRecord {
  readonly projectId: string;
  readonly driver: string;
  readonly plan: EnvironmentPlan | null;
  readonly steps: readonly ProvisioningStep[];
  readonly outputs: Readonly<Record<string, unknown>> | null;
  readonly resources: readonly ProvisionedResource[];
  readonly simulatedState: unknown;
  readonly lastError: string | null;
  readonly updatedAt: Date;
}

export interface EnvironmentPatch {
  plan?: EnvironmentPlan | null;
  steps?: readonly ProvisioningStep[];
  outputs?: Readonly<Record<string, unknown>> | null;
  resources?: readonly ProvisionedResource[];
  simulatedState?: unknown;
  lastError?: string | null;
}

const json = (v: unknown) => JSON.stringify(v ?? null);

const toRecord = (r: Selectable<ProjectEnvironmentsTable>): EnvironmentRecord => ({
  projectId: r.project_id, driver: r.driver, plan: r.plan as EnvironmentPlan | null, steps: r.steps as ProvisioningStep[],
  outputs: r.outputs as Record<string, unknown> | null, resources: r.resources as ProvisionedResource[], simulatedState: r.simulated_state,
  lastError: r.last_error, updatedAt: r.updated_at,
});

/** One row per project: the latest plan, step progress and results of provisioning its environment. */
export class EnvironmentsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(projectId: string): Promise<EnvironmentRecord | null> {
    const r = await this.db.selectFrom('project_environments').selectAll().where('project_id', '=', projectId).executeTakeFirst();
    return r ? toRecord(r) : null;
  }

  /** The environments of several projects in one query (a listing must not read them one by one). */
  async getMany(projectIds: readonly string[]): Promise<Map<string, EnvironmentRecord>> {
    if (!projectIds.length) return new Map();
    const rows = await this.db.selectFrom('project_environments').selectAll().where(inUuids('project_id', [...new Set(projectIds)])).execute();
    return new Map(rows.map((r) => [r.project_id, toRecord(r)]));
  }

  async save(projectId: string, driver: string, patch: EnvironmentPatch): Promise<void> {
    const values = {
      ...(patch.plan !== undefined && { plan: json(patch.plan) }),
      ...(patch.steps !== undefined && { steps: json(patch.steps) }),
      ...(patch.outputs !== undefined && { outputs: json(patch.outputs) }),
      ...(patch.resources !== undefined && { resources: json(patch.resources) }),
      ...(patch.simulatedState !== undefined && { simulated_state: json(patch.simulatedState) }),
      ...(patch.lastError !== undefined && { last_error: patch.lastError }),
    };
    await this.db.insertInto('project_environments')
      .values({ project_id: projectId, driver, steps: '[]', resources: '[]', ...values })
      .onConflict((oc) => oc.column('project_id').doUpdateSet({ driver, ...values, updated_at: new Date() }))
      .execute();
  }
}
