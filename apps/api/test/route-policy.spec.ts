import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRoutes, type RouteInfo } from '../src/http/route-inventory';
import { startApiHarness, type ApiHarness } from './api-harness';

// The only routes anyone may call without a token, and why.
const PUBLIC_ROUTES = new Set(['GET /api/health', 'GET /api/v1/client-config', 'POST /api/v1/dev/token']);

describe('route declarations', () => {
  let h: ApiHarness;
  let routes: RouteInfo[];
  beforeAll(async () => {
    h = await startApiHarness();
    routes = listRoutes(h.app);
  });
  afterAll(() => h.close());

  it('finds the routes the application registers', () => {
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toContain('GET /api/v1/projects');
  });

  it('gives every route a declared access policy', () => {
    expect(routes.filter((r) => !r.policy).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('keeps public routes to the explicit list', () => {
    expect(routes.filter((r) => r.policy?.kind === 'public').map((r) => `${r.method} ${r.path}`).sort()).toEqual([...PUBLIC_ROUTES].sort());
  });

  it('serves the notification centre to any signed-in user, and the dev mailbox in local mode', () => {
    const kindOf = (method: string, path: string) => routes.find((r) => r.method === method && r.path === path)?.policy?.kind;
    expect(kindOf('GET', '/api/v1/me/notifications')).toBe('authenticated');
    expect(kindOf('POST', '/api/v1/me/notifications/:id/read')).toBe('authenticated');
    expect(kindOf('POST', '/api/v1/me/notifications/read-all')).toBe('authenticated');
    expect(kindOf('GET', '/api/v1/dev/mailbox')).toBe('authenticated');
  });

  it('validates every body and every path parameter', () => {
    const unvalidatedBodies = routes.filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method) && !r.schemas?.body);
    expect(unvalidatedBodies.map((r) => r.path)).toEqual([]);
    const unvalidatedParams = routes.filter((r) => r.path.includes(':') && !r.schemas?.params);
    expect(unvalidatedParams.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('documents every route in OpenAPI with its policy', async () => {
    const doc = (await h.call('GET', '/api/docs-json')).body as { paths: Record<string, Record<string, { 'x-cloister-policy'?: unknown }>> };
    for (const r of routes) {
      const path = r.path.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path]?.[r.method.toLowerCase()]?.['x-cloister-policy'], `${r.method} ${path}`).toEqual(r.policy);
    }
  });
});
