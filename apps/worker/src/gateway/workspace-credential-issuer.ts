import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { WorkerEnv } from '@cloister/config';
import type { WorkspaceCredentialVaultPort } from '@cloister/domain';
import { AuditRepository, type Db, ProjectsRepository, WorkspaceCredentialsRepository } from '@cloister/persistence';
import { DATABASE, WORKER_CONFIG, WORKSPACE_CREDENTIAL_VAULT } from '../core-tokens';

/**
 * The address workspaces reach the worker's gateway at, as written into delivered credentials: WORKSPACE_GATEWAY_URL
 * if set (azure mode: the worker's internal address), else the local listener. Null in azure mode without it.
 */
export function gatewayUrlOf(config: Pick<WorkerEnv, 'CLOISTER_MODE' | 'WORKER_HOST' | 'WORKER_PORT' | 'WORKSPACE_GATEWAY_URL'>): string | null {
  if (config.WORKSPACE_GATEWAY_URL) return config.WORKSPACE_GATEWAY_URL.replace(/\/+$/, '');
  if (config.CLOISTER_MODE !== 'local') return null;
  const host = config.WORKER_HOST === '0.0.0.0' || config.WORKER_HOST === '::' ? '127.0.0.1' : config.WORKER_HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.WORKER_PORT}`;
}

/**
 * Gives every active project one workspace credential: at boot and right after a project is provisioned. The
 * database keeps only the token's hash; the token goes to the project's workspaces through the credential vault
 * (local mode: a 0600 file under the data dir; azure mode: a secret in the project's own Key Vault).
 * Idempotent: a project whose delivered credential is still valid keeps it.
 */
@Injectable()
export class WorkspaceCredentialIssuer implements OnApplicationBootstrap {
  private readonly logger = new Logger('workspace-credentials');
  private readonly projects: ProjectsRepository;
  private readonly credentials: WorkspaceCredentialsRepository;
  private readonly audit: AuditRepository;

  constructor(
    @Inject(DATABASE) private readonly db: Db, @Inject(WORKER_CONFIG) private readonly config: WorkerEnv,
    @Inject(WORKSPACE_CREDENTIAL_VAULT) private readonly vault: WorkspaceCredentialVaultPort,
  ) {
    this.projects = new ProjectsRepository(db);
    this.credentials = new WorkspaceCredentialsRepository(db);
    this.audit = new AuditRepository(db);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!gatewayUrlOf(this.config)) {
      this.logger.warn('workspace credentials are not issued: set WORKSPACE_GATEWAY_URL to the address project workspaces reach the gateway at');
      return;
    }
    const active = await this.db.selectFrom('projects').select('id').where('status', '=', 'active').orderBy('id').execute();
    for (const { id } of active) await this.ensureForProject(id);
  }

  /**
   * Makes sure the project has a valid delivered credential. Never throws: a failure is logged, and the next boot or
   * provisioning run tries again (staging then answers 401 until it succeeds).
   */
  async ensureForProject(projectId: string): Promise<'kept' | 'issued' | 'not-applicable' | 'failed'> {
    const gatewayUrl = gatewayUrlOf(this.config);
    if (!gatewayUrl) return 'not-applicable';
    try {
      return await this.ensure(projectId, gatewayUrl);
    } catch (e) {
      this.logger.error(`could not issue the workspace credential of project ${projectId}: ${e instanceof Error ? e.message : String(e)}`);
      return 'failed';
    }
  }

  private async ensure(projectId: string, gatewayUrl: string): Promise<'kept' | 'issued' | 'not-applicable'> {
    // Resolved before the transaction: finding the project's vault may read the database, and the transaction holds a connection.
    const slot = await this.vault.forProject(projectId);
    // The project row lock serialises workers issuing at once; the credential is delivered before commit, under that
    // lock, so a second issuer always sees the first one's delivery together with its committed row. A delivery that
    // fails rolls the new row back, and the credential delivered before stays the valid one.
    return this.db.transaction().execute(async (trx) => {
      const project = await this.projects.lock(projectId, trx);
      if (project?.status !== 'active') return 'not-applicable';
      const delivered = await slot.read();
      if (delivered?.projectId === projectId && (await this.credentials.findValid(projectId, delivered.credential, trx))) {
        if (delivered.gatewayUrl !== gatewayUrl) await slot.deliver({ ...delivered, gatewayUrl });
        return 'kept';
      }
      const token = `cwa_${randomBytes(32).toString('base64url')}`;
      const created = await this.credentials.create(projectId, token, trx);
      // Only the delivered credential is valid: one that was lost with its delivery can never be presented legitimately.
      const revoked = await this.credentials.revokeOthers(projectId, created.id, trx);
      await this.audit.append(trx, {
        actorId: null, actorEmail: null, action: 'workspace.credential.issued', targetType: 'workspace_credential', targetId: created.id, projectId,
        requestId: null, sourceIp: null, details: { delivery: this.vault.delivery, revoked },
      });
      await slot.deliver({ gatewayUrl, projectId, credential: token });
      return 'issued';
    });
  }
}
