import { Inject, Injectable } from '@nestjs/common';
import { azureConnectLink, SimulatedCompute } from '@cloister/adapters';
import type { ApiConfig } from '@cloister/config';
import {
  assertMayCreateWorkspace, budgetBlocksStart, canConnectWorkspace, canPersonTransitionWorkspace, conflict, type ConnectLink, findWorkspaceTransition, forbidden, hourlyRateOf, type JobQueuePort, monthKey, notFound,
  type ProjectRole, sizeOf, targetOf, validationError, type WorkspaceKind, type WorkspaceStatus, workspaceActorsOf,
} from '@cloister/domain';
import { AuditRepository, ComputePoliciesRepository, type Db, ProjectsRepository, type WorkspaceRecord, WorkspacesRepository } from '@cloister/persistence';
import { type AuditContext, auditBase } from '../core/request-context';
import { API_CONFIG, DATABASE, JOB_QUEUE } from '../core/tokens';

export interface Person {
  readonly userId: string;
  readonly roles: readonly ProjectRole[];
}

/**
 * Workspace use cases on the API side: each person request is one checked transition (the domain's table decides
 * who may do what to which workspace) written with its audit event, then a job does the cloud work.
 */
@Injectable()
export class WorkspacesService {
  private readonly workspaces: WorkspacesRepository;
  private readonly audit: AuditRepository;

  constructor(@Inject(DATABASE) private readonly db: Db, @Inject(JOB_QUEUE) private readonly jobs: JobQueuePort, @Inject(API_CONFIG) private readonly config: ApiConfig) {
    this.workspaces = new WorkspacesRepository(db);
    this.audit = new AuditRepository(db);
  }

  get simulated(): boolean {
    return this.config.CLOISTER_MODE === 'local';
  }

  /** What this person may do to this workspace right now. */
  allowed(w: WorkspaceRecord, person: Person) {
    const actors = workspaceActorsOf(w, person.userId, person.roles);
    const can = (to: WorkspaceStatus) => canPersonTransitionWorkspace(w.status, to, actors);
    return { start: can('starting'), stop: can('stopping'), delete: can('deleting'), connect: canConnectWorkspace(w.status, actors) };
  }

  /** Project admins see every workspace; researchers their own and the shared ones. */
  async list(projectId: string, person: Person): Promise<WorkspaceRecord[]> {
    const all = await this.workspaces.listByProject(projectId);
    return all.filter((w) => workspaceActorsOf(w, person.userId, person.roles).length > 0);
  }

  /** The researcher's own and shared workspaces across projects, each with the person they are in its project. */
  async mine(userId: string) {
    const workspaces = await this.workspaces.listForResearcher(userId);
    // Their roles in each project: a researcher who is also its admin may do more there (delete a shared workspace).
    const roles = new Map((await new ProjectsRepository(this.db).membershipsOf(userId)).map((m) => [m.project.id, m.roles]));
    return workspaces.map((workspace) => ({ workspace, person: { userId, roles: roles.get(workspace.projectId) ?? [] } satisfies Person }));
  }

  async create(projectId: string, input: { name: string; kind: WorkspaceKind; size: string; shared: boolean }, person: Person, ctx: AuditContext): Promise<WorkspaceRecord> {
    if (sizeOf(input.size)?.kind !== input.kind) {
      throw validationError('SIZE_NOT_FOR_KIND', `size: ${input.size} is not offered for ${input.kind} workspaces`, { field: 'size' });
    }
    assertMayCreateWorkspace(input.shared, person.roles);
    const w = await this.db.transaction().execute(async (trx) => {
      const project = await new ProjectsRepository(this.db).lock(projectId, trx);
      if (project?.status !== 'active') throw conflict('PROJECT_NOT_ACTIVE', `the project is ${project?.status}; workspaces run only in an active (provisioned) project`);
      await this.refuseIfBudgetSpent(projectId, trx);
      if (await this.workspaces.findByName(projectId, input.name, trx)) {
        throw conflict('WORKSPACE_NAME_TAKEN', `name: this project already has a workspace called "${input.name}"`, { field: 'name' });
      }
      const created = await this.workspaces.create({ projectId, name: input.name, kind: input.kind, size: input.size, ownerId: input.shared ? null : person.userId, createdBy: person.userId }, trx);
      await this.audit.append(trx, { ...this.base(ctx, projectId, created.id), action: 'workspace.create_requested', details: { name: created.name, kind: created.kind, size: created.size, shared: input.shared } });
      return created;
    });
    await this.jobs.enqueue('workspaces', 'create-workspace', { workspaceId: w.id }, `workspace-create:${w.id}`);
    return w;
  }

