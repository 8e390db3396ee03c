import type { ApiClient } from '../../../api/client';
import { expectData } from '../../../api/expectData';
import type { GetResponse } from '../../../api/GetResponse';

export type NotificationPage = GetResponse<'/api/v1/me/notifications'>;
export type AppNotification = NotificationPage['items'][number];
export type DevMailbox = GetResponse<'/api/v1/dev/mailbox'>;
export type CaughtMail = DevMailbox['items'][number];

export async function fetchNotifications(client: ApiClient, limit: number): Promise<NotificationPage> {
  return expectData(await client.GET('/api/v1/me/notifications', { params: { query: { limit } } }));
}

export async function markNotificationRead(client: ApiClient, id: string): Promise<AppNotification> {
  return expectData(await client.POST('/api/v1/me/notifications/{id}/read', { params: { path: { id } }, body: {} }));
}

export async function markAllNotificationsRead(client: ApiClient): Promise<void> {
  expectData(await client.POST('/api/v1/me/notifications/read-all', { body: {} }));
}

export async function fetchDevMailbox(client: ApiClient): Promise<DevMailbox> {
  return expectData(await client.GET('/api/v1/dev/mailbox', { params: { query: { limit: 100 } } }));
}
