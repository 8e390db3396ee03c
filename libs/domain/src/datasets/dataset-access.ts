import type { ProjectRole } from '../users/roles';
import type { DatasetActor, DatasetStatus } from './dataset-status';

/**
 * Which versions of a dataset a member may see (status and manifest only — contents never leave the secure side).
 * The data owner who brought it sees every version; project admins and researchers see available ones.
 */
export function canSeeDatasetVersion(viewer: { userId: string; roles: readonly ProjectRole[] }, ownerId: string, status: DatasetStatus): boolean {
  if (viewer.roles.includes('data_owner') && viewer.userId === ownerId) return true;
  return status === 'available' && (viewer.roles.includes('project_admin') || viewer.roles.includes('researcher'));
}

/** Only the data owner who brought a dataset adds files or versions to it. */
export function canChangeDataset(viewer: { userId: string; roles: readonly ProjectRole[] }, ownerId: string): boolean {
  return viewer.roles.includes('data_owner') && viewer.userId === ownerId;
}

/** The capacity in which a member retries a failed version: the owner who brought it, else a project admin. */
export function datasetActorOf(viewer: { userId: string; roles: readonly ProjectRole[] }, ownerId: string): DatasetActor | null {
  if (canChangeDataset(viewer, ownerId)) return 'data_owner';
  return viewer.roles.includes('project_admin') ? 'project_admin' : null;
}
