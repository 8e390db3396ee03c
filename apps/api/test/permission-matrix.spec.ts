import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Access, expectedAccess, MATRIX_CALLERS, type MatrixCaller } from '../src/contracts/permission-matrix';
import { listRoutes, type RouteInfo } from '../src/http/route-inventory';
import { startApiHarness, type ApiHarness } from './api-harness';

const CALLER_EMAIL: Record<Exclude<MatrixCaller, 'anonymous'>, string> = {
  signed_in: 'outsider@example.org',
  platform_admin: 'admin@example.org',
  project_admin: 'pi@example.org',
  data_owner: 'owner@example.org',
  researcher: 'researcher@example.org',
  output_checker: 'checker1@example.org',
};

const STATUS: Record<Exclude<Access, 'allowed'>, number> = { unauthenticated: 401, forbidden: 403, hidden: 404 };

/**
 * Every role against every route, on the demo project. Allowed calls with a body carry an invalid one, so they pass the
 * guard and stop at validation (400); the one body-less removal targets the last admin (409). Nothing changes.
 */
describe('role × route matrix', () => {
  let h: ApiHarness;
  let routes: RouteInfo[];
  let memberUserId: string;
  beforeAll(async () => {
    h = await startApiHarness();
    routes = listRoutes(h.app);
    // The last project admin: removing them is refused (409) after the guard, so the matrix changes nothing.
    const me = await h.call('GET', '/api/v1/me', { token: await h.token('pi@example.org') });
    memberUserId = me.body.id;
  });
  afterAll(() => h.close());

  it('answers each caller exactly as the declared policy says', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const path = route.path.replace(':projectId', h.demoProjectId).replace(':userId', memberUserId);
      const query = route.path.startsWith('/api/v1/audit-events') && route.method === 'GET' ? `?projectId=${h.demoProjectId}` : '';
      for (const caller of MATRIX_CALLERS) {
        const expected = expectedAccess(route.policy, caller);
        const token = caller === 'anonymous' ? undefined : await h.token(CALLER_EMAIL[caller]);
        const mutating = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method);
        const res = await h.call(route.method, `${path}${query}`, { ...(token && { token }), ...(mutating && route.method !== 'DELETE' && { body: { __invalid__: true } }) });
        // Past the guard, a handler may still answer 404 for a missing thing, but never the guard's PROJECT_NOT_FOUND.
        const guardRefused = [401, 403].includes(res.status) || (res.status === 404 && res.body?.code === 'PROJECT_NOT_FOUND');
        const ok = expected === 'allowed'
          ? !guardRefused && res.status < 500 && (!route.schemas?.body || res.status === 400)
          : res.status === STATUS[expected] && (expected !== 'hidden' || res.body?.code === 'PROJECT_NOT_FOUND');
        if (!ok) failures.push(`${caller} ${route.method} ${route.path}: expected ${expected}, got ${res.status} ${res.text.slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
