import { randomUUID } from 'node:crypto';
import { SignJWT, importJWK } from 'jose';
import { ACCESS_TOKEN_TTL_SECONDS, DEV_TOKEN_CLIENT_ID, LOCAL_SCOPE } from './access-token-claims';
import { loadOrCreateSigningKeys } from './key-store';
import { displayNameFromEmail } from './local-account-directory';
import { localSubjectFor } from './local-subject';

export interface MintLocalAccessTokenOptions {
  dataDir: string;
  issuer: string;
  audience: string;
  email: string;
  name?: string;
  ttlSeconds?: number;
}

/**
 * Signs an access token shaped exactly like the local IdP's own (same key and kid, `at+jwt`),
 * for the API's local-mode dev-token route, scripts and tests that skip the browser flow.
 */
export async function mintLocalAccessToken(options: MintLocalAccessTokenOptions): Promise<string> {
  const ttlSeconds = options.ttlSeconds ?? ACCESS_TOKEN_TTL_SECONDS;
  if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds <= 0) throw new RangeError('ttlSeconds must be a positive integer');
  const email = options.email.trim();
  if (email.length === 0) throw new RangeError('email is required');

  const [signingKey] = await loadOrCreateSigningKeys(options.dataDir);
  if (!signingKey) throw new Error('the local IdP key file holds no signing key');
  const key = await importJWK(signingKey, signingKey.alg);
  const issuedAt = Math.floor(Date.now() / 1000);

  return new SignJWT({
    email,
    name: options.name ?? displayNameFromEmail(email),
    scope: LOCAL_SCOPE,
    client_id: DEV_TOKEN_CLIENT_ID,
  })
    .setProtectedHeader({ alg: signingKey.alg, typ: 'at+jwt', kid: signingKey.kid })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setSubject(localSubjectFor(email))
    .setJti(randomUUID())
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds)
    .sign(key);
}
