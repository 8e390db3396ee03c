import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { AppLink } from '../../../ui/AppLink';
import { ErrorState } from '../../../ui/ErrorState';
import { FullPageMessage } from '../../../ui/FullPageMessage';
import { LoadingState } from '../../../ui/LoadingState';
import { useAuth } from '../hooks/useAuth';

/** /auth/callback: redeems the code from the IdP, then returns to the page the user asked for. */
export function AuthCallback() {
  const { completeSignIn } = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    completeSignIn().then(
      (returnTo) => void navigate(returnTo, { replace: true }),
      (failure: unknown) => setError(failure),
    );
  }, [completeSignIn, navigate]);

  return (
    <FullPageMessage>
      {error === null ? (
        <LoadingState label="Signing you in…" />
      ) : (
        <>
          <ErrorState error={error} />
          <p>
            <AppLink to="/">Start again</AppLink>
          </p>
        </>
      )}
    </FullPageMessage>
  );
}
