import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError } from './ApiError';
import type { paths } from './schema.gen';
import { toApiError } from './toApiError';

export type ApiClient = ReturnType<typeof createClient<paths>>;

export interface ApiClientOptions {
  /** Absolute origin; relative URLs do not work with every fetch/Request implementation. */
  baseUrl: string;
  /** Current access token, or null for public calls. */
  getAccessToken: () => string | null;
  /** Called once per 401 so the app can send the user back to sign in. */
  onUnauthorized: () => void;
  fetch?: typeof globalThis.fetch;
}

/** Typed client for /api/v1: adds the bearer token and turns every non-2xx into a thrown ApiError. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const client = createClient<paths>({ baseUrl: options.baseUrl, fetch: options.fetch });

  const middleware: Middleware = {
    onRequest({ request }) {
      const token = options.getAccessToken();
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    },
    async onResponse({ response }) {
      if (response.ok) return response;
      if (response.status === 401) options.onUnauthorized();
      const body: unknown = await response
        .clone()
        .json()
        .catch(() => null);
      throw toApiError(response.status, body);
    },
    onError({ error }) {
      // fetch itself failed (offline, DNS, CORS): there is no response to read a code from.
      if (error instanceof ApiError) return error;
      return new ApiError(0, 'NETWORK_ERROR', 'The Cloister API could not be reached. Check your connection and try again.');
    },
  };

  client.use(middleware);
  return client;
}
