import { Inject, Injectable, Logger } from '@nestjs/common';
import { type ComplianceScope, complianceChanged, type PolicyCompliancePort, type PolicyComplianceSummary } from '@cloister/domain';
import { AuditRepository, type ComplianceScopeKey, type Db, EnvironmentsRepository, PolicyComplianceRepository, type ProjectRecord, ProjectsRepository } from '@cloister/persistence';
import { DATABASE } from '../core-tokens';
import { OnJob } from '../jobs/on-job.decorator';
import { environmentSpecOf } from '../provisioning/environment-spec';
import { POLICY_COMPLIANCE } from './posture-tokens';

// Suspended projects keep their resources, so their compliance still matters; others have none deployed.
const SWEPT_STATUSES = new Set(['active', 'suspended']);

/**
 * The posture sweep: reads policy compliance for the platform and every deployed project and stores the latest
 * summary for the posture view. Re-running it rewrites the same rows; an audit event is written only when what
 * fails changed, in the same transaction as the write.
 */
@Injectable()
export class PostureSweepHandlers {
  private readonly logger = new Logger('posture');

  constructor(@Inject(DATABASE) private readonly db: Db, @Inject(POLICY_COMPLIANCE) private readonly compliance: PolicyCompliancePort) {}

  @OnJob('maintenance', 'posture-sweep')
  async postureSweep(): Promise<{ scopes: number; changed: number; failed: number }> {
    const now = new Date();
    const targets: { key: ComplianceScopeKey; scope: ComplianceScope }[] = [{ key: 'platform', scope: { kind: 'platform' } }];
    const environments = new EnvironmentsRepository(this.db);
    for (const project of await this.projects()) {
      if (!SWEPT_STATUSES.has(project.status)) continue;
      const env = await environments.get(project.id);
      if (env && env.resources.length > 0) targets.push({ key: { projectId: project.id }, scope: { kind: 'project', environment: environmentSpecOf(project) } });
    }
    let changed = 0;
    let failed = 0;
    for (const { key, scope } of targets) {
      try {
        if (await this.store(key, await this.compliance.summarize(scope, now), now)) changed += 1;
      } catch (e) {
        // One scope's Azure error must not hold up the others; the next tick reads it again.
        failed += 1;
        this.logger.warn(`posture sweep of ${key === 'platform' ? 'the platform' : `project ${key.projectId}`} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return { scopes: targets.length, changed, failed };
  }

  private async projects(): Promise<ProjectRecord[]> {
    const repo = new ProjectsRepository(this.db);
    const all: ProjectRecord[] = [];
    for (let page = await repo.list({ limit: 500 }); page.length > 0; page = await repo.list({ limit: 500, afterName: page[page.length - 1]!.name })) all.push(...page);
    return all;
  }

  private store(key: ComplianceScopeKey, summary: PolicyComplianceSummary, now: Date): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const repo = new PolicyComplianceRepository(this.db);
      await repo.lock(key, trx);
      const previous = await repo.get(key, trx);
      await repo.save(key, summary, now, trx);
      if (!complianceChanged(previous, summary)) return false;
      const projectId = key === 'platform' ? null : key.projectId;
      await new AuditRepository(this.db).append(trx, {
        actorId: null, actorEmail: null, action: 'posture.compliance_changed', targetType: key === 'platform' ? 'platform' : 'project', targetId: projectId, projectId,
        requestId: null, sourceIp: null,
        details: {
          source: summary.source, simulated: summary.simulated, resourceGroup: summary.resourceGroup, compliantResources: summary.compliantResources,
          nonCompliantResources: summary.nonCompliantResources, nonCompliantPolicies: summary.nonCompliantPolicies.slice(0, 50).map((p) => p.name),
          previousNonCompliantResources: previous?.nonCompliantResources ?? null, evaluatedAt: summary.evaluatedAt.toISOString(),
        },
      });
      return true;
    });
  }
}
