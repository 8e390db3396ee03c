import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeProtectedHeader } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { createAccessTokenVerifier } from './access-token-verifier';
import { mintLocalAccessToken } from './mint-local-access-token';
import { TEST_AUDIENCE, startTestIdp, type TestIdp } from './test-support/test-idp';

describe('mintLocalAccessToken and key persistence', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function tempDir(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'cloister-local-idp-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    return dir;
  }

  async function start(dataDir: string, port?: number): Promise<TestIdp> {
    const started = await startTestIdp({ dataDir, port });
    cleanups.push(() => started.dispose());
    return started;
  }

  it('creates the key file (0600) when minting before the IdP ever started, and the IdP then uses it', async () => {
    const dataDir = await tempDir();
    const issuer = 'http://127.0.0.1:1';
    const token = await mintLocalAccessToken({ dataDir, issuer, audience: TEST_AUDIENCE, email: 'carol@example.org' });
    expect((await stat(join(dataDir, 'idp', 'jwks.json'))).mode & 0o777).toBe(0o600);

    const test = await start(dataDir);
    const jwks = (await (await fetch(`${test.idp.issuer}/jwks`)).json()) as { keys: { kid: string }[] };
    expect(jwks.keys.map((key) => key.kid)).toEqual([decodeProtectedHeader(token).kid]);
  });

  it('keeps signing keys across restarts: a token minted before a restart verifies after it', async () => {
    const dataDir = await tempDir();
    const first = await start(dataDir);
    const { issuer, port } = first.options;
    const token = await mintLocalAccessToken({ dataDir, issuer, audience: TEST_AUDIENCE, email: 'dave@example.org' });
    const keyFileBefore = await readFile(join(dataDir, 'idp', 'jwks.json'), 'utf8');
    await first.idp.close();

    const second = await start(dataDir, port);
    expect(second.idp.issuer).toBe(issuer);
    expect(await readFile(join(dataDir, 'idp', 'jwks.json'), 'utf8')).toBe(keyFileBefore);
    const verified = await createAccessTokenVerifier({ issuer, audience: TEST_AUDIENCE }).verify(token);
    expect(verified.email).toBe('dave@example.org');
  });

  it('creates one key even when several processes race to create it', async () => {
    const dataDir = await tempDir();
    const tokens = await Promise.all(
      Array.from({ length: 5 }, (_, index) =>
        mintLocalAccessToken({ dataDir, issuer: 'http://127.0.0.1:1', audience: TEST_AUDIENCE, email: `user${index}@example.org` }),
      ),
    );
    expect(new Set(tokens.map((token) => decodeProtectedHeader(token).kid)).size).toBe(1);
  });

  it('rejects a non-positive lifetime', async () => {
    const dataDir = await tempDir();
    await expect(mintLocalAccessToken({ dataDir, issuer: 'http://127.0.0.1:1', audience: TEST_AUDIENCE, email: 'e@example.org', ttlSeconds: 0 })).rejects.toThrow(RangeError);
  });
});
