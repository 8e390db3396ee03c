import { createHash, generateKeyPairSync, randomBytes, randomUUID, type JsonWebKey } from 'node:crypto';
import { mkdir, readFile, rm, writeFile, link } from 'node:fs/promises';
import { join } from 'node:path';

/** A private RSA signing key as JWK, the shape oidc-provider's `jwks.keys` entries take. */
export interface SigningJwk extends JsonWebKey {
  kty: 'RSA';
  kid: string;
  alg: 'RS256';
  use: 'sig';
  n: string;
  e: string;
  d: string;
}

interface StoredJwks {
  keys: SigningJwk[];
}

interface StoredCookieKeys {
  keys: string[];
}

export function idpDirectory(dataDir: string): string {
  return join(dataDir, 'idp');
}

/**
 * Reads `${dataDir}/idp/${fileName}`, or creates it with `create()` if missing.
 * Creation is race-free across processes (the IdP and the API may both start cold):
 * the content is written to a private temp file and hard-linked into place, which fails
 * if another process won, in which case we read the winner's file instead.
 */
async function readOrCreateJson<T>(dataDir: string, fileName: string, create: () => T, isValid: (value: unknown) => value is T): Promise<T> {
  const directory = idpDirectory(dataDir);
  const target = join(directory, fileName);
  const existing = await readJsonIfPresent(target);
  if (existing !== undefined) return assertValid(existing, isValid, target);

  await mkdir(directory, { recursive: true, mode: 0o700 });
  const temporary = join(directory, `.${fileName}.${randomUUID()}.tmp`);
  await writeFile(temporary, `${JSON.stringify(create(), null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(temporary, target);
  } catch (error) {
    if (!isErrnoCode(error, 'EEXIST')) throw error;
  } finally {
    await rm(temporary, { force: true });
  }
  const stored = await readJsonIfPresent(target);
  if (stored === undefined) throw new Error(`${target} vanished right after it was created`);
  return assertValid(stored, isValid, target);
}

async function readJsonIfPresent(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return undefined;
    throw error;
  }
  return JSON.parse(text) as unknown;
}

function assertValid<T>(value: unknown, isValid: (value: unknown) => value is T, path: string): T {
  if (!isValid(value)) throw new Error(`${path} is not in the expected format; delete it to have it regenerated`);
  return value;
}

function isErrnoCode(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}

function generateSigningJwk(): SigningJwk {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  if (jwk.kty !== 'RSA' || !jwk.n || !jwk.e || !jwk.d) throw new Error('Node produced an unexpected RSA JWK');
  // RFC 7638 thumbprint as kid: stable, derived from the public key alone.
  const thumbprint = createHash('sha256').update(JSON.stringify({ e: jwk.e, kty: 'RSA', n: jwk.n })).digest('base64url');
  return { ...jwk, kty: 'RSA', n: jwk.n, e: jwk.e, d: jwk.d, kid: thumbprint, alg: 'RS256', use: 'sig' };
}

function isStoredJwks(value: unknown): value is StoredJwks {
  if (typeof value !== 'object' || value === null || !('keys' in value) || !Array.isArray(value.keys) || value.keys.length === 0) return false;
  return value.keys.every(
    (key: unknown) =>
      typeof key === 'object' &&
      key !== null &&
      'kty' in key &&
      key.kty === 'RSA' &&
      'kid' in key &&
      typeof key.kid === 'string' &&
      'd' in key &&
      typeof key.d === 'string' &&
      'alg' in key &&
      key.alg === 'RS256',
  );
}

function isStoredCookieKeys(value: unknown): value is StoredCookieKeys {
  return (
    typeof value === 'object' &&
    value !== null &&
    'keys' in value &&
    Array.isArray(value.keys) &&
    value.keys.length > 0 &&
    value.keys.every((key: unknown) => typeof key === 'string' && key.length >= 32)
  );
}

/** The private signing JWKS at `${dataDir}/idp/jwks.json` (mode 0600); the first key signs. */
export async function loadOrCreateSigningKeys(dataDir: string): Promise<SigningJwk[]> {
  const stored = await readOrCreateJson(dataDir, 'jwks.json', () => ({ keys: [generateSigningJwk()] }), isStoredJwks);
  return stored.keys;
}

/** Keys oidc-provider signs its cookies with, at `${dataDir}/idp/cookie-keys.json` (mode 0600). */
export async function loadOrCreateCookieKeys(dataDir: string): Promise<string[]> {
  const stored = await readOrCreateJson(dataDir, 'cookie-keys.json', () => ({ keys: [randomBytes(32).toString('base64url')] }), isStoredCookieKeys);
  return stored.keys;
}
