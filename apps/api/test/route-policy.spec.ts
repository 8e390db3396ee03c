import { Controller, Get, type INestApplication } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { createLogger } from '@cloister/adapters';
import { freePort } from '@cloister/local-stack';
import { ProjectsRepository } from '@cloister/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessGuard } from '../src/auth/access.guard';
import { AuthenticationService } from '../src/auth/authentication.service';
import { Authenticated } from '../src/auth/route-policy.decorator';
import { expectedAccess, MATRIX_CALLERS } from '../src/contracts/permission-matrix';
import { DomainErrorFilter } from '../src/http/domain-error.filter';
import { listRoutes, routesWithoutPolicy, type RouteInfo } from '../src/http/route-inventory';
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
    expect(routesWithoutPolicy(routes)).toEqual([]);
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

// Deny by default, shown on a route someone forgot to declare: the inventory check names it, and the real guard
// (with the real authentication behind it) closes it to everyone, signed in or not.
describe('a route without a declared policy', () => {
  @Controller('v1/forgotten')
  class ForgottenController {
    @Get()
    open(): { secret: string } { return { secret: 'should never be served' }; }

    @Get('declared')
    @Authenticated()
    declared(): { ok: boolean } { return { ok: true }; }
  }

  let h: ApiHarness;
  let app: INestApplication;
  let url: string;
  beforeAll(async () => {
    h = await startApiHarness();
    const moduleRef = await Test.createTestingModule({
      controllers: [ForgottenController],
      providers: [{ provide: APP_GUARD, useFactory: () => new AccessGuard(new Reflector(), h.app.get(AuthenticationService), h.app.get(ProjectsRepository)) }],
    }).compile();
    app = moduleRef.createNestApplication();
    app.setGlobalPrefix('api');
    app.useGlobalFilters(new DomainErrorFilter(createLogger('silent', 'route-policy-test')));
    const port = await freePort();
    await app.listen(port, '127.0.0.1');
    url = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await app?.close();
    await h?.close();
  });

  it('is what the inventory check reports', () => {
    expect(routesWithoutPolicy(listRoutes(app))).toEqual(['GET /api/v1/forgotten']);
  });

  it('is closed to every caller, as the matrix says', async () => {
    const tokens = { anonymous: undefined, signed_in: await h.token('outsider@example.org'), platform_admin: await h.token('admin@example.org') };
    for (const [caller, token] of Object.entries(tokens)) {
      const res = await fetch(`${url}/api/v1/forgotten`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      expect(res.status, caller).toBe(403);
      expect(((await res.json()) as { code: string }).code).toBe('ROUTE_POLICY_MISSING');
    }
    for (const caller of MATRIX_CALLERS) expect(expectedAccess(undefined, caller)).toBe('forbidden');
    const declared = await fetch(`${url}/api/v1/forgotten/declared`, { headers: { authorization: `Bearer ${tokens.signed_in}` } });
    expect(declared.status).toBe(200);
  });
});
