import { Inject, Injectable } from '@nestjs/common';
import {
  assertCheckersWithinTier, assertKeepsAnAdmin, assertLeavesFailureAllowed, canPersonTransitionProject, checkersAfterTierChange, conflict, findProjectTransition, forbidden, type JobQueuePort,
  notFound, PROJECT_FAILURE_STAGE_OF_ACTION, projectActorsOf, type ProjectRole, type ProjectStatus, type Tier, TIER_POLICIES, withRoles,
} from '@cloister/domain';
import { AuditRepository, type Db, type MemberRecord, type ProjectRecord, ProjectsRepository, UsersRepository } from '@cloister/persistence';
import { type AuditContext, auditBase, type RequestActor } from '../core/request-context';
import { DATABASE, JOB_QUEUE } from '../core/tokens';

export interface ProjectPage {
  readonly items: ProjectRecord[];
  readonly nextCursor: string | null;
}

const encodeCursor = (name: string) => Buffer.from(name, 'utf8').toString('base64url');
const decodeCursor = (cursor: string) => Buffer.from(cursor, 'base64url').toString('utf8');

/** A member named by user id or by email address (addresses are stored lower-case). */
function findMember(members: readonly MemberRecord[], member: string): MemberRecord {
  const found = member.includes('@') ? members.find((m) => m.email === member.toLowerCase()) : members.find((m) => m.userId === member);
  if (!found) throw notFound('MEMBER_NOT_FOUND', `userId: ${member} is not a member of this project`);
  return found;
}

/** Project use cases: each change and its audit event commit in one transaction. */
@Injectable()
export class ProjectsService {
  constructor(
    @Inject(DATABASE) private readonly db: Db,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueuePort,
    private readonly projects: ProjectsRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditRepository,
  ) {}

  async list(actor: RequestActor, cursor: string | undefined, limit: number): Promise<ProjectPage> {
    const items = await this.projects.list({
      ...(!actor.user.isPlatformAdmin && { onlyForUser: actor.user.id }),
      ...(cursor && { afterName: decodeCursor(cursor) }),
      limit: limit + 1,
    });
    const page = items.slice(0, limit);
    return { items: page, nextCursor: items.length > limit ? encodeCursor(page[page.length - 1]!.name) : null };
  }

  async get(projectId: string): Promise<ProjectRecord> {
    const p = await this.projects.findById(projectId);
    if (!p) throw notFound('PROJECT_NOT_FOUND', `no project ${projectId} that you can see`);
    return p;
  }

  async create(input: { name: string; description: string; tier: Tier; checkersRequired?: number; adminEmails: string[] }, ctx: AuditContext): Promise<ProjectRecord> {
    const checkersRequired = input.checkersRequired ?? TIER_POLICIES[input.tier].checkersRequired.default;
    assertCheckersWithinTier(input.tier, checkersRequired);
    return this.db.transaction().execute(async (trx) => {
      if (await this.projects.findByName(input.name, trx)) {
        throw conflict('PROJECT_NAME_TAKEN', `name: a project called "${input.name}" already exists`, { field: 'name' });
      }
      const project = await this.projects.create({ name: input.name, description: input.description, tier: input.tier, checkersRequired, createdBy: ctx.actorId ?? '' }, trx);
      await this.audit.append(trx, { ...auditBase(ctx, project.id), action: 'project.created', targetType: 'project', targetId: project.id, details: { name: project.name, tier: project.tier, checkersRequired } });
      for (const email of new Set(input.adminEmails)) {
        const user = await this.users.ensureByEmail(email, null, trx);
        await this.projects.addRoles(project.id, user.id, ['project_admin'], ctx.actorId ?? user.id, trx);
        await this.audit.append(trx, { ...auditBase(ctx, project.id), action: 'project.member_added', targetType: 'user', targetId: user.id, details: { email, roles: ['project_admin'] } });
      }
      return project;
    });
  }

  async updateSettings(projectId: string, changes: { name?: string; description?: string; tier?: Tier; checkersRequired?: number }, ctx: AuditContext): Promise<ProjectRecord> {
    return this.db.transaction().execute(async (trx) => {
      const before = await this.lockOrThrow(projectId, trx);
      const tier = changes.tier ?? before.tier;
      // Moving to a tier whose bounds exclude the current value adopts that tier's default, unless one is given.
      const checkersRequired = changes.checkersRequired ?? checkersAfterTierChange(tier, before.checkersRequired);
      assertCheckersWithinTier(tier, checkersRequired);
      if (changes.name && changes.name.toLowerCase() !== before.name.toLowerCase() && (await this.projects.findByName(changes.name, trx))) {
        throw conflict('PROJECT_NAME_TAKEN', `name: a project called "${changes.name}" already exists`, { field: 'name' });
      }
      const after = await this.projects.update(projectId, { ...changes, tier, checkersRequired }, trx);
      await this.audit.append(trx, {
        ...auditBase(ctx, projectId), action: 'project.settings_changed', targetType: 'project', targetId: projectId,
        details: { before: { name: before.name, tier: before.tier, checkersRequired: before.checkersRequired }, after: { name: after.name, tier: after.tier, checkersRequired: after.checkersRequired } },
      });
      return after;
    });
  }

