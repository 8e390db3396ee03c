import type { ProjectEnvironmentSpec } from '@cloister/domain';
import type { ProjectRecord } from '@cloister/persistence';

/** A short DNS-safe name for resource naming: words of the project name plus a slice of its id, so it is unique. */
export function projectSlug(project: ProjectRecord): string {
  const words = project.name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 20);
  return `${words || 'project'}-${project.id.slice(0, 8)}`.replace(/-+/g, '-');
}

export function environmentSpecOf(project: ProjectRecord): ProjectEnvironmentSpec {
  return { projectId: project.id, projectSlug: projectSlug(project), tier: project.tier, parameters: {} };
}
