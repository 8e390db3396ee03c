import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import type { Executor } from './audit.repository';

/** A project-scoped credential a workspace presents to the secure gateway. The token itself is never stored. */
export interface WorkspaceCredentialRecord {
  readonly id: string;
  readonly projectId: string;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}

/** The stored form of a workspace token: its SHA-256 (the token has 256 random bits, so no salt or slow hash is needed). */
export const workspaceTokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

const toRecord = (r: { id: string; project_id: string; created_at: Date; revoked_at: Date | null }): WorkspaceCredentialRecord => ({
  id: r.id, projectId: r.project_id, createdAt: r.created_at, revokedAt: r.revoked_at,
});

export class WorkspaceCredentialsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(projectId: string, token: string, ex: Executor = this.db): Promise<WorkspaceCredentialRecord> {
    const r = await ex.insertInto('workspace_credentials').values({ project_id: projectId, token_hash: workspaceTokenHash(token) })
      .returning(['id', 'project_id', 'created_at', 'revoked_at']).executeTakeFirstOrThrow();
    return toRecord(r);
  }

  /** The unrevoked credential of `projectId` whose token this is, or null (wrong token, other project, or revoked). */
  async findValid(projectId: string, token: string, ex: Executor = this.db): Promise<WorkspaceCredentialRecord | null> {
    const r = await ex.selectFrom('workspace_credentials').select(['id', 'project_id', 'created_at', 'revoked_at'])
      .where('token_hash', '=', workspaceTokenHash(token)).where('project_id', '=', projectId).where('revoked_at', 'is', null).executeTakeFirst();
    return r ? toRecord(r) : null;
  }

  async listValid(projectId: string, ex: Executor = this.db): Promise<WorkspaceCredentialRecord[]> {
    const rows = await ex.selectFrom('workspace_credentials').select(['id', 'project_id', 'created_at', 'revoked_at'])
      .where('project_id', '=', projectId).where('revoked_at', 'is', null).orderBy('created_at').execute();
    return rows.map(toRecord);
  }

  /** Revokes every unrevoked credential of the project except `keepId`; returns the ids it revoked. */
  async revokeOthers(projectId: string, keepId: string | null, ex: Executor = this.db): Promise<string[]> {
    let q = ex.updateTable('workspace_credentials').set({ revoked_at: new Date() }).where('project_id', '=', projectId).where('revoked_at', 'is', null);
    if (keepId) q = q.where('id', '<>', keepId);
    return (await q.returning('id').execute()).map((r) => r.id);
  }
}
