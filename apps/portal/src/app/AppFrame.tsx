import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useState, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import type { NavItemDefinition } from '../modules/navigation/navItemsForUser';
import { SideNav } from '../modules/navigation/components/SideNav';
import { useNarrowViewport } from '../modules/navigation/hooks/useNarrowViewport';
import { AppHeader } from './AppHeader';

const NAV_ID = 'main-navigation';

const useStyles = makeStyles({
  root: { minHeight: '100vh', display: 'flex', flexDirection: 'column', backgroundColor: tokens.colorNeutralBackground2 },
  body: { display: 'flex', flexGrow: 1, minHeight: 0 },
  bodyNarrow: { flexDirection: 'column' },
  main: { flexGrow: 1, minWidth: 0, padding: tokens.spacingHorizontalXXL, overflow: 'auto', backgroundColor: tokens.colorNeutralBackground1 },
  // On a phone, tables keep readable columns and scroll sideways inside the page instead of breaking words per letter.
  mainNarrow: { padding: tokens.spacingHorizontalM, '& .fui-Table': { minWidth: '600px' } },
});

interface AppFrameProps {
  email: string;
  navItems: readonly NavItemDefinition[];
  onSignOut: () => void;
  children: ReactNode;
}

/** Header, side navigation and the page area of the signed-in portal; on a narrow screen the navigation folds behind Menu. */
export function AppFrame({ email, navItems, onSignOut, children }: AppFrameProps) {
  const styles = useStyles();
  const narrow = useNarrowViewport();
  const { pathname } = useLocation();
  // The menu belongs to the page it was opened on, so following one of its links closes it.
  const [menuOpenOn, setMenuOpenOn] = useState<string | null>(null);
  const menuOpen = menuOpenOn === pathname;
  const menu = narrow ? { open: menuOpen, controls: NAV_ID, onToggle: () => setMenuOpenOn(menuOpen ? null : pathname) } : undefined;
  return (
    <div className={styles.root}>
      <AppHeader email={email} onSignOut={onSignOut} menu={menu} />
      <div className={mergeClasses(styles.body, narrow && styles.bodyNarrow)}>
        {(!narrow || menuOpen) && <SideNav id={NAV_ID} items={navItems} fullWidth={narrow} />}
        <main className={mergeClasses(styles.main, narrow && styles.mainNarrow)}>{children}</main>
      </div>
    </div>
  );
}
