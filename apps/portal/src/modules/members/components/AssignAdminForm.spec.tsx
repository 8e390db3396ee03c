import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe } from '../../../test/makeMe';
import { renderWithProviders } from '../../../test/renderWithProviders';
import { AssignAdminForm } from './AssignAdminForm';

const projectId = '00000000-0000-4000-8000-0000000000aa';
const adminsPath = `POST /api/v1/projects/${projectId}/admins`;
const me = makeMe({ isPlatformAdmin: true });

function emailField(): HTMLInputElement {
  return screen.getByRole('textbox', { name: 'Project admin email' }) as HTMLInputElement;
}

describe('AssignAdminForm', () => {
  it('checks the email inline and sends nothing while it is invalid', async () => {
    const { requests } = renderWithProviders(<AssignAdminForm projectId={projectId} />, { me });
    fireEvent.change(emailField(), { target: { value: 'not-an-email' } });
    fireEvent.click(screen.getByRole('button', { name: 'Assign project admin' }));
    expect(await screen.findByText('must be a valid email address')).toBeTruthy();
    expect(requests).toHaveLength(0);
  });

  it('shows the API’s refusal under the email field', async () => {
    renderWithProviders(<AssignAdminForm projectId={projectId} />, {
      me,
      routes: { [adminsPath]: { status: 409, body: { code: 'MEMBER_EXISTS', message: 'email: pi@example.org is already a project admin', details: { field: 'email' } } } },
    });
    fireEvent.change(emailField(), { target: { value: 'pi@example.org' } });
    fireEvent.click(screen.getByRole('button', { name: 'Assign project admin' }));
    expect(await screen.findByText('pi@example.org is already a project admin')).toBeTruthy();
  });

  it('confirms the assignment and clears the field', async () => {
    const { requests } = renderWithProviders(<AssignAdminForm projectId={projectId} />, {
      me,
      routes: { [adminsPath]: { status: 201, body: { userId: '00000000-0000-4000-8000-0000000000b9', email: 'new.pi@example.org', displayName: 'new.pi@example.org', roles: ['project_admin'], invited: true } } },
    });
    fireEvent.change(emailField(), { target: { value: 'New.PI@example.org' } });
    fireEvent.click(screen.getByRole('button', { name: 'Assign project admin' }));
    expect(await screen.findByText('New.PI@example.org is now a project admin.')).toBeTruthy();
    expect(emailField().value).toBe('');
    expect(await requests[0]!.clone().json()).toEqual({ email: 'New.PI@example.org' });
  });
});
