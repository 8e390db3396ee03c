import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import type { Executor } from './audit.repository';
import { inUuids } from './id-list';

/** One file a researcher staged in the secure account's export container: metadata only, never the bytes. */
export interface StagedOutputRecord {
  readonly id: string;
  readonly projectId: string;
  readonly userId: string;
  /** NFC, relative, '/'-separated, as validated by the ingress file-name policy. */
  readonly path: string;
  /** Blob name in the secure `export` container: `<projectId>/<userId>/<path>`. */
  readonly blobName: string;
  readonly size: number;
  readonly sha256: string;
  readonly contentType: string;
  /** Azure blob version of the staged bytes; null on Azurite (no versioning). */
  readonly versionId: string | null;
  readonly modifiedAt: Date;
}

export type StagedOutputInput = Omit<StagedOutputRecord, 'id'>;

type Row = {
  id: string; project_id: string; user_id: string; path: string; blob_name: string; size: string; sha256: string; content_type: string;
  version_id: string | null; modified_at: Date;
};
const toRecord = (r: Row): StagedOutputRecord => ({
  id: r.id, projectId: r.project_id, userId: r.user_id, path: r.path, blobName: r.blob_name, size: Number(r.size), sha256: r.sha256.trim(),
  contentType: r.content_type, versionId: r.version_id, modifiedAt: r.modified_at,
});

export class StagedOutputsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Records the current bytes of (project, user, path): a re-staged file keeps its id and gets the new metadata. */
  async upsert(o: StagedOutputInput, ex: Executor = this.db): Promise<StagedOutputRecord> {
    const values = {
      project_id: o.projectId, user_id: o.userId, path: o.path, blob_name: o.blobName, size: o.size, sha256: o.sha256, content_type: o.contentType,
      version_id: o.versionId, modified_at: o.modifiedAt,
    };
    const r = await ex.insertInto('staged_outputs').values(values)
      .onConflict((oc) => oc.columns(['project_id', 'user_id', 'path']).doUpdateSet({
        blob_name: o.blobName, size: o.size, sha256: o.sha256, content_type: o.contentType, version_id: o.versionId, modified_at: o.modifiedAt,
      }))
      .returningAll().executeTakeFirstOrThrow();
    return toRecord(r);
  }

  /** A project's staged outputs (one user's when `userId` is given), by user then path. */
  async list(projectId: string, userId?: string, ex: Executor = this.db): Promise<StagedOutputRecord[]> {
    let q = ex.selectFrom('staged_outputs').selectAll().where('project_id', '=', projectId);
    if (userId !== undefined) q = q.where('user_id', '=', userId);
    return (await q.orderBy('user_id').orderBy('path').execute()).map(toRecord);
  }

  async find(projectId: string, userId: string, path: string, ex: Executor = this.db): Promise<StagedOutputRecord | null> {
    const r = await ex.selectFrom('staged_outputs').selectAll().where('project_id', '=', projectId).where('user_id', '=', userId).where('path', '=', path).executeTakeFirst();
    return r ? toRecord(r) : null;
  }

  async findById(id: string, ex: Executor = this.db): Promise<StagedOutputRecord | null> {
    const r = await ex.selectFrom('staged_outputs').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toRecord(r) : null;
  }

  /**
   * Reads these staged files and locks their rows until the transaction ends, in id order so that two
   * transactions locking overlapping sets never wait on each other crosswise. Saving a request that includes a
   * file holds its lock, so a second save of the same file waits, then sees the first's request. Ids that name no
   * row are skipped.
   */
  async lockByIds(ids: readonly string[], trx: Executor): Promise<StagedOutputRecord[]> {
    if (!ids.length) return [];
    const rows = await trx.selectFrom('staged_outputs').selectAll().where(inUuids('id', [...new Set(ids)])).orderBy('id').forUpdate().execute();
    return rows.map(toRecord);
  }

  /** Deletes the row; true when there was one. */
  async remove(id: string, ex: Executor = this.db): Promise<boolean> {
    const r = await ex.deleteFrom('staged_outputs').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}
