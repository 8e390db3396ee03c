import type { ProjectRole } from '@cloister/domain';
import type { Db } from '../database';
import { AuditRepository } from '../repositories/audit.repository';
import { ProjectsRepository } from '../repositories/projects.repository';
import { UsersRepository } from '../repositories/users.repository';

/** The demo users every local installation starts with; tests and docs rely on these exact addresses. */
export const DEMO_USERS: readonly { email: string; name: string; platformAdmin: boolean; roles: readonly ProjectRole[] }[] = [
  { email: 'admin@example.org', name: 'Ada Admin', platformAdmin: true, roles: [] },
  { email: 'pi@example.org', name: 'Priya Investigator', platformAdmin: false, roles: ['project_admin'] },
  { email: 'owner@example.org', name: 'Owen Owner', platformAdmin: false, roles: ['data_owner'] },
  { email: 'researcher@example.org', name: 'Rosa Researcher', platformAdmin: false, roles: ['researcher'] },
  { email: 'checker1@example.org', name: 'Chen Checker', platformAdmin: false, roles: ['output_checker'] },
  { email: 'checker2@example.org', name: 'Chiara Checker', platformAdmin: false, roles: ['output_checker'] },
  { email: 'outsider@example.org', name: 'Otto Outsider', platformAdmin: false, roles: [] },
];

export const DEMO_PROJECT = { name: 'Demo study', description: 'A tier 3 demonstration project with synthetic data.', tier: 3 as const, checkersRequired: 2 };

/** Seeds the demo users and project. Idempotent: a second run changes nothing. Returns the demo project's id. */
export async function seedDemoData(db: Db): Promise<{ projectId: string; created: boolean }> {
  const users = new UsersRepository(db);
  const projects = new ProjectsRepository(db);
  const audit = new AuditRepository(db);
  return db.transaction().execute(async (trx) => {
    const existing = await projects.findByName(DEMO_PROJECT.name, trx);
    if (existing) return { projectId: existing.id, created: false };
    const admin = DEMO_USERS[0]!;
    const ids = new Map<string, string>();
    for (const u of DEMO_USERS) {
      const user = await users.ensureByEmail(u.email, u.name, trx);
      if (u.platformAdmin) await users.setPlatformAdmin(user.id, true, trx);
      ids.set(u.email, user.id);
    }
    const adminId = ids.get(admin.email)!;
    const project = await projects.create({ ...DEMO_PROJECT, createdBy: adminId }, trx);
    await projects.update(project.id, { status: 'active' }, trx);
    for (const u of DEMO_USERS) await projects.addRoles(project.id, ids.get(u.email)!, u.roles, adminId, trx);
    await audit.append(trx, {
      actorId: null, actorEmail: null, action: 'platform.demo_data_seeded', targetType: 'project', targetId: project.id, projectId: project.id,
      requestId: null, sourceIp: null, details: { users: DEMO_USERS.map((u) => u.email) },
    });
    return { projectId: project.id, created: true };
  });
}
