import { describe, expect, it } from 'vitest';
import { parseLocalIdpCliOptions } from './local-idp-cli-options';

const valid = {
  issuer: 'http://127.0.0.1:4401',
  port: 4401,
  dataDir: '/tmp/cloister',
  audience: 'api://cloister',
  portalClients: [{ clientId: 'cloister-portal', redirectUris: ['http://127.0.0.1:4200/auth/callback'], postLogoutRedirectUris: ['http://127.0.0.1:4200/'] }],
  demoPassword: 'demo',
};

describe('parseLocalIdpCliOptions', () => {
  it('accepts the launcher JSON', () => {
    expect(parseLocalIdpCliOptions(JSON.stringify(valid))).toEqual(valid);
  });

  it('names the missing argument, bad JSON and each invalid field', () => {
    expect(() => parseLocalIdpCliOptions(undefined)).toThrow(/usage/);
    expect(() => parseLocalIdpCliOptions('{')).toThrow(/not valid JSON/);
    expect(() => parseLocalIdpCliOptions(JSON.stringify({ ...valid, port: 'x', portalClients: [] }))).toThrow(/port[\s\S]*portalClients/);
  });
});
