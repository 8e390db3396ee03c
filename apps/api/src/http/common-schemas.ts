import { isTier, PROJECT_ROLES, PROJECT_STATUSES, TEXT_LIMITS, type Tier, tooLongMessage } from '@cloister/domain';
import { z } from 'zod';

export const uuid = z.uuid({ error: 'must be a UUID' });
export const email = z.string().trim().toLowerCase().pipe(z.email({ error: 'must be a valid email address' })).refine((e) => e.length <= TEXT_LIMITS.user.email, tooLongMessage(TEXT_LIMITS.user.email));
export const projectRole = z.enum(PROJECT_ROLES, { error: `must be one of ${PROJECT_ROLES.join(', ')}` });
export const projectStatus = z.enum(PROJECT_STATUSES);
export const tier = z.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must be between 0 and 4').max(4, 'must be between 0 and 4')
  .refine(isTier).transform((t) => t as Tier);
export const projectIdParams = z.strictObject({ projectId: uuid });
export const limit = z.coerce.number().int().min(1).max(500).default(50);

export const errorSchema = z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).nullable() });

/** For actions that take no input: anything sent is refused rather than ignored. */
export const emptyBody = z.strictObject({});
