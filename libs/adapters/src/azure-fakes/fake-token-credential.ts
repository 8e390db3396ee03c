// A FAKE credential for the in-process ARM fake: the SDK's bearer-token policy needs a token, the fake checks it.
import type { AccessToken, TokenCredential } from '@azure/identity';

export class FakeTokenCredential implements TokenCredential {
  /** Scopes asked for, so tests can see the SDK requested an ARM token. */
  readonly requestedScopes: string[] = [];

  constructor(private readonly token = 'fake-arm-token') {}

  async getToken(scopes: string | string[]): Promise<AccessToken> {
    this.requestedScopes.push(...(Array.isArray(scopes) ? scopes : [scopes]));
    return { token: this.token, expiresOnTimestamp: Date.now() + 60 * 60 * 1000 };
  }
}
