import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe } from '../../../test/makeMe';
import { renderWithProviders } from '../../../test/renderWithProviders';
import { RoleLanding } from './RoleLanding';

const projectsPage = {
  items: [
    { id: 'a', name: 'Cancer registry', description: 'Linked registry data', tier: 3, status: 'active', createdAt: '2025-01-02T00:00:00Z' },
    { id: 'b', name: 'Sleep study', description: 'Wearables', tier: 1, status: 'provisioning', createdAt: '2025-02-03T00:00:00Z' },
  ],
  nextCursor: null,
};

describe('RoleLanding', () => {
  it.each([
    ['project admin', makeMe({ roles: [['project_admin'], ['researcher']] }), 'Project administration'],
    ['data owner', makeMe({ roles: [['data_owner']] }), 'My datasets'],
    ['output checker', makeMe({ roles: [['output_checker'], ['researcher']] }), 'Awaiting my review'],
    ['researcher', makeMe({ roles: [['researcher']] }), 'My workspace'],
  ])('shows the %s landing with the user’s projects and roles', (_role, me, heading) => {
    renderWithProviders(<RoleLanding />, { me });

    expect(screen.getByTestId('landing').textContent).toBe(heading);
    const table = screen.getByRole('table', { name: 'My projects' });
    for (const project of me.projects) expect(table.textContent).toContain(project.name);
  });

  it('labels each role the user holds in a project', () => {
    renderWithProviders(<RoleLanding />, { me: makeMe({ roles: [['researcher', 'output_checker']] }) });

    expect(screen.getByRole('table', { name: 'My projects' }).textContent).toContain('Researcher, Output checker');
  });

  it('welcomes a user with no project', () => {
    renderWithProviders(<RoleLanding />, { me: makeMe() });

    expect(screen.getByTestId('landing').textContent).toBe('Welcome to Cloister');
    expect(screen.getByText('You are not a member of any project yet.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('lists every project with status and tier for platform admins', async () => {
    renderWithProviders(<RoleLanding />, { me: makeMe({ isPlatformAdmin: true }), routes: { '/api/v1/projects': { body: projectsPage } } });

    expect(screen.getByTestId('landing').textContent).toBe('Platform overview');
    const table = await screen.findByRole('table', { name: 'All projects' });
    expect(table.textContent).toContain('Cancer registry');
    expect(table.textContent).toContain('Tier 3');
    expect(table.textContent).toContain('Active');
    expect(table.textContent).toContain('Provisioning');
  });

  it('loads further pages of projects on request', async () => {
    renderWithProviders(<RoleLanding />, {
      me: makeMe({ isPlatformAdmin: true }),
      routes: {
        '/api/v1/projects': { body: { items: projectsPage.items.slice(0, 1), nextCursor: 'page-2' } },
        '/api/v1/projects?cursor=page-2': { body: { items: projectsPage.items.slice(1), nextCursor: null } },
      },
    });

    fireEvent.click(await screen.findByRole('button', { name: 'Load more projects' }));

    const table = screen.getByRole('table', { name: 'All projects' });
    expect((await screen.findByText('Sleep study')).closest('table')).toBe(table);
    expect(table.textContent).toContain('Cancer registry');
    expect(screen.queryByRole('button', { name: 'Load more projects' })).toBeNull();
  });

  it('shows the API’s message and code when projects cannot be loaded', async () => {
    renderWithProviders(<RoleLanding />, {
      me: makeMe({ isPlatformAdmin: true }),
      routes: { '/api/v1/projects': { status: 503, body: { code: 'DATABASE_UNAVAILABLE', message: 'The database is not reachable.', details: null } } },
    });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The database is not reachable.');
    expect(alert.textContent).toContain('DATABASE_UNAVAILABLE');
  });
});
