import { Nav, NavItem, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { MouseEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { NavItemDefinition } from '../navItemsForUser';

const useStyles = makeStyles({
  // Fixed width and no shrinking: a wide table in the page must not squeeze the navigation away.
  root: {
    width: '240px',
    flexShrink: 0,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalS}`,
    // Fluent's NavItem paints colorNeutralBackground4; matching it avoids a patchwork of grey boxes.
    backgroundColor: tokens.colorNeutralBackground4,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    boxSizing: 'border-box',
  },
  // Phone layout: the navigation opens above the page, across its width.
  fullWidth: { width: '100%', borderRight: 'none', borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
});

function selectedPath(pathname: string, items: readonly NavItemDefinition[]): string {
  return items.find((item) => pathname === item.path || pathname.startsWith(`${item.path}/`))?.path ?? '';
}

/** Role-dependent side navigation; real hrefs, client-side navigation. */
export function SideNav({ items, id, fullWidth = false }: { items: readonly NavItemDefinition[]; id?: string; fullWidth?: boolean }) {
  const styles = useStyles();
  const location = useLocation();
  const navigate = useNavigate();
  const go = (event: MouseEvent<HTMLAnchorElement>, path: string) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    void navigate(path);
  };
  return (
    <Nav id={id} className={mergeClasses(styles.root, fullWidth && styles.fullWidth)} selectedValue={selectedPath(location.pathname, items)} aria-label="Main navigation">
      {items.map((item) => (
        <NavItem as="a" key={item.path} value={item.path} href={item.path} onClick={(event: MouseEvent<HTMLAnchorElement>) => go(event, item.path)}>
          {item.label}
        </NavItem>
      ))}
    </Nav>
  );
}
