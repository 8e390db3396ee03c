import { parseArgs } from 'node:util';

export const USAGE = `Usage: cloister-agent <command> --project <id> [options]

Stages your outputs from inside a project's workspace into the project's secure export area, where you can pick
them for an export request. Only output checkers' approval lets anything leave.

Commands:
  put --project <id> FILE...   stage files (a file staged again replaces the earlier copy)
  list --project <id>          list your staged outputs
  rm --project <id> PATH       remove a staged output

Options:
  --project <id>   the project (required)
  --user <email>   the researcher you stage for (default: $CLOISTER_AGENT_USER)
  --dir <prefix>   put: stage under this folder of your export area, e.g. --dir results/2024
  --credential-from key-vault:<vault URI>
                   on an Azure VM: read the workspace credential from the project's Key Vault (secret
                   workspace-agent-credential) with the VM's managed identity
  --credential-from file:<path>
                   read the workspace credential from this JSON file
  -h, --help       show this help

Without --credential-from, the workspace credential is read from $CLOISTER_AGENT_CREDENTIAL (a JSON file), else
from <$CLOISTER_DATA_DIR or .cloister>/workspaces/<project>/agent-credential.json.

Prints one line per file ("staged <path> <size> bytes sha256=<hex>"). Exit status: 0 done, 1 failed, 2 usage error.
`;

/** Where the workspace credential comes from, when --credential-from says. */
export type CredentialSource = { readonly kind: 'file'; readonly path: string } | { readonly kind: 'key-vault'; readonly vaultUri: string };

interface CommandOptions {
  readonly projectId: string;
  readonly user: string;
  /** Absent: $CLOISTER_AGENT_CREDENTIAL or the data dir's file. */
  readonly credentialFrom?: CredentialSource;
}

export type Command =
  | { readonly kind: 'help' }
  | (CommandOptions & { readonly kind: 'put'; readonly dir: string | null; readonly files: readonly string[] })
  | (CommandOptions & { readonly kind: 'list' })
  | (CommandOptions & { readonly kind: 'rm'; readonly path: string });

/** A mistake in how the command was called (exit status 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Parses the command line; `env` supplies the default user. */
export function parseCommand(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv], allowPositionals: true, strict: true,
      options: {
        project: { type: 'string' }, user: { type: 'string' }, dir: { type: 'string' }, 'credential-from': { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === 'help') return { kind: 'help' };
  const [command, ...rest] = positionals;
  if (!command) throw new UsageError('a command is required (put, list or rm)');
  if (!['put', 'list', 'rm'].includes(command)) throw new UsageError(`unknown command "${command}" (put, list or rm)`);
  const projectId = values.project?.trim();
  if (!projectId) throw new UsageError('--project <id> is required');
  const user = (values.user ?? env['CLOISTER_AGENT_USER'] ?? '').trim();
  if (!user) throw new UsageError('--user <email> is required (or set CLOISTER_AGENT_USER)');
  if (command !== 'put' && values.dir !== undefined) throw new UsageError('--dir applies to put only');
  const source = values['credential-from'] === undefined ? undefined : credentialSourceOf(values['credential-from']);
  const options = { projectId, user, ...(source && { credentialFrom: source }) };
  switch (command) {
    case 'put':
      if (rest.length === 0) throw new UsageError('put needs at least one FILE');
      return { kind: 'put', ...options, dir: values.dir === undefined ? null : values.dir.replace(/\/+$/, ''), files: rest };
    case 'list':
      if (rest.length > 0) throw new UsageError('list takes no arguments');
      return { kind: 'list', ...options };
    default:
      if (rest.length !== 1) throw new UsageError('rm needs exactly one PATH');
      return { kind: 'rm', ...options, path: rest[0]! };
  }
}

function credentialSourceOf(value: string): CredentialSource {
  const [scheme, ...restOfValue] = value.split(':');
  const target = restOfValue.join(':').trim();
  if (scheme === 'file' && target) return { kind: 'file', path: target };
  if (scheme === 'key-vault' && target) return { kind: 'key-vault', vaultUri: target };
  throw new UsageError(`--credential-from must be key-vault:<vault URI> or file:<path>, not "${value}"`);
}
