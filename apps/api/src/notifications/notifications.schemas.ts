import { z } from 'zod';
import { uuid } from '../http/common-schemas';

export const notificationListQuery = z.strictObject({
  limit: z.coerce.number({ error: 'must be a number' }).int().min(1, 'must be between 1 and 100').max(100, 'must be between 1 and 100').default(20),
  offset: z.coerce.number({ error: 'must be a number' }).int().min(0, 'must be 0 or more').max(100_000).default(0),
  unreadOnly: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false').transform((v) => v === 'true'),
});

export const notificationIdParams = z.strictObject({ id: uuid });

export const notificationResponse = z.object({
  id: z.string(), kind: z.string(), subject: z.string(), body: z.string(), projectId: z.string().nullable(), link: z.string().nullable(),
  createdAt: z.string(), readAt: z.string().nullable(),
});

export const notificationPageResponse = z.object({
  items: z.array(notificationResponse), total: z.number().int(), unread: z.number().int(), limit: z.number().int(), offset: z.number().int(),
});

export const readAllResponse = z.object({ marked: z.number().int(), unread: z.number().int() });

export const mailboxQuery = z.strictObject({
  limit: z.coerce.number({ error: 'must be a number' }).int().min(1, 'must be between 1 and 200').max(200, 'must be between 1 and 200').default(50),
});

export const mailboxResponse = z.object({
  scope: z.enum(['all', 'mine']),
  items: z.array(z.object({
    id: z.string(), receivedAt: z.string(), from: z.string().nullable(), to: z.array(z.string()), envelopeTo: z.array(z.string()), subject: z.string(), text: z.string(),
  })),
});
