import { type RecordedRequest, type StopReason, type SweepWorkspace, type UsageRun, WORKSPACE_IN_PROGRESS, type WorkspaceKind, type WorkspaceStatus } from '@cloister/domain';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema';
import type { Executor } from './audit.repository';
import { inUuids } from './id-list';

export interface WorkspaceRecord {
  readonly id: string;
  readonly projectId: string;
  readonly name: string;
  readonly kind: WorkspaceKind;
  readonly size: string;
  /** Null for a shared workspace. */
  readonly ownerId: string | null;
  readonly ownerEmail: string | null;
  readonly status: WorkspaceStatus;
  readonly statusSince: Date;
  readonly lastStopReason: StopReason | null;
  /** Who asked for the current start or stop (set on each move into starting or stopping). */
  readonly requested: RecordedRequest;
  readonly resourceId: string | null;
  readonly failureReason: string | null;
  readonly lastConnectedAt: Date | null;
  readonly createdAt: Date;
}

export interface MyWorkspaceRecord extends WorkspaceRecord {
  readonly projectName: string;
}

const columns = [
  'workspaces.id', 'workspaces.project_id', 'workspaces.name', 'workspaces.kind', 'workspaces.size', 'workspaces.owner_id', 'users.email as owner_email',
  'workspaces.status', 'workspaces.status_since', 'workspaces.last_stop_reason', 'workspaces.requested_reason', 'workspaces.requested_due_at', 'workspaces.resource_id', 'workspaces.failure_reason',
  'workspaces.last_connected_at', 'workspaces.created_at',
] as const;

type Row = {
  id: string; project_id: string; name: string; kind: string; size: string; owner_id: string | null; owner_email: string | null; status: string;
  status_since: Date; last_stop_reason: string | null; requested_reason: string | null; requested_due_at: Date | null; resource_id: string | null; failure_reason: string | null; last_connected_at: Date | null; created_at: Date;
};

const toRecord = (r: Row): WorkspaceRecord => ({
  id: r.id, projectId: r.project_id, name: r.name, kind: r.kind as WorkspaceKind, size: r.size, ownerId: r.owner_id, ownerEmail: r.owner_email,
  status: r.status as WorkspaceStatus, statusSince: r.status_since, lastStopReason: r.last_stop_reason as StopReason | null,
  requested: { reason: r.requested_reason as StopReason | null, dueAt: r.requested_due_at }, resourceId: r.resource_id,
  failureReason: r.failure_reason, lastConnectedAt: r.last_connected_at, createdAt: r.created_at,
});

export interface StatusChange {
  /** Why this move (into starting or stopping) was requested, and the instant an automatic one fell due; omitted: by a person. */
  readonly requested?: { readonly reason: StopReason; readonly dueAt: Date | null };
  readonly lastStopReason?: StopReason | null;
  readonly resourceId?: string | null;
  readonly failureReason?: string | null;
}

