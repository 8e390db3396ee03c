import type { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { RequestMethod } from '@nestjs/common';
import type { RoutePolicy } from '@cloister/domain';
import { ROUTE_POLICY } from '../auth/route-policy.decorator';
import { ROUTE_SCHEMAS, type RouteSchemas } from './validate.decorator';

export interface RouteInfo {
  readonly method: string;
  readonly path: string;
  readonly controller: string;
  readonly handler: string;
  readonly policy: RoutePolicy | undefined;
  readonly schemas: RouteSchemas | undefined;
}

const join = (...parts: string[]) => `/${parts.flatMap((p) => p.split('/')).filter(Boolean).join('/')}`;

/** Every route every controller of the application registers, with its declared policy and schemas. */
export function listRoutes(app: INestApplication, globalPrefix = 'api'): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const proto = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const fn = proto[name];
        if (name === 'constructor' || typeof fn !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, fn) as string | string[] | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod | undefined;
        if (path === undefined || method === undefined) continue;
        const policy = (Reflect.getMetadata(ROUTE_POLICY, fn) ?? Reflect.getMetadata(ROUTE_POLICY, controller)) as RoutePolicy | undefined;
        for (const p of Array.isArray(path) ? path : [path]) {
          routes.push({
            method: RequestMethod[method], path: join(globalPrefix, base, p), controller: controller.name, handler: name, policy,
            schemas: Reflect.getMetadata(ROUTE_SCHEMAS, fn) as RouteSchemas | undefined,
          });
        }
      }
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/** `METHOD path` of each route that declares no access policy (the guard closes them; the route test lists them). */
export function routesWithoutPolicy(routes: readonly RouteInfo[]): string[] {
  return routes.filter((r) => !r.policy).map((r) => `${r.method} ${r.path}`);
}