  async start(projectId: string, workspaceId: string, person: Person, ctx: AuditContext) {
    return this.move(projectId, workspaceId, 'starting', person, ctx, async (w) => {
      await this.jobs.enqueue('workspaces', 'start-workspace', { workspaceId: w.id, reason: 'manual', dueAt: null }, `workspace-start:${w.id}:${w.statusSince.toISOString()}`);
    });
  }

  async stop(projectId: string, workspaceId: string, person: Person, ctx: AuditContext) {
    return this.move(projectId, workspaceId, 'stopping', person, ctx, async (w) => {
      await this.jobs.enqueue('workspaces', 'stop-workspace', { workspaceId: w.id, reason: 'manual', dueAt: null }, `workspace-stop:${w.id}:${w.statusSince.toISOString()}`);
    });
  }

  async delete(projectId: string, workspaceId: string, person: Person, ctx: AuditContext) {
    return this.move(projectId, workspaceId, 'deleting', person, ctx, async (w) => {
      await this.jobs.enqueue('workspaces', 'delete-workspace', { workspaceId: w.id }, `workspace-delete:${w.id}:${w.statusSince.toISOString()}`);
    });
  }

  /** The link to open the workspace (azure: Azure Virtual Desktop; local: a notice). Recorded in the audit trail. */
  async connect(projectId: string, workspaceId: string, person: Person, ctx: AuditContext): Promise<ConnectLink> {
    const w = await this.visible(projectId, workspaceId, person);
    if (!this.allowed(w, person).connect) throw conflict('WORKSPACE_NOT_RUNNING', `${w.name} is ${w.status}; start it first`);
    await this.db.transaction().execute(async (trx) => {
      await this.workspaces.markConnected(w.id, trx);
      await this.audit.append(trx, { ...this.base(ctx, projectId, w.id), action: 'workspace.connected', details: { name: w.name } });
    });
    return this.simulated ? new SimulatedCompute({ speed: 1 }).connectLink(targetOf(w)) : azureConnectLink(targetOf(w));
  }

  private async visible(projectId: string, workspaceId: string, person: Person): Promise<WorkspaceRecord> {
    const w = await this.workspaces.findById(workspaceId);
    if (!w || w.projectId !== projectId || workspaceActorsOf(w, person.userId, person.roles).length === 0) {
      throw notFound('WORKSPACE_NOT_FOUND', `no workspace ${workspaceId} that you can use in this project`);
    }
    return w;
  }

  private async refuseIfBudgetSpent(projectId: string, ex: Parameters<ComputePoliciesRepository['budget']>[1]): Promise<void> {
    const policies = new ComputePoliciesRepository(this.db);
    const budget = await policies.budget(projectId, ex);
    const month = await policies.budgetMonth(projectId, monthKey(new Date()), ex);
    if (budgetBlocksStart(budget, month?.exhaustedAt ?? null)) {
      throw conflict('BUDGET_EXHAUSTED', `this month's compute budget (${budget?.monthlyAmount} ${budget?.currency}) is spent and the project stops compute at the limit`);
    }
  }

  /** One person-requested transition, checked against the domain's table, with its audit event; then the job. */
  private async move(projectId: string, workspaceId: string, to: WorkspaceStatus, person: Person, ctx: AuditContext, then: (w: WorkspaceRecord) => Promise<void>): Promise<WorkspaceRecord> {
    await this.visible(projectId, workspaceId, person);
    const moved = await this.db.transaction().execute(async (trx) => {
      const w = await this.workspaces.lock(workspaceId, trx);
      if (!w) throw notFound('WORKSPACE_NOT_FOUND', `no workspace ${workspaceId}`);
      const transition = findWorkspaceTransition(w.status, to);
      if (!transition) throw conflict('WORKSPACE_TRANSITION_NOT_ALLOWED', `${w.name} is ${w.status}; it cannot go to ${to} from there`, { status: w.status });
      if (!canPersonTransitionWorkspace(w.status, to, workspaceActorsOf(w, person.userId, person.roles))) {
        throw forbidden('WORKSPACE_TRANSITION_NOT_ALLOWED', `you may not move ${w.name} from ${w.status} to ${to} (allowed: ${transition.actors.join(', ')})`);
      }
      if (to === 'starting') await this.refuseIfBudgetSpent(projectId, trx);
      await this.workspaces.setStatus(w.id, to, trx);
      await this.audit.append(trx, { ...this.base(ctx, projectId, w.id), action: `workspace.${transition.action}`, details: { name: w.name, from: w.status, to } });
      return (await this.workspaces.findById(w.id, trx))!;
    });
    await then(moved);
    return moved;
  }

  private base(ctx: AuditContext, projectId: string, workspaceId: string) {
    return { ...auditBase(ctx, projectId), targetType: 'workspace', targetId: workspaceId };
  }

  rate(w: WorkspaceRecord): number {
    return hourlyRateOf(w.size);
  }
}
