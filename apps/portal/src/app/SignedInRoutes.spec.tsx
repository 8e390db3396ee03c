import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { navItemsForUser } from '../modules/navigation/navItemsForUser';
import { makeMe } from '../test/makeMe';
import { renderWithProviders } from '../test/renderWithProviders';
import { SignedInRoutes } from './SignedInRoutes';

describe('SignedInRoutes', () => {
  it('shows the 404 page for unknown addresses', () => {
    const me = makeMe({ roles: [['researcher']] });
    renderWithProviders(<SignedInRoutes navItems={navItemsForUser(me)} />, { me, path: '/no/such/page' });

    expect(screen.getByRole('heading', { name: 'Page not found' })).toBeTruthy();
    expect(document.title).toBe('Page not found · Cloister');
  });

  it('treats sections outside the user’s roles as not found', () => {
    const me = makeMe({ roles: [['researcher']] });
    renderWithProviders(<SignedInRoutes navItems={navItemsForUser(me)} />, { me, path: '/audit-log' });

    expect(screen.getByRole('heading', { name: 'Page not found' })).toBeTruthy();
  });

  it('lists the user’s projects on "My projects"', () => {
    const me = makeMe({ roles: [['data_owner']] });
    renderWithProviders(<SignedInRoutes navItems={navItemsForUser(me)} />, { me, path: '/my-projects' });

    expect(screen.getByRole('heading', { name: 'My projects' })).toBeTruthy();
    expect(screen.getByRole('table', { name: 'My projects' }).textContent).toContain('Data owner');
    expect(document.title).toBe('My projects · Cloister');
  });

  it('names the browser tab after the section', () => {
    const me = makeMe({ roles: [['output_checker']] });
    renderWithProviders(<SignedInRoutes navItems={navItemsForUser(me)} />, { me, path: '/reviews' });
    expect(document.title).toBe('Reviews · Cloister');
  });
});
