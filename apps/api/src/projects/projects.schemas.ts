import { MAX_ADMINS_AT_PROJECT_CREATION, PROJECT_ROLES, PROJECT_STATUSES, TEXT_LIMITS, tooLongMessage } from '@cloister/domain';
import { z } from 'zod';
import { email, limit, projectRole, projectStatus, tier, uuid } from '../http/common-schemas';

const { name: NAME_MAX, description: DESCRIPTION_MAX } = TEXT_LIMITS.project;
const name = z.string({ error: 'must be text' }).trim().min(1, 'must not be empty').max(NAME_MAX, tooLongMessage(NAME_MAX));
const description = z.string({ error: 'must be text' }).trim().max(DESCRIPTION_MAX, tooLongMessage(DESCRIPTION_MAX));
const checkersRequired = z.number({ error: 'must be a number' }).int('must be a whole number').min(1).max(10);

export const createProjectBody = z.strictObject({
  name,
  description: description.default(''),
  tier,
  checkersRequired: checkersRequired.optional(),
  adminEmails: z.array(email).min(1, 'must name at least one project admin').max(MAX_ADMINS_AT_PROJECT_CREATION),
});

export const updateSettingsBody = z.strictObject({
  name: name.optional(),
  description: description.optional(),
  tier: tier.optional(),
  checkersRequired: checkersRequired.optional(),
}).refine((b) => Object.keys(b).length > 0, 'body: name at least one setting to change');

export const transitionBody = z.strictObject({ to: projectStatus });

export const listProjectsQuery = z.strictObject({ cursor: z.string().max(200).optional(), limit });

export const projectResponse = z.object({
  id: z.string(), name: z.string(), description: z.string(), tier: z.number().int(), status: z.enum(PROJECT_STATUSES),
  checkersRequired: z.number().int(), createdAt: z.string(),
});
export const projectListResponse = z.object({ items: z.array(projectResponse), nextCursor: z.string().nullable() });

const roles = z.array(projectRole).min(1, 'must list at least one role').max(PROJECT_ROLES.length)
  .refine((r) => new Set(r).size === r.length, 'must not repeat a role');

export const addMemberBody = z.strictObject({ email, roles });
export const setRolesBody = z.strictObject({ roles });
// A member is named by user id or, as people know them, by email address.
export const memberParams = z.strictObject({ projectId: uuid, userId: z.union([uuid, email], { error: 'must be a user id (UUID) or an email address' }) });
export const assignAdminBody = z.strictObject({ email });

export const memberResponse = z.object({
  userId: z.string(), email: z.string(), displayName: z.string(), roles: z.array(z.enum(PROJECT_ROLES)), invited: z.boolean(),
});
export const memberListResponse = z.object({ items: z.array(memberResponse) });
