import type { ReactNode } from 'react';
import { FullPageMessage } from '../../../ui/FullPageMessage';
import { LoadingState } from '../../../ui/LoadingState';
import { useAuth } from '../hooks/useAuth';
import { SignInLanding } from './SignInLanding';

/** Renders children only with a live session; otherwise the sign-in landing at the same URL. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const { status } = useAuth();
  if (status === 'loading') {
    return (
      <FullPageMessage>
        <LoadingState label="Loading Cloister…" />
      </FullPageMessage>
    );
  }
  return status === 'signedIn' ? children : <SignInLanding />;
}
