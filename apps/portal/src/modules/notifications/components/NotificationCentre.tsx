import { Body1, Button, Caption1, Subtitle2, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useNavigate } from 'react-router';
import { ErrorState } from '../../../ui/ErrorState';
import { LoadingState } from '../../../ui/LoadingState';
import type { AppNotification } from '../api/notificationRequests';
import { useMarkAllNotificationsRead, useMarkNotificationRead, useNotifications } from '../hooks/useNotifications';
import { formatTime } from '../../../ui/formatTime';

const useStyles = makeStyles({
  // Never wider than a phone's screen less the popover's padding (380 px ran 24 px off a 390-px screen).
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, width: 'min(380px, calc(100vw - 64px))', maxHeight: '70vh' },
  header: { display: 'flex', alignItems: 'center', justifyContent: 'space-between' },
  list: { listStyleType: 'none', margin: 0, padding: 0, overflowY: 'auto', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: {
    display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium, border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  unread: { backgroundColor: tokens.colorBrandBackground2, border: `${tokens.strokeWidthThin} solid ${tokens.colorBrandStroke2}` },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

/** The notification centre inside the bell's popover: newest first, mark read, follow a notification's link. */
export function NotificationCentre({ onNavigate }: { onNavigate: () => void }) {
  const styles = useStyles();
  const notifications = useNotifications();
  const markRead = useMarkNotificationRead();
  const markAll = useMarkAllNotificationsRead();
  const navigate = useNavigate();

  const open = (n: AppNotification) => {
    if (!n.readAt) markRead.mutate(n.id);
    if (n.link) {
      onNavigate();
      void navigate(n.link);
    }
  };

  return (
    <section className={styles.root} aria-label="Notification centre">
      <div className={styles.header}>
        <Subtitle2 as="h2">Notifications</Subtitle2>
        <Button size="small" appearance="subtle" disabled={!notifications.data?.unread || markAll.isPending} onClick={() => markAll.mutate()}>
          Mark all read
        </Button>
      </div>
      {notifications.isPending && <LoadingState label="Loading notifications…" />}
      {notifications.isError && <ErrorState error={notifications.error} onRetry={() => void notifications.refetch()} />}
      {markRead.isError && <ErrorState error={markRead.error} />}
      {notifications.data && notifications.data.items.length === 0 && <Body1>Nothing needs you right now.</Body1>}
      {notifications.data && notifications.data.items.length > 0 && (
        <ul className={styles.list}>
          {notifications.data.items.map((n) => (
            <li key={n.id} className={mergeClasses(styles.item, !n.readAt && styles.unread)} data-testid="notification" data-unread={!n.readAt}>
              <Text weight={n.readAt ? 'regular' : 'semibold'}>{n.subject}</Text>
              <Body1>{n.body}</Body1>
              <Caption1>{formatTime(n.createdAt)}</Caption1>
              <div className={styles.actions}>
                {n.link && (
                  <Button size="small" appearance="primary" onClick={() => open(n)}>
                    Open
                  </Button>
                )}
                {!n.readAt && (
                  <Button size="small" onClick={() => markRead.mutate(n.id)} aria-label={`Mark "${n.subject}" read`}>
                    Mark read
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {notifications.data && notifications.data.total > notifications.data.items.length && (
        <Caption1>Showing the newest {notifications.data.items.length} of {notifications.data.total}.</Caption1>
      )}
    </section>
  );
}
