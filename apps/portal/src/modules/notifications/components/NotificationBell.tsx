import { Button, CounterBadge, Popover, PopoverSurface, PopoverTrigger } from '@fluentui/react-components';
import { useState } from 'react';
import { useNotifications } from '../hooks/useNotifications';
import { NotificationCentre } from './NotificationCentre';

/** The header's bell: the unread count at a glance, the notification centre on click. */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const notifications = useNotifications();
  const unread = notifications.data?.unread ?? 0;
  return (
    <Popover open={open} onOpenChange={(_, data) => setOpen(data.open)} positioning="below-end" trapFocus>
      <PopoverTrigger disableButtonEnhancement>
        <Button
          appearance="subtle"
          aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}
          icon={<BellGlyph />}
          data-testid="notification-bell"
        >
          {unread > 0 && <CounterBadge count={unread} overflowCount={99} size="small" color="danger" data-testid="notification-unread" />}
        </Button>
      </PopoverTrigger>
      <PopoverSurface>
        <NotificationCentre onNavigate={() => setOpen(false)} />
      </PopoverSurface>
    </Popover>
  );
}

/** A plain SVG bell (the portal has no icon package). */
function BellGlyph() {
  return (
    <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M10 2a5 5 0 0 0-5 5v2.6l-1.4 2.8A1 1 0 0 0 4.5 14h11a1 1 0 0 0 .9-1.6L15 9.6V7a5 5 0 0 0-5-5Zm-2 13a2 2 0 0 0 4 0H8Z"
      />
    </svg>
  );
}
