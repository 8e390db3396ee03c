import { validationError } from '@cloister/domain';
import { z } from 'zod';

/** Parses one part of a gateway request with a strict schema; a failure is a 400 naming each bad field. */
export function parseInput<S extends z.ZodType>(where: 'params' | 'query', schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields = result.error.issues.map((i) => {
    const path = [where, ...i.path.map(String)].join('.');
    return i.code === 'unrecognized_keys' ? { field: `${path}.${i.keys[0]}`, message: `unknown field(s) ${i.keys.join(', ')}` } : { field: path, message: i.message };
  });
  throw validationError('VALIDATION_FAILED', fields.map((f) => `${f.field}: ${f.message}`).join('; '), { fields });
}

const email = z.string().trim().toLowerCase().pipe(z.email('must be the researcher\'s email address'));

export const projectParams = z.object({ projectId: z.uuid('must be a project id (a UUID)') }).strict();
export const outputQuery = z.object({ path: z.string().max(1024), user: email }).strict();
export const listQuery = z.object({ user: email }).strict();
export const grantQuery = z.object({ grant: z.string().min(1).max(8192) }).strict();
