import { createRemoteJWKSet, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';

// Asymmetric only: `none` and HS* would let anyone holding the public key (or nothing) forge tokens.
const ALLOWED_ALGORITHMS = ['RS256', 'PS256', 'ES256'] as const;

export type AccessTokenErrorReason = 'expired' | 'invalid_signature' | 'wrong_issuer' | 'wrong_audience' | 'malformed' | 'unsupported_alg';

/** The token was presented but is not acceptable; map to HTTP 401. Other errors (JWKS unreachable) are server faults. */
export class AccessTokenError extends Error {
  override readonly name = 'AccessTokenError';

  constructor(
    readonly reason: AccessTokenErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface VerifiedAccessToken {
  subject: string;
  email: string | null;
  name: string | null;
  issuer: string;
  expiresAt: Date;
  claims: Record<string, unknown>;
}

export interface AccessTokenVerifierOptions {
  issuer: string;
  audience: string;
  /** Defaults to the `jwks_uri` in `${issuer}/.well-known/openid-configuration`. */
  jwksUri?: string;
  /** Allowed clock skew; defaults to 30 seconds. */
  clockToleranceSeconds?: number;
}

export interface AccessTokenVerifier {
  verify(token: string): Promise<VerifiedAccessToken>;
}

async function discoverJwksUri(issuer: string): Promise<URL> {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, {
    headers: { accept: 'application/json' },
  });
  if (!response.ok) throw new Error(`OpenID discovery for ${issuer} failed with HTTP ${response.status}`);
  const metadata: unknown = await response.json();
  if (typeof metadata !== 'object' || metadata === null || !('jwks_uri' in metadata) || typeof metadata.jwks_uri !== 'string') {
    throw new Error(`OpenID discovery for ${issuer} returned no jwks_uri`);
  }
  // A discovery document for another issuer would let that issuer's keys through.
  if (!('issuer' in metadata) || metadata.issuer !== issuer) throw new Error(`OpenID discovery for ${issuer} names a different issuer`);
  return new URL(metadata.jwks_uri);
}

function optionalString(payload: JWTPayload, claim: string): string | null {
  const value = payload[claim];
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function translate(error: unknown): unknown {
  if (error instanceof AccessTokenError) return error;
  if (error instanceof joseErrors.JWTExpired) return new AccessTokenError('expired', 'access token has expired', { cause: error });
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return new AccessTokenError('wrong_issuer', 'access token was issued by another issuer', { cause: error });
    if (error.claim === 'aud') return new AccessTokenError('wrong_audience', 'access token is for another audience', { cause: error });
    return new AccessTokenError('malformed', `access token claim "${error.claim}" is invalid`, { cause: error });
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed || error instanceof joseErrors.JOSENotSupported) {
    return new AccessTokenError('unsupported_alg', 'access token algorithm is not accepted', { cause: error });
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed || error instanceof joseErrors.JWKSNoMatchingKey || error instanceof joseErrors.JWKSMultipleMatchingKeys) {
    return new AccessTokenError('invalid_signature', 'access token signature does not verify', { cause: error });
  }
  if (error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JWTInvalid) {
    return new AccessTokenError('malformed', 'access token is not a well-formed signed JWT', { cause: error });
  }
  return error;
}

/** Verifies bearer access tokens from any OpenID provider (local IdP or Entra ID) against its published keys. */
export function createAccessTokenVerifier(options: AccessTokenVerifierOptions): AccessTokenVerifier {
  const { issuer, audience } = options;
  const clockTolerance = options.clockToleranceSeconds ?? 30;
  let keySet: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;

  const getKeySet = () => {
    if (!keySet) {
      const pending = (options.jwksUri ? Promise.resolve(new URL(options.jwksUri)) : discoverJwksUri(issuer)).then((uri) => createRemoteJWKSet(uri));
      // A failed discovery must not be cached forever: retry on the next request.
      pending.catch(() => {
        if (keySet === pending) keySet = undefined;
      });
      keySet = pending;
    }
    return keySet;
  };

  return {
    async verify(token: string): Promise<VerifiedAccessToken> {
      let algorithm: unknown;
      try {
        algorithm = decodeProtectedHeader(token).alg;
      } catch (error) {
        throw new AccessTokenError('malformed', 'access token is not a JWT', { cause: error });
      }
      if (typeof algorithm !== 'string' || !(ALLOWED_ALGORITHMS as readonly string[]).includes(algorithm)) {
        throw new AccessTokenError('unsupported_alg', `access token algorithm ${String(algorithm)} is not accepted`);
      }

      try {
        const { payload } = await jwtVerify(token, await getKeySet(), {
          issuer,
          audience,
          algorithms: [...ALLOWED_ALGORITHMS],
          clockTolerance,
          requiredClaims: ['sub', 'exp'],
        });
        const subject = payload.sub;
        const expiresAt = payload.exp;
        if (!subject || expiresAt === undefined) throw new AccessTokenError('malformed', 'access token lacks sub or exp');
        return {
          subject,
          email: optionalString(payload, 'email'),
          name: optionalString(payload, 'name'),
          issuer,
          expiresAt: new Date(expiresAt * 1000),
          claims: { ...payload },
        };
      } catch (error) {
        throw translate(error);
      }
    },
  };
}
