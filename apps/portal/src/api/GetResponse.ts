import type { paths } from './schema.gen';

/**
 * The JSON body of a path's successful GET, derived from the generated paths rather than
 * component names, so the portal survives the API renaming its schemas.
 */
export type GetResponse<P extends keyof paths> = paths[P] extends {
  get: { responses: { 200: { content: { 'application/json': infer Body } } } };
}
  ? Body
  : never;
