import { Button, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { ErrorState } from '../../../ui/ErrorState';
import { useVerifyAuditChain } from '../hooks/useAudit';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, alignItems: 'flex-start' },
});

/** Recomputes the hash chain over the whole trail (platform admins). */
export function VerifyChainButton() {
  const styles = useStyles();
  const verify = useVerifyAuditChain();
  return (
    <div className={styles.root}>
      <Button onClick={() => verify.mutate()} disabled={verify.isPending}>
        {verify.isPending ? 'Verifying…' : 'Verify chain'}
      </Button>
      {verify.isError && <ErrorState error={verify.error} />}
      {verify.isSuccess && (
        <MessageBar intent={verify.data.ok ? 'success' : 'error'} data-testid="verify-result" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{verify.data.ok ? 'Chain intact' : 'Chain broken'}</MessageBarTitle>
            {verify.data.checked} events checked.
            {verify.data.firstBrokenId !== null && <> First broken event: {verify.data.firstBrokenId}</>}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
