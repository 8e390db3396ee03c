import { Body1, Button, Caption1, MessageBar, MessageBarBody, MessageBarTitle, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useNavigate } from 'react-router';
import { AppLink } from '../../../ui/AppLink';
import { ErrorState } from '../../../ui/ErrorState';
import { LoadingState } from '../../../ui/LoadingState';
import { PageHeading } from '../../../ui/PageHeading';
import { SectionHeading } from '../../../ui/SectionHeading';
import { type ExportDetail, isWorking } from '../api/ExportRequest';
import { useExportAction, useExportRequest } from '../hooks/useExports';
import { DownloadButton } from './DownloadButton';
import { ExportStatusBadge } from './ExportStatusBadge';
import { formatTime, voteLabel } from './formatting';
import { RequestComments } from './RequestComments';
import { RequestFiles } from './RequestFiles';
import { RequestHistory } from './RequestHistory';
import { RevokeDialog } from './RevokeDialog';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '1100px' },
  meta: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
});

const statusExplained: Partial<Record<ExportDetail['status'], string>> = {
  draft: 'Not submitted yet. Submitting freezes the exact bytes of every file.',
  submitted: 'Submitted; the automated checks start shortly.',
  checking: 'The automated checks are running.',
  in_review: 'Waiting for output checkers.',
  partially_reviewed: 'Some output checkers have submitted their review.',
  reviewed: 'Every required review is in; a further checker must resolve a conflict.',
  approved: 'Approved; the release starts shortly.',
  releasing: 'Copying the approved files to the release area.',
  released: 'Released: download each file below.',
  returned: 'Returned to you with the checkers’ comments: change the files and submit again.',
  blocked: 'Blocked by the automated checks; see the reason, change the files and submit again.',
  failed: 'A technical failure stopped the work; it can be retried.',
  rejected: 'Rejected by the output checkers.',
  withdrawn: 'Withdrawn.',
  revoked: 'The release was revoked; its files can no longer be downloaded.',
};

/** One request for its researcher or a project admin: status and timeline, checks per file, comments, actions the API allows, downloads. */
export function RequestPage({ projectId, requestId, sectionPath }: { projectId: string; requestId: string; sectionPath: '/outputs' | '/exports' }) {
  const styles = useStyles();
  const navigate = useNavigate();
  const request = useExportRequest(projectId, requestId);
  const act = useExportAction(projectId, requestId);
  if (request.isPending) return <LoadingState label="Loading the request…" />;
  if (request.isError) return <ErrorState error={request.error} onRetry={() => void request.refetch()} />;
  const detail = request.data;
  const { can } = detail;
  const working = isWorking(detail.status);

  return (
    <section className={styles.root}>
      <Body1 block>
        <AppLink to={`${sectionPath}?project=${projectId}`}>{sectionPath === '/outputs' ? 'Outputs' : 'Export requests'} of {detail.projectName}</AppLink>
      </Body1>
      <PageHeading>{detail.title}</PageHeading>
      <div className={styles.meta}>
        <ExportStatusBadge status={detail.status} testId="request-status" />
        {working && <Spinner size="extra-tiny" aria-label="Working" />}
        <Caption1>
          by {detail.requester} · round {detail.round} · {detail.checkersRequired} {detail.checkersRequired === 1 ? 'checker' : 'checkers'} required
          {detail.submittedAt !== null && ` · submitted ${formatTime(detail.submittedAt)}`}
        </Caption1>
      </div>
      <MessageBar intent={['blocked', 'failed', 'rejected', 'revoked'].includes(detail.status) ? 'error' : detail.status === 'returned' ? 'warning' : 'info'} layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{statusExplained[detail.status]}</MessageBarTitle>
          {detail.statusReason}
        </MessageBarBody>
      </MessageBar>
      <div className={styles.actions}>
        {can.edit && <Button onClick={() => void navigate(`/outputs/${projectId}/${requestId}/edit`)}>Edit</Button>}
        {can.submit && (
          <Button appearance="primary" onClick={() => act.mutate('submit')} disabled={act.isPending}>
            {detail.status === 'draft' ? 'Submit for review' : 'Submit again'}
          </Button>
        )}
        {can.retry && (
          <Button onClick={() => act.mutate('retry')} disabled={act.isPending}>
            Retry
          </Button>
        )}
        {can.withdraw && (
          <Button onClick={() => act.mutate('withdraw')} disabled={act.isPending}>
            Withdraw
          </Button>
        )}
        {can.revoke && <RevokeDialog projectId={projectId} requestId={requestId} />}
      </div>
      {act.isError && <ErrorState error={act.error} />}
      <SectionHeading>Purpose</SectionHeading>
      <Body1 block>{detail.purpose}</Body1>
      <SectionHeading>Files and automated checks</SectionHeading>
      <RequestFiles
        detail={detail}
        extra={(file) => (can.download && file.released ? <DownloadButton projectId={projectId} requestId={requestId} file={file} /> : null)}
      />
      <SectionHeading>Comments</SectionHeading>
      <RequestComments detail={detail} />
      {detail.votes.length > 0 && (
        <>
          <SectionHeading>Votes</SectionHeading>
          <VotesList detail={detail} />
        </>
      )}
      <SectionHeading>Timeline</SectionHeading>
      <RequestHistory history={detail.history} />
    </section>
  );
}

/** Submitted votes per file, for those allowed to see them (project admins; checkers after their own review). */
export function VotesList({ detail }: { detail: ExportDetail }) {
  const path = (fileId: string) => detail.groups.flatMap((g) => g.files).find((f) => f.id === fileId)?.path ?? fileId;
  return (
    <ul aria-label="Votes">
      {detail.votes.map((v, i) => (
        <li key={i}>
          {v.reviewer} (round {v.round}): {voteLabel(v.decision)} {path(v.fileId)}
          {v.comment !== '' && ` — ${v.comment}`}
        </li>
      ))}
    </ul>
  );
}
