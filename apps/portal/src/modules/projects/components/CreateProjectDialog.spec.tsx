import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { makeMe } from '../../../test/makeMe';
import { renderWithProviders } from '../../../test/renderWithProviders';
import { CreateProjectDialog } from './CreateProjectDialog';

const me = makeMe({ isPlatformAdmin: true });

function openDialog(routes: Parameters<typeof renderWithProviders>[1] = {}) {
  const rendered = renderWithProviders(<CreateProjectDialog onCreated={vi.fn()} />, { me, ...routes });
  fireEvent.click(screen.getByRole('button', { name: 'Create project' }));
  return rendered;
}

function fill(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label, { exact: false, selector: 'input, textarea, select' }), { target: { value } });
}

/** The message Fluent's Field renders under the control labelled `label`. */
function messageFor(label: string): string | null {
  const control = screen.getByLabelText(label, { exact: false, selector: 'input, textarea, select' });
  const ids = (control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  const texts = ids.map((id) => document.getElementById(id)?.textContent ?? '').filter((text) => text !== '');
  return texts.find((text) => !text.startsWith('Tier ')) ?? null;
}

describe('CreateProjectDialog', () => {
  it('validates inline and sends nothing while the form is invalid', async () => {
    const { requests } = openDialog();
    fill('Tier', '3');
    fill('Output checkers required', '1');
    fill('Project admin email 1', 'not-an-email');
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));

    await waitFor(() => expect(messageFor('Name')).toBe('must not be empty'));
    expect(messageFor('Output checkers required')).toBe('tier 3 needs between 2 and 4 distinct output checkers, got 1');
    expect(messageFor('Project admin email 1')).toBe('must be a valid email address');
    expect(requests).toHaveLength(0);
  });

  it('shows the tier’s bounds and moves the checkers into them when the tier changes', () => {
    openDialog();
    fill('Tier', '4');
    expect(screen.getByText('Tier 4 allows 2–5 checkers (default 2).')).toBeTruthy();
    expect((screen.getByLabelText('Output checkers required', { exact: false, selector: 'input' }) as HTMLInputElement).value).toBe('2');
  });

  it('puts the API’s field errors next to the named fields', async () => {
    const { requests } = openDialog({
      routes: {
        '/api/v1/projects': {
          status: 400,
          body: {
            code: 'VALIDATION_FAILED',
            message: 'body.adminEmails[1]: must be a valid email address',
            details: { fields: [{ field: 'body.adminEmails[1]', message: 'must be a valid email address' }] },
          },
        },
      },
    });
    fill('Name', 'Cohort');
    fill('Project admin email 1', 'pi@example.org');
    fireEvent.click(screen.getByRole('button', { name: 'Add another admin' }));
    fill('Project admin email 2', 'owner@example.org');
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));

    await waitFor(() => expect(messageFor('Project admin email 2')).toBe('must be a valid email address'));
    expect(messageFor('Project admin email 1')).toBeNull();
    expect(screen.queryByText(/Code: VALIDATION_FAILED/)).toBeNull();
    const body: unknown = await requests[0]?.clone().json();
    expect(body).toEqual({ name: 'Cohort', description: '', tier: 2, checkersRequired: 1, adminEmails: ['pi@example.org', 'owner@example.org'] });
  });

  it('shows a domain error naming a field on that field, without the field prefix', async () => {
    openDialog({
      routes: {
        '/api/v1/projects': {
          status: 409,
          body: { code: 'PROJECT_NAME_TAKEN', message: 'name: a project called "Cohort" already exists', details: { field: 'name' } },
        },
      },
    });
    fill('Name', 'Cohort');
    fill('Project admin email 1', 'pi@example.org');
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));

    await waitFor(() => expect(messageFor('Name')).toBe('a project called "Cohort" already exists'));
    fill('Name', 'Cohort 2');
    expect(messageFor('Name')).toBeNull();
  });

  it('shows errors that fit no field in a message bar', async () => {
    openDialog({ routes: { '/api/v1/projects': { status: 403, body: { code: 'FORBIDDEN', message: 'platform admins only', details: null } } } });
    fill('Name', 'Cohort');
    fill('Project admin email 1', 'pi@example.org');
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('platform admins only');
    expect(alert.textContent).toContain('FORBIDDEN');
  });

  it('reports the created project and closes', async () => {
    const project = { id: 'p-1', name: 'Cohort', description: '', tier: 2, status: 'draft', checkersRequired: 1, createdAt: '2025-01-01T00:00:00Z' };
    const onCreated = vi.fn();
    renderWithProviders(<CreateProjectDialog onCreated={onCreated} />, { me, routes: { '/api/v1/projects': { status: 201, body: project } } });
    fireEvent.click(screen.getByRole('button', { name: 'Create project' }));
    fill('Name', 'Cohort');
    fill('Project admin email 1', 'pi@example.org');
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));

    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(project));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});
