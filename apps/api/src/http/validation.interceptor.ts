import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { validationError } from '@cloister/domain';
import type { Observable } from 'rxjs';
import { z } from 'zod';
import type { CloisterRequest } from '../core/request-context';
import { ROUTE_SCHEMAS, type RouteSchemas } from './validate.decorator';

/** Describes a zod failure by field path, e.g. `body.members[0].email: Invalid email address`. */
export function describeIssues(where: string, error: z.ZodError): { message: string; fields: { field: string; message: string }[] } {
  const fields = error.issues.map((i) => {
    const path = i.path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : `${acc}.${String(p)}`), where);
    const message = i.code === 'unrecognized_keys' ? `unknown field(s) ${i.keys.join(', ')}` : i.message;
    return { field: i.code === 'unrecognized_keys' ? `${path}.${i.keys[0]}` : path, message };
  });
  return { message: fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields };
}

/** Validates params, query and body against the route's declared schemas and replaces them with the parsed values. */
@Injectable()
export class ValidationInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const schemas = this.reflector.get<RouteSchemas | undefined>(ROUTE_SCHEMAS, context.getHandler());
    if (context.getType() === 'http') {
      const req = context.switchToHttp().getRequest<CloisterRequest>();
      // A route that declares no query takes none: an unexpected parameter is refused, not silently ignored.
      const query = schemas?.query ?? z.strictObject({});
      Object.defineProperty(req, 'query', { value: this.parse('query', query, req.query ?? {}), writable: true });
      if (schemas?.params) Object.defineProperty(req, 'params', { value: this.parse('params', schemas.params, req.params), writable: true });
      if (schemas?.body) req.body = this.parse('body', schemas.body, req.body ?? {});
    }
    return next.handle();
  }

  private parse(where: string, schema: z.ZodType, value: unknown): unknown {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    const { message, fields } = describeIssues(where, result.error);
    throw validationError('VALIDATION_FAILED', message, { fields });
  }
}
