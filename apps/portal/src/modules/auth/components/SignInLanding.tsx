import { Body1, Button, Card, MessageBar, MessageBarBody, Title1, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useLocation } from 'react-router';
import { ErrorState } from '../../../ui/ErrorState';
import { FullPageMessage } from '../../../ui/FullPageMessage';
import { useAuth } from '../hooks/useAuth';

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalXXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  title: { margin: 0 },
});

/** Shown for every page while signed out; signing in returns to the page that was asked for. */
export function SignInLanding() {
  const styles = useStyles();
  const auth = useAuth();
  const location = useLocation();
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const signIn = () => {
    setStarting(true);
    setError(null);
    auth.signIn(`${location.pathname}${location.search}${location.hash}`).catch((failure: unknown) => {
      setError(failure);
      setStarting(false);
    });
  };

  return (
    <FullPageMessage>
      <Card className={styles.card}>
        <Title1 as="h1" className={styles.title}>
          Cloister
        </Title1>
        <Body1>Secure research environments for regulated data. Sign in with your organisation account to continue.</Body1>
        {auth.sessionEndedReason === 'expired' && (
          <MessageBar intent="warning">
            <MessageBarBody>Your session has ended. Sign in again to continue.</MessageBarBody>
          </MessageBar>
        )}
        {error !== null && <ErrorState error={error} />}
        <Button appearance="primary" size="large" onClick={signIn} disabled={starting}>
          Sign in
        </Button>
      </Card>
    </FullPageMessage>
  );
}
