import { createHmac, timingSafeEqual } from 'node:crypto';
import { MIN_GATEWAY_SECRET_LENGTH } from '@cloister/config';
import { DomainError } from '@cloister/domain';

/**
 * Grants for reading one blob of the secure account through the worker's gateway. The API (which never holds the
 * secure account's credentials) mints a grant for one blob, one user and one purpose, valid for at most a minute;
 * the worker verifies it and streams at most `maxBytes` of that blob. Format:
 * `base64url(JSON payload) + "." + base64url(HMAC-SHA256(payload part, SECURE_GATEWAY_SECRET))`.
 */

/** Containers of the secure account a grant may name: staged and frozen export files only, never import or workspace. */
export const SECURE_GATEWAY_CONTAINERS = ['export'] as const;
export type SecureGatewayContainer = (typeof SECURE_GATEWAY_CONTAINERS)[number];

/** What the bytes are read for; recorded in the worker's log. Add a purpose here when a new reader needs one. */
export const SECURE_GRANT_PURPOSES = ['preview'] as const;
export type SecureGrantPurpose = (typeof SECURE_GRANT_PURPOSES)[number];

/** The longest a grant may live. */
export const MAX_GRANT_TTL_MS = 60_000;
/** Upper bound of `maxBytes` (a preview never needs more). */
export const MAX_GRANT_BYTES = 256 * 1024 * 1024;

export interface SecureBlobGrant {
  readonly container: SecureGatewayContainer;
  readonly blob: string;
  /** The user the bytes are streamed to (for the audit trail on the API side and the worker's log). */
  readonly userId: string;
  readonly purpose: SecureGrantPurpose;
  /** Expiry, unix milliseconds. */
  readonly exp: number;
  readonly maxBytes: number;
  /** When set, the blob's current version must be this one (Azure); Azurite has no versions. */
  readonly versionId?: string;
}

export interface MintGrantInput {
  readonly blob: string;
  readonly userId: string;
  readonly purpose: SecureGrantPurpose;
  readonly maxBytes: number;
  readonly container?: SecureGatewayContainer;
  readonly versionId?: string;
  /** How long the grant lives; default 30 s, at most MAX_GRANT_TTL_MS. */
  readonly ttlMs?: number;
}

export type GrantProblem = 'malformed' | 'bad_signature' | 'expired' | 'too_long_lived' | 'container_not_allowed' | 'bad_blob' | 'bad_limit' | 'bad_purpose';

/** A grant the worker refuses; `problem` says why (the HTTP answer is 403 with code SECURE_GRANT_INVALID). */
export class SecureGrantError extends DomainError {
  constructor(readonly problem: GrantProblem, message: string) {
    super('forbidden', 'SECURE_GRANT_INVALID', `grant: ${message}`, { problem });
    this.name = 'SecureGrantError';
  }
}

const b64url = (b: Buffer) => b.toString('base64url');
const sign = (secret: string, payloadPart: string) => createHmac('sha256', secret).update(payloadPart, 'utf8').digest();

function checkSecret(secret: string): void {
  if (secret.length < MIN_GATEWAY_SECRET_LENGTH) throw new Error(`SECURE_GATEWAY_SECRET must be at least ${MIN_GATEWAY_SECRET_LENGTH} characters`);
}

/** A blob name a grant may carry: relative, no empty, `.` or `..` segments, no backslashes or control characters. */
function blobNameProblem(blob: string): string | null {
  if (blob.length === 0 || blob.length > 1024) return 'blob name is empty or longer than 1024 characters';
  if (/[\u0000-\u001f\u007f\\]/.test(blob)) return 'blob name contains a control character or backslash';
  if (blob.split('/').some((s) => s === '' || s === '.' || s === '..')) return 'blob name has an empty, "." or ".." segment';
  return null;
}

