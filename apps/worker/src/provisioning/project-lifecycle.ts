import { canTransitionProject, type ProjectStatus } from '@cloister/domain';
import { AuditRepository, type Db, ProjectsRepository } from '@cloister/persistence';

/**
 * Applies a system-driven project transition with its audit event, once: if the project is no longer in `from`
 * (a retry after the work already committed), it does nothing and says so.
 */
export async function applySystemTransition(
  db: Db, projectId: string, from: ProjectStatus, to: ProjectStatus, action: string, details: Record<string, unknown>,
): Promise<'applied' | 'already-done' | 'not-applicable'> {
  if (!canTransitionProject(from, to, 'system')) throw new Error(`the platform may not move a project from ${from} to ${to}`);
  const projects = new ProjectsRepository(db);
  const audit = new AuditRepository(db);
  return db.transaction().execute(async (trx) => {
    const project = await projects.lock(projectId, trx);
    if (!project) return 'not-applicable';
    if (project.status === to) return 'already-done';
    if (project.status !== from) return 'not-applicable';
    await projects.update(projectId, { status: to }, trx);
    await audit.append(trx, { actorId: null, actorEmail: null, action: `project.${action}`, targetType: 'project', targetId: projectId, projectId, requestId: null, sourceIp: null, details: { from, to, ...details } });
    return 'applied';
  });
}
