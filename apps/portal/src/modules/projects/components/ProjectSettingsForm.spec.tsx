import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe } from '../../../test/makeMe';
import { renderWithProviders } from '../../../test/renderWithProviders';
import type { Project } from '../api/Project';
import { ProjectSettingsForm } from './ProjectSettingsForm';

const project: Project = { id: '00000000-0000-4000-8000-0000000000aa', name: 'Cohort', description: '', tier: 2, status: 'active', checkersRequired: 1, createdAt: '2025-01-01T00:00:00Z' };
const patch = `PATCH /api/v1/projects/${project.id}`;

function control(label: string): HTMLInputElement {
  return screen.getByLabelText(label, { exact: false, selector: 'input, textarea, select' }) as HTMLInputElement;
}

function messageFor(label: string): string | null {
  const ids = (control(label).getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  const texts = ids.map((id) => document.getElementById(id)?.textContent ?? '').filter((text) => text !== '');
  return texts.find((text) => !text.startsWith('Tier ')) ?? null;
}

describe('ProjectSettingsForm', () => {
  it('keeps checkers within the tier inline, before asking the API', async () => {
    const { requests } = renderWithProviders(<ProjectSettingsForm project={project} />, { me: makeMe() });
    fireEvent.change(control('Tier'), { target: { value: '4' } });
    fireEvent.change(control('Output checkers required'), { target: { value: '6' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(messageFor('Output checkers required')).toBe('tier 4 needs between 2 and 5 distinct output checkers, got 6'));
    expect(requests).toHaveLength(0);
  });

  it('sends only what changed and shows the API’s refusal on the named field', async () => {
    const { requests } = renderWithProviders(<ProjectSettingsForm project={project} />, {
      me: makeMe(),
      routes: { [patch]: { status: 409, body: { code: 'PROJECT_NAME_TAKEN', message: 'name: a project called "Demo study" already exists', details: { field: 'name' } } } },
    });
    fireEvent.change(control('Name'), { target: { value: 'Demo study' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(messageFor('Name')).toBe('a project called "Demo study" already exists'));
    expect(await requests[0]!.clone().json()).toEqual({ name: 'Demo study' });
  });
});
