export { startLocalIdp } from './start-local-idp';
export type { LocalIdp, LocalIdpOptions, PortalClientOptions, KnownUser } from './local-idp-options';
export { mintLocalAccessToken, type MintLocalAccessTokenOptions } from './mint-local-access-token';
export {
  AccessTokenError,
  createAccessTokenVerifier,
  type AccessTokenErrorReason,
  type AccessTokenVerifier,
  type AccessTokenVerifierOptions,
  type VerifiedAccessToken,
} from './access-token-verifier';
export { localSubjectFor } from './local-subject';
export { ACCESS_TOKEN_TTL_SECONDS, DEV_TOKEN_CLIENT_ID, LOCAL_SCOPE } from './access-token-claims';
