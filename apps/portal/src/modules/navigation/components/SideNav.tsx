import { NavDrawer, NavDrawerBody, NavItem } from '@fluentui/react-components';
import type { MouseEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { NavItemDefinition } from '../navItemsForUser';

function selectedPath(pathname: string, items: readonly NavItemDefinition[]): string {
  return items.find((item) => pathname === item.path || pathname.startsWith(`${item.path}/`))?.path ?? '';
}

/** Role-dependent side navigation; real hrefs, client-side navigation. */
export function SideNav({ items }: { items: readonly NavItemDefinition[] }) {
  const location = useLocation();
  const navigate = useNavigate();
  const go = (event: MouseEvent<HTMLAnchorElement>, path: string) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    void navigate(path);
  };
  return (
    <NavDrawer open type="inline" selectedValue={selectedPath(location.pathname, items)} aria-label="Main navigation">
      <NavDrawerBody>
        {items.map((item) => (
          <NavItem as="a" key={item.path} value={item.path} href={item.path} onClick={(event: MouseEvent<HTMLAnchorElement>) => go(event, item.path)}>
            {item.label}
          </NavItem>
        ))}
      </NavDrawerBody>
    </NavDrawer>
  );
}
