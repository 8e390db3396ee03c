import type { NonCompliantPolicy, PolicyComplianceSummary } from '@cloister/domain';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, PolicyComplianceTable } from '../schema';
import type { Executor } from './audit.repository';
import { inTexts } from './id-list';

/** A project's compliance (by id), or the platform's. */
export type ComplianceScopeKey = { readonly projectId: string } | 'platform';

export interface StoredCompliance extends PolicyComplianceSummary {
  readonly projectId: string | null;
  /** When the sweep last read it (evaluatedAt is when Azure Policy, or the simulation, evaluated it). */
  readonly sweptAt: Date;
}

// Key space of the two-key advisory locks taken per scope (any constant, distinct from other lock users).
const LOCK_CLASS = 4_242_009;

const keyOf = (scope: ComplianceScopeKey) => (scope === 'platform' ? 'platform' : `project:${scope.projectId}`);

function toStored(r: Selectable<PolicyComplianceTable>): StoredCompliance {
  return {
    projectId: r.project_id, source: r.source as StoredCompliance['source'], simulated: r.simulated, resourceGroup: r.resource_group,
    compliantResources: r.compliant_resources, nonCompliantResources: r.non_compliant_resources,
    nonCompliantPolicies: r.non_compliant_policies as NonCompliantPolicy[], evaluatedAt: r.evaluated_at, sweptAt: r.swept_at,
  };
}

/** The latest policy compliance summary per project and for the platform (one row each, overwritten per sweep). */
export class PolicyComplianceRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The stored summary. */
  async get(scope: ComplianceScopeKey, ex: Executor = this.db): Promise<StoredCompliance | null> {
    const r = await ex.selectFrom('policy_compliance').selectAll().where('scope_key', '=', keyOf(scope)).executeTakeFirst();
    return r ? toStored(r) : null;
  }

  /**
   * Serialises read-compare-write of one scope until the transaction ends, so two sweeps running at once cannot both
   * see "no summary yet" (a row lock cannot cover a row that does not exist).
   */
  async lock(scope: ComplianceScopeKey, trx: Executor): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(${LOCK_CLASS}, hashtext(${keyOf(scope)}))`.execute(trx);
  }

  /** Replaces the scope's summary (re-saving the same summary is harmless). */
  async save(scope: ComplianceScopeKey, s: PolicyComplianceSummary, at: Date, ex: Executor = this.db): Promise<void> {
    const v = {
      source: s.source, simulated: s.simulated, resource_group: s.resourceGroup, compliant_resources: s.compliantResources,
      non_compliant_resources: s.nonCompliantResources, non_compliant_policies: JSON.stringify(s.nonCompliantPolicies), evaluated_at: s.evaluatedAt, swept_at: at,
    };
    await ex.insertInto('policy_compliance')
      .values({ scope_key: keyOf(scope), project_id: scope === 'platform' ? null : scope.projectId, ...v })
      .onConflict((oc) => oc.column('scope_key').doUpdateSet(v))
      .execute();
  }

  /** The platform's summary and those of the given projects, by project id. */
  async forPlatformAnd(projectIds: readonly string[]): Promise<{ platform: StoredCompliance | null; projects: Map<string, StoredCompliance> }> {
    const keys = ['platform', ...projectIds.map((id) => `project:${id}`)];
    const rows = (await this.db.selectFrom('policy_compliance').selectAll().where(inTexts('scope_key', keys)).execute()).map(toStored);
    return {
      platform: rows.find((r) => r.projectId === null) ?? null,
      projects: new Map(rows.flatMap((r) => (r.projectId ? [[r.projectId, r] as const] : []))),
    };
  }
}
