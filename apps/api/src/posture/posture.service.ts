import { Inject, Injectable } from '@nestjs/common';
import type { ApiConfig } from '@cloister/config';
import { checkProjectInvariants, type InvariantViolation, loadProjectTemplate, SAMPLE_PROJECT_PARAMETERS, SECURITY_INVARIANTS } from '@cloister/infra-templates';
import { type Db, EnvironmentsRepository, PolicyComplianceRepository, ProjectsRepository, type StoredCompliance } from '@cloister/persistence';
import { API_CONFIG, DATABASE } from '../core/tokens';

export interface InvariantResult {
  readonly id: string;
  readonly title: string;
  readonly check: string;
  readonly passed: boolean;
  readonly violations: { resourceType: string; resourceName: string; message: string }[];
}

export interface PolicyComplianceView {
  readonly evaluatedAt: string | null;
  readonly note: string;
  readonly summary: {
    source: StoredCompliance['source']; simulated: boolean; resourceGroup: string; compliantResources: number; nonCompliantResources: number;
    nonCompliantPolicies: { policyDefinitionId: string; name: string; effect: string | null; nonCompliantResources: number; controls: string[] }[];
    sweptAt: string;
  } | null;
}

const encodeNameCursor = (name: string) => Buffer.from(name, 'utf8').toString('base64url');
const decodeNameCursor = (cursor: string) => Buffer.from(cursor, 'base64url').toString('utf8');

/** The stored summary as the posture view shows it, with a note on where it comes from (or why there is none). */
function complianceView(stored: StoredCompliance | null, deployed: boolean): PolicyComplianceView {
  if (!stored) {
    return {
      evaluatedAt: null, summary: null,
      note: deployed ? 'Not evaluated yet: the worker\'s posture sweep reads compliance every 30 minutes.' : 'Nothing deployed to evaluate.',
    };
  }
  return {
    evaluatedAt: stored.evaluatedAt.toISOString(),
    note: stored.simulated
      ? 'Simulated: local mode has no Azure Policy, so the deployed template\'s security invariants are evaluated as policies, mapped to the initiative\'s controls.'
      : 'Azure Policy: latest states of the regulatory initiative assigned to the subscription, for this resource group.',
    summary: {
      source: stored.source, simulated: stored.simulated, resourceGroup: stored.resourceGroup, compliantResources: stored.compliantResources,
      nonCompliantResources: stored.nonCompliantResources, nonCompliantPolicies: stored.nonCompliantPolicies.map((p) => ({ ...p, controls: [...p.controls] })),
      sweptAt: stored.sweptAt.toISOString(),
    },
  };
}

/**
 * Every project's security posture: the security invariants of the template its environment was deployed from (the
 * compiled project template, checked on its expansion), and policy compliance as the worker's posture sweep last
 * stored it (Azure Policy in azure mode, a simulated evaluation locally). The API itself holds no Azure credentials.
 */
@Injectable()
export class PostureService {
  private templateResults: InvariantResult[] | null = null;

  constructor(@Inject(DATABASE) private readonly db: Db, @Inject(API_CONFIG) private readonly config: ApiConfig) {}

  /** The template is the same compiled JSON for every project, so it is checked once per process. */
  private invariants(): InvariantResult[] {
    if (!this.templateResults) {
      const violations: InvariantViolation[] = checkProjectInvariants(loadProjectTemplate(), { parameters: { ...SAMPLE_PROJECT_PARAMETERS } });
      this.templateResults = SECURITY_INVARIANTS.filter((i) => !['control-plane-private', 'platform-security-services'].includes(i.id)).map((i) => {
        const mine = violations.filter((v) => v.invariant === i.id);
        return { id: i.id, title: i.title, check: i.check, passed: mine.length === 0, violations: mine.map((v) => ({ resourceType: v.resourceType, resourceName: v.resourceName, message: v.message })) };
      });
    }
    return this.templateResults;
  }

  /** One page of projects by name (the cursor is the last name seen), with the platform's own compliance. */
  async posture(cursor: string | undefined, limit: number) {
    const listed = await new ProjectsRepository(this.db).list({ ...(cursor && { afterName: decodeNameCursor(cursor) }), limit: limit + 1 });
    const projects = listed.slice(0, limit);
    const ids = projects.map((p) => p.id);
    const [environments, compliance] = await Promise.all([new EnvironmentsRepository(this.db).getMany(ids), new PolicyComplianceRepository(this.db).forPlatformAnd(ids)]);
    const invariants = this.invariants();
    const items = [];
    for (const p of projects) {
      const env = environments.get(p.id);
      const deployed = Boolean(env && env.resources.length > 0);
      items.push({
        projectId: p.id, name: p.name, status: p.status, tier: p.tier,
        environment: env ? { driver: env.driver, simulated: env.driver === 'local-simulated', deployed, updatedAt: env.updatedAt.toISOString() } : null,
        invariants: deployed ? invariants : [],
        policyCompliance: complianceView(compliance.projects.get(p.id) ?? null, deployed),
      });
    }
    const nextCursor = listed.length > limit ? encodeNameCursor(projects[projects.length - 1]!.name) : null;
    return { mode: this.config.CLOISTER_MODE, platform: { policyCompliance: complianceView(compliance.platform, true) }, items, nextCursor };
  }
}
