import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { NavItemDefinition } from '../modules/navigation/navItemsForUser';
import { SideNav } from '../modules/navigation/components/SideNav';
import { AppHeader } from './AppHeader';

const useStyles = makeStyles({
  root: { minHeight: '100vh', display: 'flex', flexDirection: 'column', backgroundColor: tokens.colorNeutralBackground2 },
  body: { display: 'flex', flexGrow: 1, minHeight: 0 },
  main: { flexGrow: 1, minWidth: 0, padding: tokens.spacingHorizontalXXL, overflow: 'auto', backgroundColor: tokens.colorNeutralBackground1 },
});

interface AppFrameProps {
  email: string;
  navItems: readonly NavItemDefinition[];
  onSignOut: () => void;
  children: ReactNode;
}

/** Header, side navigation and the page area of the signed-in portal. */
export function AppFrame({ email, navItems, onSignOut, children }: AppFrameProps) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <AppHeader email={email} onSignOut={onSignOut} />
      <div className={styles.body}>
        <SideNav items={navItems} />
        <main className={styles.main}>{children}</main>
      </div>
    </div>
  );
}
