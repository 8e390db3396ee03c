/** Validates a bearer token from the identity provider (local OIDC or Entra ID). */
export interface VerifiedIdentity {
  readonly subject: string;
  readonly issuer: string;
  readonly email: string | null;
  readonly name: string | null;
}

export interface AccessTokenVerifierPort {
  verify(token: string): Promise<VerifiedIdentity>;
}
