import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../test/renderWithProviders';
import { NotificationBell } from './NotificationBell';

const unreadOne = {
  id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', kind: 'export.in_review', subject: 'Export awaits your review', body: 'Request "Table 1" is ready.',
  projectId: null, link: '/reviews/req-1', createdAt: '2025-01-02T10:00:00.000Z', readAt: null,
};
const readOne = {
  id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', kind: 'export.released', subject: 'Export released', body: 'Your outputs are ready to download.',
  projectId: null, link: null, createdAt: '2025-01-01T10:00:00.000Z', readAt: '2025-01-01T11:00:00.000Z',
};
const page = (items: unknown[], unread: number) => ({ body: { items, total: items.length, unread, limit: 20, offset: 0 } });

function renderBell(routes: Parameters<typeof renderWithProviders>[1] extends infer O ? O extends { routes?: infer R } ? R : never : never) {
  return renderWithProviders(
    <>
      <NotificationBell />
      <Routes>
        <Route path="/" element={<p>Home</p>} />
        <Route path="/reviews/req-1" element={<p>Review page</p>} />
      </Routes>
    </>,
    { routes },
  );
}

describe('NotificationBell', () => {
  it('shows the unread count and lists notifications, newest first, when opened', async () => {
    renderBell({ 'GET /api/v1/me/notifications': page([unreadOne, readOne], 1) });
    const bell = await screen.findByRole('button', { name: 'Notifications, 1 unread' });
    expect(screen.getByTestId('notification-unread').textContent).toBe('1');

    fireEvent.click(bell);
    const items = await screen.findAllByTestId('notification');
    expect(items.map((i) => i.textContent)).toEqual([expect.stringContaining('Export awaits your review'), expect.stringContaining('Export released')]);
    expect(items.map((i) => i.getAttribute('data-unread'))).toEqual(['true', 'false']);
  });

  it('marks one notification read, or all of them', async () => {
    const { requests } = renderBell({
      'GET /api/v1/me/notifications': page([unreadOne, readOne], 1),
      [`POST /api/v1/me/notifications/${unreadOne.id}/read`]: { body: { ...unreadOne, readAt: '2025-01-02T10:05:00.000Z' } },
      'POST /api/v1/me/notifications/read-all': { body: { marked: 1, unread: 0 } },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Notifications, 1 unread' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Mark "Export awaits your review" read' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'POST' && r.url.endsWith(`/notifications/${unreadOne.id}/read`))).toBe(true));

    fireEvent.click(await screen.findByRole('button', { name: 'Mark all read' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'POST' && r.url.endsWith('/notifications/read-all'))).toBe(true));
  });

  it('follows a notification\'s link, marking it read and closing the centre', async () => {
    const { requests } = renderBell({
      'GET /api/v1/me/notifications': page([unreadOne], 1),
      [`POST /api/v1/me/notifications/${unreadOne.id}/read`]: { body: { ...unreadOne, readAt: '2025-01-02T10:05:00.000Z' } },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Notifications, 1 unread' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Open' }));
    expect(await screen.findByText('Review page')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Notification centre' })).toBeNull());
    expect(requests.some((r) => r.method === 'POST' && r.url.endsWith(`/notifications/${unreadOne.id}/read`))).toBe(true);
  });

  it('shows no count when nothing is unread, and says so when there is nothing at all', async () => {
    renderBell({ 'GET /api/v1/me/notifications': page([], 0) });
    const bell = await screen.findByRole('button', { name: 'Notifications' });
    expect(screen.queryByTestId('notification-unread')).toBeNull();
    fireEvent.click(bell);
    expect(await screen.findByText('Nothing needs you right now.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Mark all read' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
