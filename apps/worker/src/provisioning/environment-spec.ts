import type { WorkerEnv } from '@cloister/config';
import type { ProjectEnvironmentSpec } from '@cloister/domain';
import type { ProjectRecord } from '@cloister/persistence';
import { VM_ADMIN_USERNAME, vmAdminPassword } from './vm-admin-credentials';

/** A short DNS-safe name for resource naming: words of the project name plus a slice of its id, so it is unique. */
export function projectSlug(project: ProjectRecord): string {
  const words = project.name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 20);
  return `${words || 'project'}-${project.id.slice(0, 8)}`.replace(/-+/g, '-');
}

/** The project's environment identity: enough to destroy it or read its compliance, not to deploy it. */
export function environmentSpecOf(project: ProjectRecord): ProjectEnvironmentSpec {
  return { projectId: project.id, projectSlug: projectSlug(project), tier: project.tier, parameters: {} };
}

/**
 * The spec a deployment (what-if and deploy) needs. Azure mode adds the VMs' break-glass credentials the template
 * requires; local mode's simulation leaves unset parameters unknown and never sees a password.
 */
export function deploymentSpecOf(project: ProjectRecord, config: Pick<WorkerEnv, 'CLOISTER_MODE' | 'VM_ADMIN_PASSWORD_SECRET'>): ProjectEnvironmentSpec {
  const spec = environmentSpecOf(project);
  if (config.CLOISTER_MODE !== 'azure') return spec;
  // loadWorkerConfig refuses azure mode without the secret; this guards hand-built configs.
  if (!config.VM_ADMIN_PASSWORD_SECRET) throw new Error('VM_ADMIN_PASSWORD_SECRET is required to deploy a project environment in azure mode');
  return { ...spec, parameters: { vmAdminUsername: VM_ADMIN_USERNAME, vmAdminPassword: vmAdminPassword(config.VM_ADMIN_PASSWORD_SECRET, project.id) } };
}
