import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBody, ApiParam, ApiQuery, ApiResponse, type SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';

export const ROUTE_SCHEMAS = 'cloister:route-schemas';

export interface RouteSchemas {
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  /** Documented response for the success status. */
  readonly response?: z.ZodType;
  readonly status?: number;
  readonly description?: string;
}

export function toOpenApiSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): SchemaObject {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as SchemaObject;
}

/**
 * Declares a route's input schemas (checked before the handler runs) and documents them in OpenAPI.
 * Every schema object is strict, so unknown fields are refused rather than ignored.
 */
export function Validate(schemas: RouteSchemas): MethodDecorator {
  const decorators: (MethodDecorator | ClassDecorator)[] = [SetMetadata(ROUTE_SCHEMAS, schemas)];
  if (schemas.body) decorators.push(ApiBody({ schema: toOpenApiSchema(schemas.body) }));
  for (const [name, s] of Object.entries(schemas.params?.shape ?? {})) {
    decorators.push(ApiParam({ name, required: true, schema: toOpenApiSchema(s as z.ZodType) }));
  }
  for (const [name, s] of Object.entries(schemas.query?.shape ?? {})) {
    decorators.push(ApiQuery({ name, required: !(s as z.ZodType).safeParse(undefined).success, schema: toOpenApiSchema(s as z.ZodType) }));
  }
  decorators.push(ApiResponse({
    status: schemas.status ?? 200,
    description: schemas.description ?? 'OK',
    ...(schemas.response && { schema: toOpenApiSchema(schemas.response, 'output') }),
  }));
  return applyDecorators(...decorators) as MethodDecorator;
}
