import { Inject, Injectable } from '@nestjs/common';
import { forbidden, unauthenticated } from '@cloister/domain';
import { type Db, ProjectsRepository, type UserRecord, UsersRepository, type WorkspaceCredentialRecord, WorkspaceCredentialsRepository } from '@cloister/persistence';
import { DATABASE } from '../core-tokens';

/** Who is staging: the project's workspace (by its credential) on behalf of one of the project's researchers. */
export interface WorkspaceCaller {
  readonly projectId: string;
  readonly credentialId: string;
  readonly researcher: UserRecord;
}

const BEARER = /^Bearer ([\w.~+/=-]{16,512})$/;

@Injectable()
export class WorkspaceAuthenticator {
  private readonly credentials: WorkspaceCredentialsRepository;
  private readonly users: UsersRepository;
  private readonly projects: ProjectsRepository;

  constructor(@Inject(DATABASE) db: Db) {
    this.credentials = new WorkspaceCredentialsRepository(db);
    this.users = new UsersRepository(db);
    this.projects = new ProjectsRepository(db);
  }

  /** The workspace credential must belong to THIS project; a user's API token is never accepted here. */
  async credential(projectId: string, authorization: string | undefined): Promise<WorkspaceCredentialRecord> {
    const token = BEARER.exec(authorization ?? '')?.[1];
    const found = token ? await this.credentials.findValid(projectId, token) : null;
    if (!found) throw unauthenticated('WORKSPACE_CREDENTIAL_INVALID', 'the workspace credential is missing, revoked or not this project\'s');
    return found;
  }

  /** The credential plus the researcher it stages for: a member of the project holding the researcher role. */
  async caller(projectId: string, authorization: string | undefined, email: string): Promise<WorkspaceCaller> {
    const credential = await this.credential(projectId, authorization);
    const user = await this.users.findByEmail(email);
    const roles = user ? await this.projects.rolesOf(projectId, user.id) : [];
    if (!user || !roles.includes('researcher')) throw forbidden('NOT_A_PROJECT_RESEARCHER', `query.user: ${email} is not a researcher of this project`);
    return { projectId, credentialId: credential.id, researcher: user };
  }
}
