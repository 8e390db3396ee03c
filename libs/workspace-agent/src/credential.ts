import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** What the platform gives a workspace: the gateway's address and the project's workspace credential. */
export interface AgentCredential {
  readonly gatewayUrl: string;
  readonly projectId: string;
  readonly credential: string;
}

/** A problem the agent reports as `error: …` (exit status 1). */
export class AgentError extends Error {
  override readonly name = 'AgentError';
}

/** $CLOISTER_AGENT_CREDENTIAL, else `<$CLOISTER_DATA_DIR or .cloister>/workspaces/<project>/agent-credential.json` (from the working directory). */
export function credentialPath(projectId: string, env: Readonly<Record<string, string | undefined>>, cwd: string): string {
  const explicit = env['CLOISTER_AGENT_CREDENTIAL'];
  if (explicit) return resolve(cwd, explicit);
  return resolve(cwd, env['CLOISTER_DATA_DIR'] || '.cloister', join('workspaces', projectId, 'agent-credential.json'));
}

export function readCredential(file: string, projectId: string): AgentCredential {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new AgentError(code === 'ENOENT' ? `no workspace credential at ${file} (set CLOISTER_AGENT_CREDENTIAL)` : `cannot read the workspace credential ${file}: ${code ?? String(e)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AgentError(`the workspace credential ${file} is not JSON`);
  }
  return credentialOf(parsed, `the workspace credential ${file}`, projectId);
}

/** Checks delivered credential JSON (from a file or a Key Vault secret) for the project; `source` names it in errors. */
export function credentialOf(parsed: unknown, source: string, projectId: string): AgentCredential {
  const { gatewayUrl, projectId: fileProject, credential } = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Partial<Record<keyof AgentCredential, unknown>>;
  if (typeof gatewayUrl !== 'string' || typeof fileProject !== 'string' || typeof credential !== 'string' || !credential) {
    throw new AgentError(`${source} lacks gatewayUrl, projectId or credential`);
  }
  if (!/^https?:\/\//.test(gatewayUrl)) throw new AgentError(`${source} has no http(s) gatewayUrl`);
  if (fileProject !== projectId) throw new AgentError(`${source} is for project ${fileProject}, not ${projectId}`);
  return { gatewayUrl, projectId: fileProject, credential };
}
