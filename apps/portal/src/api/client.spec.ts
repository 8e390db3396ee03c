import { describe, expect, it, vi } from 'vitest';
import { fakeFetch } from '../test/fakeFetch';
import { makeMe } from '../test/makeMe';
import { ApiError } from './ApiError';
import { createApiClient } from './client';

const baseUrl = 'http://portal.test';

describe('createApiClient', () => {
  it('sends the current access token as a bearer token', async () => {
    const fake = fakeFetch({ '/api/v1/me': { body: makeMe() } });
    const client = createApiClient({ baseUrl, getAccessToken: () => 'abc.def', onUnauthorized: vi.fn(), fetch: fake.fetch });

    const { data } = await client.GET('/api/v1/me');

    expect(data?.email).toBe('someone@example.org');
    expect(fake.requests[0]?.headers.get('Authorization')).toBe('Bearer abc.def');
  });

  it('sends no Authorization header without a token', async () => {
    const fake = fakeFetch({ '/api/v1/client-config': { body: { mode: 'local', oidc: { authority: 'http://idp', clientId: 'c', scope: 'openid' } } } });
    const client = createApiClient({ baseUrl, getAccessToken: () => null, onUnauthorized: vi.fn(), fetch: fake.fetch });

    await client.GET('/api/v1/client-config');

    expect(fake.requests[0]?.headers.has('Authorization')).toBe(false);
  });

  it('throws an ApiError carrying the body of an error response', async () => {
    const fake = fakeFetch({ '/api/v1/projects': { status: 500, body: { code: 'INTERNAL', message: 'Unexpected error', details: { errorId: 'e-1' } } } });
    const client = createApiClient({ baseUrl, getAccessToken: () => 't', onUnauthorized: vi.fn(), fetch: fake.fetch });

    const failure = await client.GET('/api/v1/projects').catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 500, code: 'INTERNAL', message: 'Unexpected error', errorId: 'e-1' });
  });

  it('reports a 401 so the app can ask the user to sign in again', async () => {
    const onUnauthorized = vi.fn();
    const fake = fakeFetch({ '/api/v1/me': { status: 401, body: { code: 'UNAUTHENTICATED', message: 'Sign in required', details: null } } });
    const client = createApiClient({ baseUrl, getAccessToken: () => 'expired', onUnauthorized, fetch: fake.fetch });

    const failure = await client.GET('/api/v1/me').catch((error: unknown) => error);

    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(failure).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('does not report other errors as unauthorised', async () => {
    const onUnauthorized = vi.fn();
    const fake = fakeFetch({ '/api/v1/me': { status: 403, body: { code: 'FORBIDDEN', message: 'No access', details: null } } });
    const client = createApiClient({ baseUrl, getAccessToken: () => 't', onUnauthorized, fetch: fake.fetch });

    await client.GET('/api/v1/me').catch(() => undefined);

    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('turns a failed fetch into a NETWORK_ERROR ApiError', async () => {
    const failingFetch = (): Promise<Response> => Promise.reject(new TypeError('fetch failed'));
    const client = createApiClient({ baseUrl, getAccessToken: () => 't', onUnauthorized: vi.fn(), fetch: failingFetch });

    const failure = await client.GET('/api/v1/me').catch((error: unknown) => error);

    expect(failure).toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });
});
