import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AuthContext, type AuthContextValue } from '../modules/auth/AuthContext';
import { makeMe } from '../test/makeMe';
import { renderWithProviders } from '../test/renderWithProviders';
import type { FakeRoute } from '../test/fakeFetch';
import { SignedInApp } from './SignedInApp';

const signedIn: AuthContextValue = {
  status: 'signedIn', user: null, sessionEndedReason: null,
  signIn: async () => undefined, completeSignIn: async () => '/', signOut: async () => undefined, endSession: () => undefined,
};

describe('SignedInApp', () => {
  it('shows a loading state, then the API error with its code and reference, then the frame after a retry', async () => {
    const routes: Record<string, FakeRoute> = {
      '/api/v1/me': { status: 500, body: { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side.', details: { errorId: 'err-123' } } },
    };
    renderWithProviders(
      <AuthContext.Provider value={signedIn}>
        <SignedInApp />
      </AuthContext.Provider>,
      { routes },
    );

    expect(screen.getByText('Loading your projects…')).toBeTruthy();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Something went wrong on our side.');
    expect(alert.textContent).toContain('INTERNAL_ERROR');
    expect(alert.textContent).toContain('err-123');

    routes['/api/v1/me'] = { body: { ...makeMe({ roles: [['output_checker']] }), email: 'checker1@example.org' } };
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));

    expect((await screen.findByTestId('user-email')).textContent).toBe('checker1@example.org');
    // Navigation follows the roles /me reported: a checker gets Reviews, and no admin sections.
    expect(screen.getAllByRole('link', { name: 'Reviews' }).length).toBeGreaterThan(0);
    expect(screen.queryByRole('link', { name: 'Audit log' })).toBeNull();
  });
});
