import { randomBytes } from 'node:crypto';
import { CookieJar } from './cookie-jar';
import { createPkce, type Pkce } from './pkce';

export interface FlowTarget {
  issuer: string;
  clientId: string;
  redirectUri: string;
}

export interface TokenResponse {
  access_token: string;
  id_token: string;
  refresh_token?: string;
  token_type: string;
  expires_in: number;
  scope: string;
}

/** One browser-like sign-in, driven with fetch: redirects are followed by hand so each step can be asserted. */
export class AuthorizationCodeFlow {
  readonly jar = new CookieJar();
  readonly pkce: Pkce = createPkce();
  readonly state = randomBytes(16).toString('base64url');
  readonly nonce = randomBytes(16).toString('base64url');

  constructor(private readonly target: FlowTarget) {}

  authorizationUrl(extra: Record<string, string> = {}): string {
    const url = new URL('/auth', this.target.issuer);
    url.search = new URLSearchParams({
      client_id: this.target.clientId,
      redirect_uri: this.target.redirectUri,
      response_type: 'code',
      scope: 'openid email profile',
      code_challenge: this.pkce.challenge,
      code_challenge_method: 'S256',
      state: this.state,
      nonce: this.nonce,
      ...extra,
    }).toString();
    return url.href;
  }

  async get(url: string): Promise<Response> {
    const response = await fetch(new URL(url, this.target.issuer), { redirect: 'manual', headers: { cookie: this.jar.header() } });
    this.jar.store(response);
    return response;
  }

  async postForm(url: string, form: Record<string, string>): Promise<Response> {
    const response = await fetch(new URL(url, this.target.issuer), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: this.jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    this.jar.store(response);
    return response;
  }

  /** Follows IdP redirects until one leaves the IdP (returned) or a page is rendered (its response returned). */
  async follow(response: Response): Promise<{ response: Response; location?: URL }> {
    let current = response;
    for (let hop = 0; hop < 10; hop += 1) {
      const header = current.headers.get('location');
      if (current.status < 300 || current.status >= 400 || !header) return { response: current };
      const location = new URL(header, this.target.issuer);
      if (location.origin !== new URL(this.target.issuer).origin) return { response: current, location };
      current = await this.get(location.href);
    }
    throw new Error('too many redirects');
  }

  /** Starts at /auth and returns the login page response. */
  async openLoginPage(): Promise<{ response: Response; interactionPath: string }> {
    const { response } = await this.follow(await this.get(this.authorizationUrl()));
    const interactionPath = new URL(response.url).pathname;
    return { response, interactionPath };
  }

  async signIn(interactionPath: string, email: string, password: string): Promise<Response> {
    return this.postForm(`${interactionPath}/login`, { email, password });
  }

  /** Signs in and returns the authorization code delivered to the redirect URI. */
  async signInForCode(email: string, password: string): Promise<string> {
    const { interactionPath } = await this.openLoginPage();
    const { location } = await this.follow(await this.signIn(interactionPath, email, password));
    if (!location || `${location.origin}${location.pathname}` !== this.target.redirectUri) {
      throw new Error(`sign-in did not reach the redirect URI (got ${location?.href ?? 'a page'})`);
    }
    if (location.searchParams.get('state') !== this.state) throw new Error('state mismatch');
    const code = location.searchParams.get('code');
    if (!code) throw new Error(`no code in ${location.href}`);
    return code;
  }

  async exchangeCode(code: string, origin: string): Promise<{ response: Response; body: TokenResponse }> {
    const response = await fetch(new URL('/token', this.target.issuer), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: this.target.redirectUri,
        client_id: this.target.clientId,
        code_verifier: this.pkce.verifier,
      }).toString(),
    });
    const body = (await response.json()) as TokenResponse;
    return { response, body };
  }
}
