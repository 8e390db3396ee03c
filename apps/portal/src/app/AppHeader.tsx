import { Button, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
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
  // Phone width: tighter spacing so the sign-out button stays on screen.
  narrow: { gap: tokens.spacingHorizontalS, padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}` },
  product: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, flexShrink: 0 },
  spacer: { flexGrow: 1 },
  // A long address shortens with an ellipsis (full text in the tooltip) rather than pushing the header off screen.
  email: { minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  fixed: { flexShrink: 0 },
  // Fluent's 96-px minimum button width is most of a phone header; the labels need far less.
  compactButton: { minWidth: 'auto' },
});

interface AppHeaderProps {
  email: string;
  onSignOut: () => void;
  /** Present on narrow screens, where the navigation is folded behind this button. */
  menu?: { open: boolean; controls: string; onToggle: () => void } | undefined;
}

export function AppHeader({ email, onSignOut, menu }: AppHeaderProps) {
  const styles = useStyles();
  return (
    <header className={mergeClasses(styles.root, menu && styles.narrow)}>
      {menu && (
        <Button appearance="subtle" className={mergeClasses(styles.fixed, styles.compactButton)} aria-expanded={menu.open} aria-controls={menu.controls} onClick={menu.onToggle}>
          Menu
        </Button>
      )}
      <span className={styles.product}>
        <AppLink to="/">Cloister</AppLink>
      </span>
      <span className={styles.spacer} />
      <span className={styles.fixed}>
        <NotificationBell />
      </span>
      <Text data-testid="user-email" className={styles.email} title={email}>
        {email}
      </Text>
      <Button appearance="secondary" className={mergeClasses(styles.fixed, menu && styles.compactButton)} onClick={onSignOut}>
        Sign out
      </Button>
    </header>
  );
}
