import { Body1, Button, Caption1, Card, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { AppLink } from '../../../ui/AppLink';
import { ErrorState } from '../../../ui/ErrorState';
import { LoadingState } from '../../../ui/LoadingState';
import { PageHeading } from '../../../ui/PageHeading';
import { SectionHeading } from '../../../ui/SectionHeading';
import { type ExportDetail, outputFiles, type SubmitReviewBody, type VotesBody } from '../api/ExportRequest';
import { useExportAction, useExportRequest, useSaveVotes, useSubmitReview } from '../hooks/useExports';
import { EarlierReleases } from './EarlierReleases';
import { ExportStatusBadge } from './ExportStatusBadge';
import { FilePreview } from './FilePreview';
import { formatTime } from './formatting';
import { RequestComments } from './RequestComments';
import { RequestFiles } from './RequestFiles';
import { RevokeDialog } from './RevokeDialog';
import { VoteForm } from './VoteForm';
import { VotesList } from './RequestPage';

const useStyles = makeStyles({
  layout: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 300px', gap: tokens.spacingHorizontalXXL, alignItems: 'start' },
  main: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  side: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: tokens.spacingVerticalL, position: 'sticky', top: 0 },
  meta: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
});

/** `/reviews/:projectId/:requestId`: claim, preview files with findings highlighted, vote, submit; then others' votes. */
export function ReviewPage({ projectId, requestId }: { projectId: string; requestId: string }) {
  const styles = useStyles();
  const request = useExportRequest(projectId, requestId);
  if (request.isPending) return <LoadingState label="Loading the request…" />;
  if (request.isError) return <ErrorState error={request.error} onRetry={() => void request.refetch()} />;
  const detail = request.data;
  return (
    <section>
      <Body1 block>
        <AppLink to="/reviews">Awaiting my review</AppLink>
      </Body1>
      <PageHeading>{detail.title}</PageHeading>
      <div className={styles.layout}>
        <div className={styles.main}>
          <div className={styles.meta}>
            <ExportStatusBadge status={detail.status} testId="request-status" />
            <Caption1>
              {detail.projectName} · by {detail.requester} · round {detail.round} · {detail.checkersRequired} checkers required
              {detail.submittedAt !== null && ` · submitted ${formatTime(detail.submittedAt)}`}
            </Caption1>
          </div>
          <SectionHeading>Purpose</SectionHeading>
          <Body1 block>{detail.purpose}</Body1>
          <ReviewBody detail={detail} />
        </div>
        <Card className={styles.side}>
          <SectionHeading>Earlier releases</SectionHeading>
          <Caption1 block>Check that this request, combined with what already left the project, discloses nothing.</Caption1>
          <EarlierReleases projectId={projectId} currentId={requestId} />
        </Card>
      </div>
    </section>
  );
}

function ReviewBody({ detail }: { detail: ExportDetail }) {
  const projectId = detail.projectId;
  const claim = useExportAction(projectId, detail.id);
  const saveVotes = useSaveVotes(projectId, detail.id);
  const submit = useSubmitReview(projectId, detail.id);
  const mine = detail.myReview;
  const claimed = mine !== null && mine.submittedAt === null && detail.can.review;
  const submitted = (mine !== null && mine.submittedAt !== null) || (!detail.can.review && detail.votes.length > 0);
  const sendReview = async (votes: VotesBody, review: SubmitReviewBody) => {
    await saveVotes.mutateAsync(votes);
    await submit.mutateAsync(review);
  };
  return (
    <>
      {detail.can.review && mine === null && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Start the review to preview files and vote</MessageBarTitle>
            Starting assigns you to this round; every preview is recorded in the audit log.
          </MessageBarBody>
          <Button appearance="primary" onClick={() => claim.mutate('review')} disabled={claim.isPending}>
            Start review
          </Button>
        </MessageBar>
      )}
      {claim.isError && <ErrorState error={claim.error} />}
      {submitted && (
        <MessageBar intent="success">
          <MessageBarBody>Your review {mine?.submittedAt ? `was submitted ${formatTime(mine.submittedAt)}` : 'for an earlier round was submitted'}.</MessageBarBody>
        </MessageBar>
      )}
      {detail.can.revoke && <div><RevokeDialog projectId={projectId} requestId={detail.id} /></div>}
      <SectionHeading>Files, checks and previews</SectionHeading>
      <RequestFiles detail={detail} extra={(file) => (detail.can.preview ? <FilePreview projectId={projectId} requestId={detail.id} file={file} /> : null)} />
      {claimed && (
        <>
          <SectionHeading>Your review</SectionHeading>
          <VoteForm
            files={outputFiles(detail)}
            savedVotes={mine.votes.filter((v) => v.round === mine.round)}
            onSave={(body) => saveVotes.mutateAsync(body).catch(() => undefined)}
            onSubmit={(votes, review) => sendReview(votes, review).catch(() => undefined)}
            busy={saveVotes.isPending || submit.isPending}
            error={saveVotes.error ?? submit.error}
          />
        </>
      )}
      {detail.votes.length > 0 && (
        <>
          <SectionHeading>Other checkers’ votes</SectionHeading>
          <VotesList detail={detail} />
        </>
      )}
      <SectionHeading>Comments</SectionHeading>
      <RequestComments detail={detail} />
    </>
  );
}