  async transition(projectId: string, to: ProjectStatus, actor: RequestActor, ctx: AuditContext): Promise<ProjectRecord> {
    return this.db.transaction().execute(async (trx) => {
      const project = await this.lockOrThrow(projectId, trx);
      const transition = findProjectTransition(project.status, to);
      if (!transition) throw conflict('INVALID_TRANSITION', `to: a project cannot go from ${project.status} to ${to}`, { from: project.status, to });
      if (!canPersonTransitionProject(project.status, to, projectActorsOf(actor.user.isPlatformAdmin, actor.projectRoles))) throw forbidden('TRANSITION_NOT_ALLOWED', `your role may not move a project from ${project.status} to ${to} (allowed: ${transition.actors.join(', ')})`);
      if (project.status === 'failed') {
        const failure = await this.audit.latestAction(trx, projectId, Object.keys(PROJECT_FAILURE_STAGE_OF_ACTION).map((a) => `project.${a}`));
        assertLeavesFailureAllowed(failure ? PROJECT_FAILURE_STAGE_OF_ACTION[failure.slice('project.'.length)] ?? null : null, to);
      }
      const updated = await this.projects.update(projectId, { status: to }, trx);
      await this.audit.append(trx, { ...auditBase(ctx, projectId), action: `project.${transition.action}`, targetType: 'project', targetId: projectId, details: { from: project.status, to } });
      if (to === 'provisioning') {
        // Each provisioning attempt is a new job; a repeated request within one attempt is the same job.
        const attempt = await this.audit.count(trx, projectId, ['project.provision', 'project.retry']);
        await this.jobs.enqueue('provisioning', 'provision-project', { projectId }, `provision:${projectId}:${attempt}`);
      }
      if (to === 'decommissioning') {
        // Likewise per attempt: a retried decommission after a failed one must not reuse the failed job's id.
        const attempt = await this.audit.count(trx, projectId, ['project.decommission']);
        await this.jobs.enqueue('provisioning', 'decommission-project', { projectId }, `decommission:${projectId}:${attempt}`);
      }
      return updated;
    });
  }

  async members(projectId: string): Promise<MemberRecord[]> {
    return this.projects.members(projectId);
  }

  async addMember(projectId: string, email: string, roles: ProjectRole[], ctx: AuditContext): Promise<MemberRecord> {
    return this.db.transaction().execute(async (trx) => {
      await this.lockOrThrow(projectId, trx);
      const user = await this.users.ensureByEmail(email, null, trx);
      if ((await this.projects.rolesOf(projectId, user.id, trx)).length) {
        throw conflict('MEMBER_EXISTS', `email: ${email} is already a member; change their roles instead`, { field: 'email', userId: user.id });
      }
      await this.projects.addRoles(projectId, user.id, roles, ctx.actorId ?? user.id, trx);
      await this.audit.append(trx, { ...auditBase(ctx, projectId), action: 'project.member_added', targetType: 'user', targetId: user.id, details: { email, roles, invited: user.subject === null } });
      return this.memberOrThrow(projectId, user.id, trx);
    });
  }

  /** `member` is the member's user id or email address. */
  async setRoles(projectId: string, member: string, roles: ProjectRole[], ctx: AuditContext): Promise<MemberRecord> {
    return this.db.transaction().execute(async (trx) => {
      await this.lockOrThrow(projectId, trx);
      const members = await this.projects.members(projectId, trx);
      const current = findMember(members, member);
      const userId = current.userId;
      assertKeepsAnAdmin(withRoles(members, userId, roles));
      const removed = current.roles.filter((r) => !roles.includes(r));
      const added = roles.filter((r) => !current.roles.includes(r));
      await this.projects.removeRoles(projectId, userId, removed, trx);
      await this.projects.addRoles(projectId, userId, added, ctx.actorId ?? userId, trx);
      await this.audit.append(trx, { ...auditBase(ctx, projectId), action: 'project.member_roles_changed', targetType: 'user', targetId: userId, details: { email: current.email, added, removed } });
      return this.memberOrThrow(projectId, userId, trx);
    });
  }

  /** `member` is the member's user id or email address. */
  async removeMember(projectId: string, member: string, ctx: AuditContext): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.lockOrThrow(projectId, trx);
      const members = await this.projects.members(projectId, trx);
      const current = findMember(members, member);
      const userId = current.userId;
      assertKeepsAnAdmin(withRoles(members, userId, []));
      await this.projects.removeRoles(projectId, userId, current.roles, trx);
      await this.audit.append(trx, { ...auditBase(ctx, projectId), action: 'project.member_removed', targetType: 'user', targetId: userId, details: { email: current.email, roles: current.roles } });
    });
  }

  async assignAdmin(projectId: string, email: string, ctx: AuditContext): Promise<MemberRecord> {
    return this.db.transaction().execute(async (trx) => {
      await this.lockOrThrow(projectId, trx);
      const user = await this.users.ensureByEmail(email, null, trx);
      if ((await this.projects.rolesOf(projectId, user.id, trx)).includes('project_admin')) {
        throw conflict('MEMBER_EXISTS', `email: ${email} is already a project admin`, { field: 'email' });
      }
      await this.projects.addRoles(projectId, user.id, ['project_admin'], ctx.actorId ?? user.id, trx);
      await this.audit.append(trx, { ...auditBase(ctx, projectId), action: 'project.admin_assigned', targetType: 'user', targetId: user.id, details: { email } });
      return this.memberOrThrow(projectId, user.id, trx);
    });
  }

  private async lockOrThrow(projectId: string, trx: Parameters<ProjectsRepository['lock']>[1]): Promise<ProjectRecord> {
    const p = await this.projects.lock(projectId, trx);
    if (!p) throw notFound('PROJECT_NOT_FOUND', `no project ${projectId} that you can see`);
    return p;
  }

  private async memberOrThrow(projectId: string, userId: string, trx: Parameters<ProjectsRepository['members']>[1]): Promise<MemberRecord> {
    const m = (await this.projects.members(projectId, trx)).find((x) => x.userId === userId);
    if (!m) throw new Error(`member ${userId} missing right after change`);
    return m;
  }
}
