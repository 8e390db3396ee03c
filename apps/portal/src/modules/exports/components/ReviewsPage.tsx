import { makeStyles, tokens } from '@fluentui/react-components';
import { Route, Routes, useParams } from 'react-router';
import { ErrorState } from '../../../ui/ErrorState';
import { LoadingState } from '../../../ui/LoadingState';
import { NotFoundPage } from '../../../ui/NotFoundPage';
import { PageHeading } from '../../../ui/PageHeading';
import { useCurrentUser } from '../../me/hooks/useCurrentUser';
import { checkerProjects } from '../exportAccess';
import { useMyExportReviews } from '../hooks/useExports';
import { RequestsTable } from './RequestsTable';
import { ReviewPage } from './ReviewPage';

const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL } });

/** `/reviews/*` (output checkers): requests awaiting my review across projects, and the review page. */
export function ReviewsPage() {
  return (
    <Routes>
      <Route index element={<AwaitingMyReview />} />
      <Route path=":projectId/:requestId" element={<CheckerRequest />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function CheckerRequest() {
  const { projectId = '', requestId = '' } = useParams();
  const me = useCurrentUser();
  if (!checkerProjects(me).some((p) => p.id === projectId)) return <NotFoundPage />;
  return <ReviewPage projectId={projectId} requestId={requestId} />;
}

function AwaitingMyReview() {
  const styles = useStyles();
  const reviews = useMyExportReviews();
  return (
    <section className={styles.root}>
      <PageHeading>Awaiting my review</PageHeading>
      {reviews.isPending ? (
        <LoadingState label="Loading requests…" />
      ) : reviews.isError ? (
        <ErrorState error={reviews.error} onRetry={() => void reviews.refetch()} />
      ) : (
        <RequestsTable items={reviews.data.items} linkBase="/reviews" label="Awaiting my review" empty="Nothing is waiting for your review." showProject />
      )}
    </section>
  );
}
