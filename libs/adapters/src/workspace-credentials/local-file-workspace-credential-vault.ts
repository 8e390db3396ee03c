import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type DeliveredWorkspaceCredential, deliveredWorkspaceCredentialOf, type ProjectWorkspaceCredentialSlot, type WorkspaceCredentialVaultPort } from '@cloister/domain';

/** `<data dir>/workspaces/<projectId>/agent-credential.json`: the local stand-in for the secret a project's VMs receive. */
export const agentCredentialPath = (dataDir: string, projectId: string) => join(dataDir, 'workspaces', projectId, 'agent-credential.json');

/** Local mode: each project's credential as a 0600 JSON file under the data dir, which the agent reads by default. */
export class LocalFileWorkspaceCredentialVault implements WorkspaceCredentialVaultPort {
  readonly delivery = 'local-file' as const;

  constructor(private readonly dataDir: string) {}

  async forProject(projectId: string): Promise<ProjectWorkspaceCredentialSlot> {
    const file = agentCredentialPath(this.dataDir, projectId);
    return { read: () => readCredentialFile(file), deliver: (content) => writeCredentialFile(file, content) };
  }
}

async function readCredentialFile(file: string): Promise<DeliveredWorkspaceCredential | null> {
  try {
    return deliveredWorkspaceCredentialOf(JSON.parse(await readFile(file, 'utf8')));
  } catch {
    return null;
  }
}

/** Written to a temporary file and renamed, so a reader never sees half a credential. */
async function writeCredentialFile(file: string, content: DeliveredWorkspaceCredential): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, file);
}
