import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { WorkerEnv } from '@cloister/config';
import { AuditRepository, type Db, ProjectsRepository, WorkspaceCredentialsRepository } from '@cloister/persistence';
import { DATABASE, WORKER_CONFIG } from '../core-tokens';

/** What a workspace is given to stage outputs: where the gateway is, which project, and the project's credential. */
export interface AgentCredentialFile {
  readonly gatewayUrl: string;
  readonly projectId: string;
  readonly credential: string;
}

/** `<data dir>/workspaces/<projectId>/agent-credential.json`: the local stand-in for the secret a project's VMs receive. */
export const agentCredentialPath = (dataDir: string, projectId: string) => join(dataDir, 'workspaces', projectId, 'agent-credential.json');

/** The address the worker's gateway answers on, as written into credential files. */
export function gatewayUrlOf(config: Pick<WorkerEnv, 'WORKER_HOST' | 'WORKER_PORT'>): string {
  const host = config.WORKER_HOST === '0.0.0.0' || config.WORKER_HOST === '::' ? '127.0.0.1' : config.WORKER_HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.WORKER_PORT}`;
}

/**
 * Gives every active project one workspace credential: at boot and right after a project is provisioned. The
 * database keeps only the token's hash. Local mode delivers the token as a 0600 file under the data dir; in azure
 * mode the project's VMs receive it through the project's Key Vault (not built yet, so nothing is issued there).
 * Idempotent: a project whose delivered credential is still valid keeps it.
 */
@Injectable()
export class WorkspaceCredentialIssuer implements OnApplicationBootstrap {
  private readonly logger = new Logger('workspace-credentials');
  private readonly projects: ProjectsRepository;
  private readonly credentials: WorkspaceCredentialsRepository;
  private readonly audit: AuditRepository;

  constructor(@Inject(DATABASE) private readonly db: Db, @Inject(WORKER_CONFIG) private readonly config: WorkerEnv) {
    this.projects = new ProjectsRepository(db);
    this.credentials = new WorkspaceCredentialsRepository(db);
    this.audit = new AuditRepository(db);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.CLOISTER_MODE !== 'local') return;
    const active = await this.db.selectFrom('projects').select('id').where('status', '=', 'active').orderBy('id').execute();
    for (const { id } of active) await this.ensureForProject(id);
  }

  /**
   * Makes sure the project has a valid delivered credential. Never throws: a failure is logged, and the next boot or
   * provisioning run tries again (staging then answers 401 until it succeeds).
   */
  async ensureForProject(projectId: string): Promise<'kept' | 'issued' | 'not-applicable' | 'failed'> {
    if (this.config.CLOISTER_MODE !== 'local') return 'not-applicable';
    try {
      return await this.ensureLocal(projectId);
    } catch (e) {
      this.logger.error(`could not issue the workspace credential of project ${projectId}: ${e instanceof Error ? e.message : String(e)}`);
      return 'failed';
    }
  }

  private async ensureLocal(projectId: string): Promise<'kept' | 'issued' | 'not-applicable'> {
    const file = agentCredentialPath(this.config.CLOISTER_DATA_DIR, projectId);
    const gatewayUrl = gatewayUrlOf(this.config);
    // The project row lock serialises workers issuing at once; the file is written before commit, under that lock,
    // so a second issuer always sees the first one's file together with its committed row.
    return this.db.transaction().execute(async (trx) => {
      const project = await this.projects.lock(projectId, trx);
      if (project?.status !== 'active') return 'not-applicable';
      const delivered = readCredentialFile(file);
      if (delivered?.projectId === projectId && (await this.credentials.findValid(projectId, delivered.credential, trx))) {
        if (delivered.gatewayUrl !== gatewayUrl) writeCredentialFile(file, { ...delivered, gatewayUrl });
        return 'kept';
      }
      const token = `cwa_${randomBytes(32).toString('base64url')}`;
      const created = await this.credentials.create(projectId, token, trx);
      // Only the delivered credential is valid: one that was lost with its file can never be presented legitimately.
      const revoked = await this.credentials.revokeOthers(projectId, created.id, trx);
      await this.audit.append(trx, {
        actorId: null, actorEmail: null, action: 'workspace.credential.issued', targetType: 'workspace_credential', targetId: created.id, projectId,
        requestId: null, sourceIp: null, details: { delivery: 'local-file', revoked },
      });
      writeCredentialFile(file, { gatewayUrl, projectId, credential: token });
      return 'issued';
    });
  }
}

function readCredentialFile(file: string): AgentCredentialFile | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<AgentCredentialFile>;
    return typeof parsed.credential === 'string' && typeof parsed.projectId === 'string' && typeof parsed.gatewayUrl === 'string'
      ? { gatewayUrl: parsed.gatewayUrl, projectId: parsed.projectId, credential: parsed.credential } : null;
  } catch {
    return null;
  }
}

/** Written to a temporary file and renamed, so a reader never sees half a credential. */
function writeCredentialFile(file: string, content: AgentCredentialFile): void {
  mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
}