/** Workspaces and their running periods. Deleted workspaces keep their rows (their runs still cost money this month). */
export class WorkspacesRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private select(ex: Executor) {
    return ex.selectFrom('workspaces').leftJoin('users', 'users.id', 'workspaces.owner_id').select(columns).where('workspaces.deleted_at', 'is', null);
  }

  async create(w: { projectId: string; name: string; kind: WorkspaceKind; size: string; ownerId: string | null; createdBy: string }, ex: Executor): Promise<WorkspaceRecord> {
    const { id } = await ex.insertInto('workspaces')
      .values({ project_id: w.projectId, name: w.name, kind: w.kind, size: w.size, owner_id: w.ownerId, status: 'creating', created_by: w.createdBy })
      .returning('id').executeTakeFirstOrThrow();
    return (await this.findById(id, ex))!;
  }

  async findById(id: string, ex: Executor = this.db): Promise<WorkspaceRecord | null> {
    const r = await this.select(ex).where('workspaces.id', '=', id).executeTakeFirst();
    return r ? toRecord(r) : null;
  }

  /** These workspaces, not deleted (others are skipped), in one query whatever their number (one array parameter). */
  async findByIds(ids: readonly string[], ex: Executor = this.db): Promise<WorkspaceRecord[]> {
    if (!ids.length) return [];
    return (await this.select(ex).where(inUuids('workspaces.id', [...new Set(ids)])).execute()).map(toRecord);
  }

  async findByName(projectId: string, name: string, ex: Executor = this.db): Promise<WorkspaceRecord | null> {
    const r = await this.select(ex).where('workspaces.project_id', '=', projectId).where(sql`lower(workspaces.name)`, '=', name.toLowerCase()).executeTakeFirst();
    return r ? toRecord(r) : null;
  }

  /** Locks the row for the rest of the transaction, so an API call and a job never move one workspace at once. */
  async lock(id: string, ex: Executor): Promise<WorkspaceRecord | null> {
    await ex.selectFrom('workspaces').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
    return this.findById(id, ex);
  }

  async listByProject(projectId: string): Promise<WorkspaceRecord[]> {
    return (await this.select(this.db).where('workspaces.project_id', '=', projectId).orderBy('workspaces.name').execute()).map(toRecord);
  }

  /** A researcher's own workspaces, and the shared ones of projects where they are a researcher, across projects. */
  async listForResearcher(userId: string): Promise<MyWorkspaceRecord[]> {
    const rows = await this.select(this.db).innerJoin('projects', 'projects.id', 'workspaces.project_id').select('projects.name as project_name')
      .where((eb) => eb.exists(eb.selectFrom('project_members').select('project_members.user_id').whereRef('project_members.project_id', '=', 'workspaces.project_id')
        .where('project_members.user_id', '=', userId).where('project_members.role', '=', 'researcher')))
      .where((eb) => eb.or([eb('workspaces.owner_id', '=', userId), eb('workspaces.owner_id', 'is', null)]))
      .orderBy('projects.name').orderBy('workspaces.name').execute();
    return rows.map((r) => ({ ...toRecord(r), projectName: r.project_name }));
  }

  /**
   * Moves the status (the caller checked the transition) and records when, so sweeps can compare against it. Every
   * move into an in-progress state rewrites the requested reason, so an automatic stop's never outlives it into a
   * person's later request.
   */
  async setStatus(id: string, status: WorkspaceStatus, ex: Executor, change: StatusChange = {}, at = new Date()): Promise<void> {
    await ex.updateTable('workspaces').set({
      status, status_since: at,
      ...(WORKSPACE_IN_PROGRESS.includes(status) && { requested_reason: change.requested?.reason ?? null, requested_due_at: change.requested?.dueAt ?? null }),
      ...(change.lastStopReason !== undefined && { last_stop_reason: change.lastStopReason }),
      ...(change.resourceId !== undefined && { resource_id: change.resourceId }),
      ...(change.failureReason !== undefined && { failure_reason: change.failureReason }),
    }).where('id', '=', id).execute();
  }

  async markDeleted(id: string, ex: Executor): Promise<void> {
    await ex.updateTable('workspaces').set({ deleted_at: new Date() }).where('id', '=', id).execute();
  }

  async markConnected(id: string, ex: Executor, at = new Date()): Promise<void> {
    await ex.updateTable('workspaces').set({ last_connected_at: at }).where('id', '=', id).execute();
  }

  /** Opens a running period (at most one open per workspace, so a repeated job opens nothing new). */
  async openRun(w: { id: string; projectId: string; size: string }, at: Date, ex: Executor): Promise<void> {
    await ex.insertInto('workspace_runs').values({ workspace_id: w.id, project_id: w.projectId, size: w.size, started_at: at })
      .onConflict((oc) => oc.column('workspace_id').where('stopped_at', 'is', null).doNothing()).execute();
  }

  async closeRun(workspaceId: string, at: Date, reason: StopReason | null, ex: Executor): Promise<void> {
    await ex.updateTable('workspace_runs').set({ stopped_at: at, stop_reason: reason }).where('workspace_id', '=', workspaceId).where('stopped_at', 'is', null).execute();
  }

  /** Running periods of a project that overlap [from, to). */
  async runsOverlapping(projectId: string, from: Date, to: Date): Promise<UsageRun[]> {
    const rows = await this.db.selectFrom('workspace_runs').select(['workspace_id', 'size', 'started_at', 'stopped_at', 'stop_reason'])
      .where('project_id', '=', projectId).where('started_at', '<', to)
      .where((eb) => eb.or([eb('stopped_at', 'is', null), eb('stopped_at', '>=', from)])).orderBy('started_at').execute();
    return rows.map((r) => ({ workspaceId: r.workspace_id, size: r.size, startedAt: r.started_at, stoppedAt: r.stopped_at, stopReason: r.stop_reason as StopReason | null }));
  }

  /** Every live running or stopped workspace, in the shape the due-action decision reads. */
  async forSweep(): Promise<SweepWorkspace[]> {
    const rows = await this.db.selectFrom('workspaces').select(['id', 'project_id', 'status', 'status_since', 'last_stop_reason'])
      .where('deleted_at', 'is', null).where('status', 'in', ['running', 'stopped']).execute();
    return rows.map((r) => ({ id: r.id, projectId: r.project_id, status: r.status as WorkspaceStatus, statusSinceMs: r.status_since.getTime(), lastStopReason: r.last_stop_reason as StopReason | null }));
  }
}
