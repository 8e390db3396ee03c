import type { ProjectRole, ProjectStatus, Tier } from '@cloister/domain';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema';
import type { Executor } from './audit.repository';
import { inUuids } from './id-list';

export interface ProjectRecord {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly tier: Tier;
  readonly status: ProjectStatus;
  readonly checkersRequired: number;
  readonly createdAt: Date;
}

export interface MemberRecord {
  readonly userId: string;
  readonly email: string;
  readonly displayName: string;
  readonly roles: ProjectRole[];
  readonly invited: boolean;
}

type ProjectRow = { id: string; name: string; description: string; tier: number; status: string; checkers_required: number; created_at: Date };
const projectColumns = ['id', 'name', 'description', 'tier', 'status', 'checkers_required', 'created_at'] as const;
const toProject = (r: ProjectRow): ProjectRecord => ({
  id: r.id, name: r.name, description: r.description, tier: r.tier as Tier, status: r.status as ProjectStatus,
  checkersRequired: r.checkers_required, createdAt: r.created_at,
});

export class ProjectsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(p: { name: string; description: string; tier: Tier; checkersRequired: number; createdBy: string }, ex: Executor): Promise<ProjectRecord> {
    const r = await ex.insertInto('projects')
      .values({ name: p.name, description: p.description, tier: p.tier, status: 'draft', checkers_required: p.checkersRequired, created_by: p.createdBy })
      .returning(projectColumns).executeTakeFirstOrThrow();
    return toProject(r);
  }

  async findById(id: string, ex: Executor = this.db): Promise<ProjectRecord | null> {
    const r = await ex.selectFrom('projects').select(projectColumns).where('id', '=', id).executeTakeFirst();
    return r ? toProject(r) : null;
  }

  /** These projects (ids naming none are skipped), in one query. */
  async findByIds(ids: readonly string[], ex: Executor = this.db): Promise<ProjectRecord[]> {
    if (!ids.length) return [];
    return (await ex.selectFrom('projects').select(projectColumns).where(inUuids('id', [...new Set(ids)])).execute()).map(toProject);
  }

  async findByName(name: string, ex: Executor = this.db): Promise<ProjectRecord | null> {
    const r = await ex.selectFrom('projects').select(projectColumns).where(sql`lower(name)`, '=', name.toLowerCase()).executeTakeFirst();
    return r ? toProject(r) : null;
  }

  /** Locks the row for the rest of the transaction, so concurrent changes to one project serialise. */
  async lock(id: string, ex: Executor): Promise<ProjectRecord | null> {
    const r = await ex.selectFrom('projects').select(projectColumns).where('id', '=', id).forUpdate().executeTakeFirst();
    return r ? toProject(r) : null;
  }

  async list(options: { onlyForUser?: string; afterName?: string; limit: number }): Promise<ProjectRecord[]> {
    let q = this.db.selectFrom('projects').select(projectColumns).orderBy('name').limit(options.limit);
    if (options.onlyForUser) {
      const uid = options.onlyForUser;
      q = q.where((eb) => eb.exists(eb.selectFrom('project_members').select('project_id').whereRef('project_members.project_id', '=', 'projects.id').where('user_id', '=', uid)));
    }
    if (options.afterName) q = q.where('name', '>', options.afterName);
    return (await q.execute()).map(toProject);
  }

  async update(id: string, changes: Partial<{ name: string; description: string; tier: Tier; checkersRequired: number; status: ProjectStatus }>, ex: Executor): Promise<ProjectRecord> {
    const r = await ex.updateTable('projects')
      .set({
        ...(changes.name !== undefined && { name: changes.name }),
        ...(changes.description !== undefined && { description: changes.description }),
        ...(changes.tier !== undefined && { tier: changes.tier }),
        ...(changes.checkersRequired !== undefined && { checkers_required: changes.checkersRequired }),
        ...(changes.status !== undefined && { status: changes.status }),
        updated_at: new Date(),
      })
      .where('id', '=', id).returning(projectColumns).executeTakeFirstOrThrow();
    return toProject(r);
  }

  async rolesOf(projectId: string, userId: string, ex: Executor = this.db): Promise<ProjectRole[]> {
    const rows = await ex.selectFrom('project_members').select('role').where('project_id', '=', projectId).where('user_id', '=', userId).execute();
    return rows.map((r) => r.role as ProjectRole);
  }

  /** Every project the user belongs to, with their roles there. */
  async membershipsOf(userId: string): Promise<{ project: ProjectRecord; roles: ProjectRole[] }[]> {
    const rows = await this.db.selectFrom('project_members').innerJoin('projects', 'projects.id', 'project_members.project_id')
      .select(['projects.id', 'projects.name', 'projects.description', 'projects.tier', 'projects.status', 'projects.checkers_required', 'projects.created_at', 'project_members.role'])
      .where('project_members.user_id', '=', userId).orderBy('projects.name').execute();
    const byId = new Map<string, { project: ProjectRecord; roles: ProjectRole[] }>();
    for (const r of rows) {
      const entry = byId.get(r.id) ?? { project: toProject(r), roles: [] };
      entry.roles.push(r.role as ProjectRole);
      byId.set(r.id, entry);
    }
    return [...byId.values()];
  }

  async members(projectId: string, ex: Executor = this.db): Promise<MemberRecord[]> {
    const rows = await ex.selectFrom('project_members').innerJoin('users', 'users.id', 'project_members.user_id')
      .select(['users.id', 'users.email', 'users.display_name', 'users.subject', 'project_members.role'])
      .where('project_members.project_id', '=', projectId).orderBy('users.email').orderBy('project_members.role').execute();
    const byUser = new Map<string, MemberRecord>();
    for (const r of rows) {
      const m = byUser.get(r.id) ?? { userId: r.id, email: r.email, displayName: r.display_name, roles: [], invited: r.subject === null };
      m.roles.push(r.role as ProjectRole);
      byUser.set(r.id, m);
    }
    return [...byUser.values()];
  }

  async addRoles(projectId: string, userId: string, roles: readonly ProjectRole[], addedBy: string, ex: Executor): Promise<void> {
    if (!roles.length) return;
    await ex.insertInto('project_members').values(roles.map((role) => ({ project_id: projectId, user_id: userId, role, added_by: addedBy })))
      .onConflict((oc) => oc.columns(['project_id', 'user_id', 'role']).doNothing()).execute();
  }

  async removeRoles(projectId: string, userId: string, roles: readonly ProjectRole[], ex: Executor): Promise<void> {
    if (!roles.length) return;
    await ex.deleteFrom('project_members').where('project_id', '=', projectId).where('user_id', '=', userId).where('role', 'in', [...roles]).execute();
  }
}
