import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe } from '../../../test/makeMe';
import { renderWithProviders } from '../../../test/renderWithProviders';
import { navItemsForUser } from '../navItemsForUser';
import { SideNav } from './SideNav';

describe('SideNav', () => {
  it('renders one link per item for the user’s roles', () => {
    renderWithProviders(<SideNav items={navItemsForUser(makeMe({ roles: [['researcher']] }))} />);

    const links = screen.getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual(['My projects', 'Datasets', 'Workspaces', 'Outputs']);
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['/my-projects', '/datasets', '/workspaces', '/outputs']);
  });

  it('marks the current section', () => {
    renderWithProviders(<SideNav items={navItemsForUser(makeMe({ roles: [['output_checker']] }))} />, { path: '/reviews/123' });

    expect(screen.getByRole('link', { name: 'Reviews' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('link', { name: 'My projects' }).getAttribute('aria-current')).not.toBe('page');
  });
});
