/** What a project's workspaces are given to stage outputs: where the gateway is, which project, and the credential. */
export interface DeliveredWorkspaceCredential {
  readonly gatewayUrl: string;
  readonly projectId: string;
  readonly credential: string;
}

/** How a vault delivers, as recorded in the audit event (`details.delivery`). */
export type WorkspaceCredentialDelivery = 'local-file' | 'key-vault';

/** One project's delivered credential, where its workspaces read it. Does no database I/O. */
export interface ProjectWorkspaceCredentialSlot {
  /** The credential last delivered to the project, or null when there is none (or it is unreadable). */
  read(): Promise<DeliveredWorkspaceCredential | null>;
  /** Replaces the project's delivered credential; a reader sees the old content or the new, never a mix. */
  deliver(content: DeliveredWorkspaceCredential): Promise<void>;
}

/**
 * Where a project's workspace-agent credential is put for its workspaces to read. Local: a 0600 JSON file under
 * the data dir; azure: a secret in the project's own Key Vault, which the project's VMs read with their managed
 * identity. The platform database keeps only the token's hash, so the vault holds the one readable copy.
 * `forProject` resolves where (azure: the vault in the project's provisioning outputs, a database read) before the
 * caller opens its transaction, so vault I/O under the project lock never needs a second connection.
 */
export interface WorkspaceCredentialVaultPort {
  readonly delivery: WorkspaceCredentialDelivery;
  forProject(projectId: string): Promise<ProjectWorkspaceCredentialSlot>;
}

/** The delivered credential in a vault's stored JSON, or null when it lacks a field (a damaged or foreign value). */
export function deliveredWorkspaceCredentialOf(value: unknown): DeliveredWorkspaceCredential | null {
  if (typeof value !== 'object' || value === null) return null;
  const { gatewayUrl, projectId, credential } = value as Partial<Record<keyof DeliveredWorkspaceCredential, unknown>>;
  return typeof gatewayUrl === 'string' && typeof projectId === 'string' && typeof credential === 'string' && credential !== ''
    ? { gatewayUrl, projectId, credential } : null;
}
