/** Lifetime of access tokens from the provider and the dev-token minter alike. */
export const ACCESS_TOKEN_TTL_SECONDS = 60 * 60;

/** The scope string every local access token carries. */
export const LOCAL_SCOPE = 'openid email profile';

/** `client_id` of tokens minted outside the browser flow (the API's local dev-token route). */
export const DEV_TOKEN_CLIENT_ID = 'cloister-dev-token';
