import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { type Command, parseCommand, USAGE, UsageError } from './args';
import { type AgentCredential, AgentError, credentialPath, readCredential } from './credential';
import { readCredentialFromKeyVault } from './key-vault-credential';
import { GatewayClient } from './gateway-client';

export interface AgentIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** Runs one `cloister-agent` invocation; resolves with its exit status (0 done, 1 failed, 2 usage error). */
export async function runAgent(argv: readonly string[], io: AgentIo): Promise<number> {
  let command;
  try {
    command = parseCommand(argv, io.env);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`error: ${e.message}`);
    io.err('Run cloister-agent --help for usage.');
    return 2;
  }
  if (command.kind === 'help') {
    io.out(USAGE.trimEnd());
    return 0;
  }
  try {
    const credential = await credentialFor(command, io);
    const gateway = new GatewayClient(credential, command.user);
    switch (command.kind) {
      case 'put':
        for (const file of command.files) {
          const info = await stat(file).catch((e: NodeJS.ErrnoException) => {
            throw new AgentError(`${file}: ${e.code === 'ENOENT' ? 'no such file' : (e.code ?? e.message)}`);
          });
          if (!info.isFile()) throw new AgentError(`${file}: not a regular file (stage the files inside a folder one by one)`);
          const path = command.dir ? `${command.dir}/${basename(file)}` : basename(file);
          const { staged, localSha256 } = await gateway.put(file, path, info.size).catch((e: unknown) => {
            throw e instanceof AgentError ? new AgentError(`${file}: ${e.message}`) : e;
          });
          // What the secure side hashed must be what this machine read, or the copy is not the file.
          if (staged.sha256 !== localSha256 || staged.size !== info.size) {
            throw new AgentError(`${file}: the gateway recorded ${staged.size} bytes sha256=${staged.sha256}, but the file has ${info.size} bytes sha256=${localSha256}`);
          }
          io.out(`staged ${staged.path} ${staged.size} bytes sha256=${staged.sha256}`);
        }
        return 0;
      case 'list': {
        const outputs = await gateway.list();
        for (const o of outputs) io.out(`${o.path} ${o.size} bytes sha256=${o.sha256} modified=${o.modifiedAt}`);
        if (outputs.length === 0) io.err('no staged outputs');
        return 0;
      }
      case 'rm': {
        const removed = await gateway.remove(command.path);
        io.out(`removed ${removed.path}`);
        return 0;
      }
    }
  } catch (e) {
    if (!(e instanceof AgentError)) throw e;
    io.err(`error: ${e.message}`);
    return 1;
  }
}

/** From --credential-from if given, else $CLOISTER_AGENT_CREDENTIAL or the data dir's file. */
async function credentialFor(command: Exclude<Command, { kind: 'help' }>, io: AgentIo): Promise<AgentCredential> {
  const source = command.credentialFrom;
  if (source?.kind === 'key-vault') return readCredentialFromKeyVault(source.vaultUri, command.projectId, io.env);
  const file = source?.kind === 'file' ? resolve(io.cwd, source.path) : credentialPath(command.projectId, io.env, io.cwd);
  return readCredential(file, command.projectId);
}
