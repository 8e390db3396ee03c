export interface FakeRoute {
  status?: number;
  body: unknown;
}

export interface FakeFetch {
  fetch: typeof globalThis.fetch;
  requests: Request[];
}

/**
 * A fetch that answers by method, path and query (`POST /api/v1/x`), falling back to less
 * specific keys down to the path alone, and records requests,
 * so tests never touch the network.
 */
export function fakeFetch(routes: Record<string, FakeRoute>): FakeFetch {
  const requests: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    requests.push(request);
    const url = new URL(request.url);
    const route =
      routes[`${request.method} ${url.pathname}${url.search}`] ??
      routes[`${request.method} ${url.pathname}`] ??
      routes[`${url.pathname}${url.search}`] ??
      routes[url.pathname];
    if (!route) return new Response(JSON.stringify({ code: 'NOT_FOUND', message: 'No such route in the test.', details: null }), { status: 404 });
    return new Response(JSON.stringify(route.body), { status: route.status ?? 200, headers: { 'Content-Type': 'application/json' } });
  };
  return { fetch, requests };
}
