import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe } from '../../../test/makeMe';
import { renderWithProviders } from '../../../test/renderWithProviders';
import { MembersManager } from './MembersManager';

const projectId = '00000000-0000-4000-8000-0000000000aa';
const pi = { userId: '00000000-0000-4000-8000-0000000000b1', email: 'pi@example.org', displayName: 'Priya', roles: ['project_admin', 'researcher'], invited: false };
const newcomer = { userId: '00000000-0000-4000-8000-0000000000b2', email: 'new@example.org', displayName: 'new@example.org', roles: ['researcher'], invited: true };
const membersPath = `/api/v1/projects/${projectId}/members`;

function checkbox(name: string): HTMLInputElement {
  return screen.getByRole('checkbox', { name }) as HTMLInputElement;
}

describe('MembersManager', () => {
  it('lists members with a checkbox per role and an Invited badge', async () => {
    renderWithProviders(<MembersManager projectId={projectId} />, { me: makeMe(), routes: { [membersPath]: { body: { items: [pi, newcomer] } } } });

    await screen.findByText('new@example.org');
    expect(checkbox('Project admin for pi@example.org').checked).toBe(true);
    expect(checkbox('Data owner for pi@example.org').checked).toBe(false);
    expect(checkbox('Researcher for new@example.org').checked).toBe(true);
    expect(screen.getAllByText('Invited')).toHaveLength(1);
  });

  it('explains LAST_PROJECT_ADMIN and keeps the role ticked', async () => {
    renderWithProviders(<MembersManager projectId={projectId} />, {
      me: makeMe(),
      routes: {
        [membersPath]: { body: { items: [pi] } },
        [`${membersPath}/${pi.userId}`]: {
          status: 409,
          body: { code: 'LAST_PROJECT_ADMIN', message: 'roles: the last project admin cannot be removed; add another project admin first', details: null },
        },
      },
    });
    await screen.findByText('pi@example.org');
    fireEvent.click(checkbox('Project admin for pi@example.org'));

    const alert = await screen.findByText('A project must keep at least one project admin. Make someone else a project admin first.');
    expect(alert.closest('[role="alert"]')?.textContent).toContain('LAST_PROJECT_ADMIN');
    await waitFor(() => expect(checkbox('Project admin for pi@example.org').checked).toBe(true));
  });

  it('refuses to leave a member without any role, before asking the API', async () => {
    const { requests } = renderWithProviders(<MembersManager projectId={projectId} />, { me: makeMe(), routes: { [membersPath]: { body: { items: [newcomer] } } } });
    await screen.findByText('new@example.org');
    fireEvent.click(checkbox('Researcher for new@example.org'));

    expect(await screen.findByText('A member needs at least one role; remove them instead.')).toBeTruthy();
    expect(requests.filter((request) => request.method === 'PUT')).toHaveLength(0);
  });

  it('validates the invite form inline and shows MEMBER_EXISTS on the email field', async () => {
    const { requests } = renderWithProviders(<MembersManager projectId={projectId} />, {
      me: makeMe(),
      routes: {
        [membersPath]: { body: { items: [pi] } },
        [`POST ${membersPath}`]: {
          status: 409,
          body: { code: 'MEMBER_EXISTS', message: 'email: pi@example.org is already a member; change their roles instead', details: { field: 'email', userId: pi.userId } },
        },
      },
    });
    await screen.findByText('pi@example.org');
    fireEvent.click(screen.getByRole('button', { name: 'Invite member' }));
    expect(await screen.findByText('must not be empty')).toBeTruthy();
    expect(requests.filter((request) => request.method === 'POST')).toHaveLength(0);

    fireEvent.change(screen.getByRole('textbox', { name: 'Email' }), { target: { value: 'pi@example.org' } });
    fireEvent.click(screen.getByRole('button', { name: 'Invite member' }));
    expect(await screen.findByText('pi@example.org is already a member; change their roles instead')).toBeTruthy();
    expect(screen.queryByText(/Code: MEMBER_EXISTS/)).toBeNull();
  });
});
