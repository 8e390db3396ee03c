import { Inject, Injectable } from '@nestjs/common';
import type { ApiConfig } from '@cloister/config';
import { checkProjectInvariants, type InvariantViolation, loadProjectTemplate, SAMPLE_PROJECT_PARAMETERS, SECURITY_INVARIANTS } from '@cloister/infra-templates';
import { type Db, EnvironmentsRepository, ProjectsRepository } from '@cloister/persistence';
import { API_CONFIG, DATABASE } from '../core/tokens';

export interface InvariantResult {
  readonly id: string;
  readonly title: string;
  readonly check: string;
  readonly passed: boolean;
  readonly violations: { resourceType: string; resourceName: string; message: string }[];
}

/**
 * Every project's security posture: the security invariants of the template its environment was deployed from (the
 * compiled project template, checked on its expansion), and — in azure mode — Azure Policy compliance.
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

  async posture() {
    const projects = await new ProjectsRepository(this.db).list({ limit: 500 });
    const environments = new EnvironmentsRepository(this.db);
    const invariants = this.invariants();
    const items = [];
    for (const p of projects) {
      const env = await environments.get(p.id);
      const deployed = Boolean(env && env.resources.length > 0);
      items.push({
        projectId: p.id, name: p.name, status: p.status, tier: p.tier,
        environment: env ? { driver: env.driver, simulated: env.driver === 'local-simulated', deployed, updatedAt: env.updatedAt.toISOString() } : null,
        invariants: deployed ? invariants : [],
        policyCompliance: this.config.CLOISTER_MODE === 'azure'
          ? { available: false, reason: 'Azure Policy compliance is summarised by the platform assignment in the Azure portal; per-project summaries are not read yet.' }
          : { available: false, reason: 'Local mode has no Azure Policy; the template invariants above are what Azure Policy would also enforce.' },
      });
    }
    return { mode: this.config.CLOISTER_MODE, items };
  }
}
