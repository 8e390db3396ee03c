import { RATE_CARD, STOP_REASONS, TEXT_LIMITS, tooLongMessage, WORKSPACE_KINDS, WORKSPACE_STATUSES } from '@cloister/domain';
import { z } from 'zod';
import { uuid } from '../http/common-schemas';

export const workspaceParams = z.strictObject({ projectId: uuid, workspaceId: uuid });

export const createWorkspaceBody = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(TEXT_LIMITS.workspace.name, tooLongMessage(TEXT_LIMITS.workspace.name))
    .regex(/^[\w .-]+$/, 'may contain letters, digits, spaces, dots, dashes and underscores only'),
  kind: z.enum(WORKSPACE_KINDS, { error: `must be one of ${WORKSPACE_KINDS.join(', ')}` }),
  size: z.enum(RATE_CARD.map((s) => s.size) as [string, ...string[]], { error: `must be one of ${RATE_CARD.map((s) => s.size).join(', ')}` }),
  /** Project admins may create a workspace every researcher of the project can use. */
  shared: z.boolean().default(false),
});

export const workspaceResponse = z.object({
  id: z.string(), projectId: z.string(), name: z.string(), kind: z.enum(WORKSPACE_KINDS), size: z.string(), hourlyRate: z.number(),
  ownerId: z.string().nullable(), ownerEmail: z.string().nullable(), shared: z.boolean(),
  status: z.enum(WORKSPACE_STATUSES), statusSince: z.string(), lastStopReason: z.enum(STOP_REASONS).nullable(), failureReason: z.string().nullable(),
  simulated: z.boolean(), createdAt: z.string(),
  /** What the caller may do to it now (buttons the portal shows). */
  allowed: z.object({ start: z.boolean(), stop: z.boolean(), delete: z.boolean(), connect: z.boolean() }),
});
export const workspaceListResponse = z.object({ items: z.array(workspaceResponse) });
export const myWorkspacesResponse = z.object({ items: z.array(workspaceResponse.extend({ projectName: z.string() })) });
export const connectResponse = z.object({ url: z.string().nullable(), notice: z.string(), simulated: z.boolean() });
export const sizesResponse = z.object({
  currency: z.string(),
  items: z.array(z.object({ size: z.string(), kind: z.enum(WORKSPACE_KINDS), label: z.string(), hourlyRate: z.number() })),
});
