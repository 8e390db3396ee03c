import {
  Body1, Caption1, MessageBar, MessageBarBody, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens,
} from '@fluentui/react-components';
import { ErrorState } from '../../../ui/ErrorState';
import { LoadingState } from '../../../ui/LoadingState';
import { PageHeading } from '../../../ui/PageHeading';
import { useDevMailbox } from '../hooks/useDevMailbox';
import { formatTime } from '../../../ui/formatTime';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  text: { whiteSpace: 'pre-wrap', fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, margin: 0 },
});

/** `/dev-mailbox` (local mode only): the email Cloister would have sent, as the embedded SMTP server caught it. */
export function DevMailboxPage() {
  const styles = useStyles();
  const mailbox = useDevMailbox();
  return (
    <section className={styles.root}>
      <PageHeading testId="dev-mailbox-heading">Dev mailbox</PageHeading>
      <MessageBar intent="info">
        <MessageBarBody>
          Local mode sends no real email: every message lands here.
          {mailbox.data?.scope === 'all' ? ' As a platform admin you see everyone’s mail.' : ' You see the mail addressed to you.'}
        </MessageBarBody>
      </MessageBar>
      {mailbox.isPending && <LoadingState label="Loading the mailbox…" />}
      {mailbox.isError && <ErrorState error={mailbox.error} onRetry={() => void mailbox.refetch()} />}
      {mailbox.data && mailbox.data.items.length === 0 && <Body1>No mail yet.</Body1>}
      {mailbox.data && mailbox.data.items.length > 0 && (
        <Table aria-label="Caught mail">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Received</TableHeaderCell>
              <TableHeaderCell>To</TableHeaderCell>
              <TableHeaderCell>Message</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {mailbox.data.items.map((m) => (
              <TableRow key={m.id}>
                <TableCell>{formatTime(m.receivedAt)}</TableCell>
                <TableCell>{m.envelopeTo.join(', ')}</TableCell>
                <TableCell>
                  <Body1 block>
                    <strong>{m.subject}</strong>
                  </Body1>
                  <Caption1 block>From {m.from ?? 'unknown sender'}</Caption1>
                  <pre className={styles.text}>{m.text}</pre>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
