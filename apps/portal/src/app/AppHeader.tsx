import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { NotificationBell } from '../modules/notifications/components/NotificationBell';
import { AppLink } from '../ui/AppLink';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXL}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  product: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  spacer: { flexGrow: 1 },
});

interface AppHeaderProps {
  email: string;
  onSignOut: () => void;
}

export function AppHeader({ email, onSignOut }: AppHeaderProps) {
  const styles = useStyles();
  return (
    <header className={styles.root}>
      <span className={styles.product}>
        <AppLink to="/">Cloister</AppLink>
      </span>
      <span className={styles.spacer} />
      <NotificationBell />
      <Text data-testid="user-email">{email}</Text>
      <Button appearance="secondary" onClick={onSignOut}>
        Sign out
      </Button>
    </header>
  );
}