export function mintSecureGrant(secret: string, input: MintGrantInput, now: number = Date.now()): string {
  checkSecret(secret);
  const ttl = input.ttlMs ?? 30_000;
  if (!(ttl > 0 && ttl <= MAX_GRANT_TTL_MS)) throw new RangeError(`grant ttl must be in (0, ${MAX_GRANT_TTL_MS}] ms`);
  const problem = blobNameProblem(input.blob);
  if (problem) throw new RangeError(problem);
  if (!Number.isSafeInteger(input.maxBytes) || input.maxBytes < 1 || input.maxBytes > MAX_GRANT_BYTES) throw new RangeError(`maxBytes must be an integer in [1, ${MAX_GRANT_BYTES}]`);
  const payload: SecureBlobGrant = {
    container: input.container ?? 'export', blob: input.blob, userId: input.userId, purpose: input.purpose, exp: now + ttl, maxBytes: input.maxBytes,
    ...(input.versionId !== undefined && { versionId: input.versionId }),
  };
  const payloadPart = b64url(Buffer.from(JSON.stringify(payload), 'utf8'));
  return `${payloadPart}.${b64url(sign(secret, payloadPart))}`;
}

/** Checks signature (timing-safe), expiry, lifetime, container allowlist and shape; returns the payload or throws SecureGrantError. */
export function verifySecureGrant(secret: string, grant: string, now: number = Date.now()): SecureBlobGrant {
  checkSecret(secret);
  const parts = grant.split('.');
  if (parts.length !== 2 || !/^[\w-]+$/.test(parts[0]!) || !/^[\w-]+$/.test(parts[1]!)) throw new SecureGrantError('malformed', 'not a grant');
  const [payloadPart, signaturePart] = parts as [string, string];
  const expected = sign(secret, payloadPart);
  const given = Buffer.from(signaturePart, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new SecureGrantError('bad_signature', 'signature does not match');

  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
  } catch {
    throw new SecureGrantError('malformed', 'payload is not JSON');
  }
  if (typeof payload !== 'object' || payload === null) throw new SecureGrantError('malformed', 'payload is not an object');
  const p = payload as Record<string, unknown>;
  if (typeof p['exp'] !== 'number' || !Number.isFinite(p['exp'])) throw new SecureGrantError('malformed', 'exp missing');
  if (p['exp'] <= now) throw new SecureGrantError('expired', 'expired');
  // Signed, but a grant must never outlive a minute: refuse one minted with a longer life (or a clock far ahead).
  if (p['exp'] > now + MAX_GRANT_TTL_MS) throw new SecureGrantError('too_long_lived', `expires more than ${MAX_GRANT_TTL_MS / 1000} s from now`);
  if (!(SECURE_GATEWAY_CONTAINERS as readonly unknown[]).includes(p['container'])) throw new SecureGrantError('container_not_allowed', `container ${JSON.stringify(p['container'])} is not readable through the gateway`);
  if (typeof p['blob'] !== 'string' || blobNameProblem(p['blob'])) throw new SecureGrantError('bad_blob', 'blob name is not acceptable');
  if (typeof p['userId'] !== 'string' || p['userId'].length === 0) throw new SecureGrantError('malformed', 'userId missing');
  if (!(SECURE_GRANT_PURPOSES as readonly unknown[]).includes(p['purpose'])) throw new SecureGrantError('bad_purpose', 'unknown purpose');
  const maxBytes = p['maxBytes'];
  if (typeof maxBytes !== 'number' || !Number.isSafeInteger(maxBytes) || maxBytes < 1 || maxBytes > MAX_GRANT_BYTES) throw new SecureGrantError('bad_limit', 'maxBytes out of range');
  if (p['versionId'] !== undefined && typeof p['versionId'] !== 'string') throw new SecureGrantError('malformed', 'versionId is not a string');
  return {
    container: p['container'] as SecureGatewayContainer, blob: p['blob'], userId: p['userId'], purpose: p['purpose'] as SecureGrantPurpose, exp: p['exp'], maxBytes,
    ...(typeof p['versionId'] === 'string' && { versionId: p['versionId'] }),
  };
}
