export interface PortalClientOptions {
  /** e.g. "cloister-portal" */
  clientId: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}

export interface KnownUser {
  email: string;
  name: string;
}

export interface LocalIdpOptions {
  /** e.g. http://127.0.0.1:4401 — must be where `host:port` is reachable. */
  issuer: string;
  port: number;
  /** Defaults to 127.0.0.1: this IdP is for local mode and must not be exposed. */
  host?: string;
  /** Keys are persisted under `${dataDir}/idp/`. */
  dataDir: string;
  /** `aud` of every access token, e.g. "api://cloister". */
  audience: string;
  portalClients: PortalClientOptions[];
  demoPassword: string;
  knownUsers?: KnownUser[];
}

export interface LocalIdp {
  issuer: string;
  close(): Promise<void>;
}
