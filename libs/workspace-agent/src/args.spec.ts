import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommand, UsageError } from './args';
import { AgentError, credentialPath, readCredential } from './credential';

const P = '0b6f8d3e-1c2a-4e5f-9a7b-123456789abc';

describe('cloister-agent arguments', () => {
  it('parses put with files, --dir and the user from the environment', () => {
    expect(parseCommand(['put', '--project', P, '--dir', 'results/', 'a.csv', 'b.png'], { CLOISTER_AGENT_USER: 'r@example.org' }))
      .toEqual({ kind: 'put', projectId: P, user: 'r@example.org', dir: 'results', files: ['a.csv', 'b.png'] });
  });

  it('prefers --user over the environment and parses list and rm', () => {
    expect(parseCommand(['list', '--project', P, '--user', 'x@example.org'], { CLOISTER_AGENT_USER: 'r@example.org' })).toEqual({ kind: 'list', projectId: P, user: 'x@example.org' });
    expect(parseCommand(['rm', '--project', P, '--user', 'x@example.org', 'results/a.csv'], {})).toEqual({ kind: 'rm', projectId: P, user: 'x@example.org', path: 'results/a.csv' });
  });

  it('parses --credential-from key-vault:<uri> and file:<path>, and leaves it out when not given', () => {
    expect(parseCommand(['list', '--project', P, '--user', 'u@example.org', '--credential-from', 'key-vault:https://kv-demo.vault.azure.net/'], {}))
      .toEqual({ kind: 'list', projectId: P, user: 'u@example.org', credentialFrom: { kind: 'key-vault', vaultUri: 'https://kv-demo.vault.azure.net/' } });
    expect(parseCommand(['rm', '--project', P, '--user', 'u@example.org', '--credential-from', 'file:cred.json', 'a.csv'], {}))
      .toEqual({ kind: 'rm', projectId: P, user: 'u@example.org', credentialFrom: { kind: 'file', path: 'cred.json' }, path: 'a.csv' });
    for (const bad of ['vault:https://kv.vault.azure.net', 'key-vault:', 'cred.json']) {
      expect(() => parseCommand(['list', '--project', P, '--user', 'u@example.org', '--credential-from', bad], {})).toThrow(/--credential-from must be key-vault:<vault URI> or file:<path>/);
    }
  });

  it('answers --help', () => {
    expect(parseCommand(['--help'], {})).toEqual({ kind: 'help' });
    expect(parseCommand(['put', '-h'], {})).toEqual({ kind: 'help' });
  });

  it.each([
    [[], /command is required/],
    [['push', '--project', P], /unknown command "push"/],
    [['put', 'a.csv', '--user', 'u@example.org'], /--project <id> is required/],
    [['put', '--project', P, 'a.csv'], /--user <email> is required/],
    [['put', '--project', P, '--user', 'u@example.org'], /at least one FILE/],
    [['list', '--project', P, '--user', 'u@example.org', '--dir', 'x'], /--dir applies to put only/],
    [['rm', '--project', P, '--user', 'u@example.org'], /exactly one PATH/],
    [['put', '--project', P, '--user', 'u@example.org', '--force', 'a.csv'], /Unknown option '--force'/],
  ])('refuses %j as a usage error', (argv, message) => {
    expect(() => parseCommand(argv, {})).toThrow(UsageError);
    expect(() => parseCommand(argv, {})).toThrow(message);
  });
});

describe('the workspace credential', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cloister-agent-cred-'));

  it('is found through CLOISTER_AGENT_CREDENTIAL, else under the data dir', () => {
    expect(credentialPath(P, { CLOISTER_AGENT_CREDENTIAL: 'c.json' }, '/w')).toBe('/w/c.json');
    expect(credentialPath(P, { CLOISTER_DATA_DIR: '/data' }, '/w')).toBe(`/data/workspaces/${P}/agent-credential.json`);
    expect(credentialPath(P, {}, '/w')).toBe(`/w/.cloister/workspaces/${P}/agent-credential.json`);
  });

  it('must exist, be complete and be for the same project', () => {
    const file = join(dir, 'c.json');
    expect(() => readCredential(join(dir, 'missing.json'), P)).toThrow(/no workspace credential at/);
    writeFileSync(file, 'not json');
    expect(() => readCredential(file, P)).toThrow(AgentError);
    writeFileSync(file, JSON.stringify({ gatewayUrl: 'http://127.0.0.1:1', projectId: P }));
    expect(() => readCredential(file, P)).toThrow(/lacks gatewayUrl, projectId or credential/);
    writeFileSync(file, JSON.stringify({ gatewayUrl: 'http://127.0.0.1:1', projectId: 'other', credential: 'cwa_x' }));
    expect(() => readCredential(file, P)).toThrow(/is for project other, not/);
    writeFileSync(file, JSON.stringify({ gatewayUrl: 'http://127.0.0.1:1', projectId: P, credential: 'cwa_x' }));
    expect(readCredential(file, P)).toEqual({ gatewayUrl: 'http://127.0.0.1:1', projectId: P, credential: 'cwa_x' });
  });
});
