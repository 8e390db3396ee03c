import { Inject, Injectable } from '@nestjs/common';
import type { WorkerEnv } from '@cloister/config';
import type { EnvironmentProvisionerPort, JobPayload } from '@cloister/domain';
import { type Db, EnvironmentsRepository, ProjectsRepository } from '@cloister/persistence';
import { DATABASE, ENVIRONMENT_PROVISIONER, WORKER_CONFIG } from '../core-tokens';
import { WorkspaceCredentialIssuer } from '../gateway/workspace-credential-issuer';
import type { JobContext } from '../jobs/job-handler-registry';
import { OnJob } from '../jobs/on-job.decorator';
import { deploymentSpecOf, environmentSpecOf } from './environment-spec';
import { applySystemTransition } from './project-lifecycle';

/** Containers every installation needs on each account; per-project data lives under prefixes inside them. */
export const SECURE_CONTAINERS = ['import', 'export', 'workspace'] as const;
export const PUBLIC_CONTAINERS = ['uploads', 'exports'] as const;

/**
 * Project environments through the provisioner port: a what-if preview kept with the project, the deployment with
 * its steps recorded as they progress, then the outputs and resources. Deploying is idempotent, so a retried or
 * restarted job converges on the same environment.
 */
@Injectable()
export class ProvisioningHandlers {
  private readonly projects: ProjectsRepository;
  private readonly environments: EnvironmentsRepository;

  constructor(
    @Inject(DATABASE) private readonly db: Db, @Inject(ENVIRONMENT_PROVISIONER) private readonly provisioner: EnvironmentProvisionerPort,
    private readonly workspaceCredentials: WorkspaceCredentialIssuer, @Inject(WORKER_CONFIG) private readonly config: WorkerEnv,
  ) {
    this.projects = new ProjectsRepository(db);
    this.environments = new EnvironmentsRepository(db);
  }

  @OnJob('provisioning', 'provision-project')
  async provision({ projectId }: JobPayload<'provisioning', 'provision-project'>, ctx: JobContext): Promise<string> {
    const project = await this.projects.findById(projectId);
    if (!project) return 'not-applicable';
    if (project.status !== 'provisioning') return project.status === 'active' ? 'already-done' : 'not-applicable';
    const spec = deploymentSpecOf(project, this.config);
    const driver = this.provisioner.driver;
    try {
      const plan = await this.provisioner.preview(spec);
      await this.environments.save(project.id, driver, { plan, lastError: null });
      const result = await this.provisioner.deploy(spec, (steps) => this.environments.save(project.id, driver, { steps }));
      await this.environments.save(project.id, driver, { outputs: result.outputs, resources: result.resources });
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      await this.environments.save(project.id, driver, { lastError: reason });
      if (!ctx.finalAttempt) throw e;
      return applySystemTransition(this.db, project.id, 'provisioning', 'failed', 'provisioning_failed', { driver, reason });
    }
    const outcome = await applySystemTransition(this.db, project.id, 'provisioning', 'active', 'provisioned', { driver });
    // The new environment's workspaces can stage outputs from now on (never fails the job; re-done at every boot).
    await this.workspaceCredentials.ensureForProject(project.id);
    return outcome;
  }

  @OnJob('provisioning', 'decommission-project')
  async decommission({ projectId }: JobPayload<'provisioning', 'decommission-project'>, ctx: JobContext): Promise<string> {
    const project = await this.projects.findById(projectId);
    if (!project) return 'not-applicable';
    if (project.status !== 'decommissioning') return project.status === 'archived' ? 'already-done' : 'not-applicable';
    const driver = this.provisioner.driver;
    try {
      await this.provisioner.destroy(environmentSpecOf(project));
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      await this.environments.save(project.id, driver, { lastError: reason });
      // Out of retries: say so (failed), so a platform admin sees it and can decommission again.
      if (!ctx.finalAttempt) throw e;
      return applySystemTransition(this.db, project.id, 'decommissioning', 'failed', 'decommissioning_failed', { driver, reason });
    }
    return applySystemTransition(this.db, project.id, 'decommissioning', 'archived', 'decommissioned', { driver });
  }
}
