import { createHmac, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { SignJWT, decodeProtectedHeader, importJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessTokenError, createAccessTokenVerifier, type AccessTokenErrorReason, type AccessTokenVerifier } from './access-token-verifier';
import { loadOrCreateSigningKeys } from './key-store';
import { mintLocalAccessToken } from './mint-local-access-token';
import { TEST_AUDIENCE, startTestIdp, type TestIdp } from './test-support/test-idp';

const encodeSegment = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function rejectionReason(verifier: AccessTokenVerifier, token: string): Promise<AccessTokenErrorReason> {
  const error: unknown = await verifier.verify(token).then(
    () => new Error('token was accepted'),
    (rejection: unknown) => rejection,
  );
  if (!(error instanceof AccessTokenError)) throw error;
  return error.reason;
}

describe('createAccessTokenVerifier', () => {
  let test: TestIdp;
  let verifier: AccessTokenVerifier;
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    test = await startTestIdp();
    verifier = createAccessTokenVerifier({ issuer: test.idp.issuer, audience: TEST_AUDIENCE });
  });
  afterAll(async () => test.dispose());

  const mint = (overrides: { issuer?: string; audience?: string } = {}) =>
    mintLocalAccessToken({
      dataDir: test.options.dataDir,
      issuer: overrides.issuer ?? test.idp.issuer,
      audience: overrides.audience ?? TEST_AUDIENCE,
      email: 'alice@example.org',
    });

  it('accepts a minted dev token signed with the provider key (same kid as the JWKS)', async () => {
    const token = await mintLocalAccessToken({ dataDir: test.options.dataDir, issuer: test.idp.issuer, audience: TEST_AUDIENCE, email: 'bob@example.org', name: 'Bob' });
    const verified = await verifier.verify(token);
    expect(verified).toMatchObject({ email: 'bob@example.org', name: 'Bob', issuer: test.idp.issuer });
    expect(verified.subject).toMatch(/^local\|[0-9a-f]{32}$/);
    expect(verified.claims).toMatchObject({ client_id: 'cloister-dev-token', aud: TEST_AUDIENCE, scope: 'openid email profile' });
    expect(verified.claims['jti']).toEqual(expect.any(String));
    expect(verified.expiresAt.getTime() - Number(verified.claims['iat']) * 1000).toBe(3600 * 1000);

    const jwks = (await (await fetch(`${test.idp.issuer}/jwks`)).json()) as { keys: { kid: string }[] };
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'RS256', typ: 'at+jwt', kid: jwks.keys[0]?.kid });
  });

  it('refuses alg "none"', async () => {
    const token = `${encodeSegment({ alg: 'none', typ: 'at+jwt' })}.${encodeSegment({ iss: test.idp.issuer, aud: TEST_AUDIENCE, sub: 'x', exp: now() + 600 })}.`;
    expect(await rejectionReason(verifier, token)).toBe('unsupported_alg');
  });

  it('refuses an HS256 token keyed with the public key (algorithm confusion)', async () => {
    const [jwk] = await loadOrCreateSigningKeys(test.options.dataDir);
    const publicPem = createPublicKey({ key: { kty: 'RSA', n: jwk?.n, e: jwk?.e }, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
    const signingInput = `${encodeSegment({ alg: 'HS256', typ: 'at+jwt', kid: jwk?.kid })}.${encodeSegment({ iss: test.idp.issuer, aud: TEST_AUDIENCE, sub: 'x', exp: now() + 600 })}`;
    const token = `${signingInput}.${createHmac('sha256', publicPem).update(signingInput).digest('base64url')}`;
    expect(await rejectionReason(verifier, token)).toBe('unsupported_alg');
  });

  it('refuses a token for another audience', async () => {
    expect(await rejectionReason(verifier, await mint({ audience: 'api://someone-else' }))).toBe('wrong_audience');
  });

  it('refuses a token from another issuer, even one signed with the right key', async () => {
    expect(await rejectionReason(verifier, await mint({ issuer: 'http://127.0.0.1:1' }))).toBe('wrong_issuer');
  });

  it('refuses an expired token', async () => {
    const [jwk] = await loadOrCreateSigningKeys(test.options.dataDir);
    if (!jwk) throw new Error('no key');
    const token = await new SignJWT({ email: 'alice@example.org' })
      .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: jwk.kid })
      .setIssuer(test.idp.issuer)
      .setAudience(TEST_AUDIENCE)
      .setSubject('local|expired')
      .setIssuedAt(now() - 7200)
      .setExpirationTime(now() - 3600)
      .sign(await importJWK(jwk, 'RS256'));
    expect(await rejectionReason(verifier, token)).toBe('expired');
  });

  it('refuses a token signed by a different key under the same kid', async () => {
    const [jwk] = await loadOrCreateSigningKeys(test.options.dataDir);
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: jwk?.kid })
      .setIssuer(test.idp.issuer)
      .setAudience(TEST_AUDIENCE)
      .setSubject('local|forged')
      .setExpirationTime(now() + 600)
      .sign(privateKey);
    expect(await rejectionReason(verifier, token)).toBe('invalid_signature');
  });

  it('refuses a tampered payload', async () => {
    const [header, , signature] = (await mint()).split('.');
    const forgedPayload = encodeSegment({ iss: test.idp.issuer, aud: TEST_AUDIENCE, sub: 'local|admin', exp: now() + 600 });
    expect(await rejectionReason(verifier, `${header}.${forgedPayload}.${signature}`)).toBe('invalid_signature');
  });

  it('refuses garbage as malformed', async () => {
    expect(await rejectionReason(verifier, 'not-a-jwt')).toBe('malformed');
    expect(await rejectionReason(verifier, '')).toBe('malformed');
  });

  it('uses an explicit jwksUri when given, without discovery', async () => {
    const explicit = createAccessTokenVerifier({ issuer: test.idp.issuer, audience: TEST_AUDIENCE, jwksUri: `${test.idp.issuer}/jwks` });
    expect((await explicit.verify(await mint())).email).toBe('alice@example.org');
  });

  it('reports an unreachable issuer as a plain error, not a token problem', async () => {
    const unreachable = createAccessTokenVerifier({ issuer: 'http://127.0.0.1:9', audience: TEST_AUDIENCE });
    const error: unknown = await unreachable.verify(await mint()).catch((rejection: unknown) => rejection);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(AccessTokenError);
  });
});
