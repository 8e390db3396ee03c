import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { makeMe } from '../test/makeMe';
import { renderWithProviders } from '../test/renderWithProviders';
import { navItemsForUser } from '../modules/navigation/navItemsForUser';
import { NARROW_VIEWPORT_QUERY } from '../modules/navigation/hooks/useNarrowViewport';
import { AppFrame } from './AppFrame';

const originalMatchMedia = window.matchMedia;

/** jsdom has no layout: a matchMedia that answers the narrow-viewport query as a 390-px phone would. */
function viewportIsNarrow(narrow: boolean) {
  window.matchMedia = (query: string) => ({
    matches: narrow && query === NARROW_VIEWPORT_QUERY, media: query, onchange: null,
    addEventListener: () => undefined, removeEventListener: () => undefined,
    addListener: () => undefined, removeListener: () => undefined, dispatchEvent: () => false,
  });
}

afterEach(() => {
  window.matchMedia = originalMatchMedia;
});

function renderFrame() {
  return renderWithProviders(
    <AppFrame email="researcher@example.org" navItems={navItemsForUser(makeMe({ roles: [['researcher']] }))} onSignOut={() => undefined}>
      <p>page</p>
    </AppFrame>,
    { path: '/datasets' },
  );
}

describe('AppFrame', () => {
  it('keeps the side navigation open and offers no Menu button on a wide screen', () => {
    viewportIsNarrow(false);
    renderFrame();

    expect(screen.getByRole('link', { name: 'Workspaces' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Menu' })).toBeNull();
  });

  it('folds the navigation behind Menu on a phone, and closes it once a section is chosen', () => {
    viewportIsNarrow(true);
    renderFrame();

    // The 240-px navigation beside the page would leave a 390-px phone 150 px for it.
    expect(screen.queryByRole('link', { name: 'Workspaces' })).toBeNull();
    const menu = screen.getByRole('button', { name: 'Menu' });
    expect(menu.getAttribute('aria-expanded')).toBe('false');

    fireEvent.click(menu);
    expect(menu.getAttribute('aria-expanded')).toBe('true');
    expect(document.getElementById(menu.getAttribute('aria-controls') ?? '')).toBeTruthy();

    fireEvent.click(screen.getByRole('link', { name: 'Workspaces' }));
    expect(screen.queryByRole('link', { name: 'Workspaces' })).toBeNull();
    expect(menu.getAttribute('aria-expanded')).toBe('false');
  });
});
