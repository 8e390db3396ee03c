import type { ObjectStoragePort, SecureStorageDirectoryPort } from '@cloister/domain';

/**
 * Local mode's secure storage directory: every project lives in the one (sealed) Azurite secure account, each under
 * its own `<projectId>/` prefix, so every project gets the same storage object.
 */
export class SingleAccountSecureStorageDirectory implements SecureStorageDirectoryPort {
  constructor(private readonly storage: ObjectStoragePort) {}

  async forProject(): Promise<ObjectStoragePort> {
    return this.storage;
  }
}
