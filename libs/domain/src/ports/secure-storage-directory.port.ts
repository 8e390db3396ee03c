import type { ObjectStoragePort } from './object-storage.port';

/** The code thrown when a project has no provisioned secure storage account to route to (yet). */
export const PROJECT_NOT_PROVISIONED = 'PROJECT_NOT_PROVISIONED';

/**
 * Finds the secure storage a project's data lives in. Local mode: the one Azurite secure account, shared by every
 * project (each under its own `<projectId>/` prefix). Azure mode: the project's own account, deployed by its
 * provisioning (the project template's `secureStorageAccountName` output). Writes through the returned storage
 * pass the seal check.
 */
export interface SecureStorageDirectoryPort {
  forProject(projectId: string): Promise<ObjectStoragePort>;
}
