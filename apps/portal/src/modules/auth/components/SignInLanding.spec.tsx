import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/renderWithProviders';
import { AuthContext, type AuthContextValue } from '../AuthContext';
import { SignInLanding } from './SignInLanding';

function authValue(overrides: Partial<AuthContextValue> = {}): AuthContextValue {
  return {
    status: 'signedOut',
    user: null,
    sessionEndedReason: null,
    signIn: vi.fn(() => Promise.resolve()),
    completeSignIn: vi.fn(() => Promise.resolve('/')),
    signOut: vi.fn(() => Promise.resolve()),
    endSession: vi.fn(),
    ...overrides,
  };
}

describe('SignInLanding', () => {
  it('starts sign-in remembering the page that was asked for', () => {
    const auth = authValue();
    renderWithProviders(
      <AuthContext.Provider value={auth}>
        <SignInLanding />
      </AuthContext.Provider>,
      { path: '/reviews?status=pending' },
    );

    expect(screen.getByRole('heading', { name: 'Cloister' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(auth.signIn).toHaveBeenCalledWith('/reviews?status=pending');
  });

  it('explains why the user must sign in again after the API rejected the session', () => {
    renderWithProviders(
      <AuthContext.Provider value={authValue({ sessionEndedReason: 'expired' })}>
        <SignInLanding />
      </AuthContext.Provider>,
    );

    expect(screen.getByText('Your session has ended. Sign in again to continue.')).toBeTruthy();
  });

  it('shows why the redirect to the identity provider failed', async () => {
    const auth = authValue({ signIn: vi.fn(() => Promise.reject(new Error('The identity provider could not be reached.'))) });
    renderWithProviders(
      <AuthContext.Provider value={auth}>
        <SignInLanding />
      </AuthContext.Provider>,
    );

    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect((await screen.findByRole('alert')).textContent).toContain('The identity provider could not be reached.');
  });
});
