import { commentRequiredBecause, TEXT_LIMITS, VOTE_DECISIONS, voteCommentProblem } from '@cloister/domain';
import { Body1, Button, Caption1, Field, Radio, RadioGroup, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import { ErrorState } from '../../../ui/ErrorState';
import { fieldValidation } from '../../../ui/forms/fieldProps';
import type { ExportFile, ExportVote, SubmitReviewBody, VoteDecision, VotesBody } from '../api/ExportRequest';
import { CheckOutcomeBadge } from './ExportStatusBadge';
import { voteLabel } from './formatting';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  file: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, borderTop: `1px solid ${tokens.colorNeutralStroke2}`, paddingTop: tokens.spacingVerticalM },
  fileHeader: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM },
});

interface Draft {
  decision: VoteDecision | '';
  comment: string;
}

export interface VoteFormProps {
  /** The output files to vote on. */
  files: readonly ExportFile[];
  /** The checker's saved draft votes, if any. */
  savedVotes: readonly ExportVote[];
  onSave: (body: VotesBody) => Promise<unknown>;
  onSubmit: (votes: VotesBody, review: SubmitReviewBody) => Promise<unknown>;
  busy: boolean;
  error: unknown;
}

/** The domain words its rules as clauses ("a comment is required because …"); the form shows them as sentences. */
const asSentence = (clause: string) => `${clause.charAt(0).toUpperCase()}${clause.slice(1)}.`;

/**
 * A checker's votes: per output file approve / request changes / reject with a comment, which is required where the
 * API requires it (shown as soon as the decision makes it so); then public and internal comments and "Submit review".
 */
export function VoteForm({ files, savedVotes, onSave, onSubmit, busy, error }: VoteFormProps) {
  const styles = useStyles();
  const [drafts, setDrafts] = useState<Record<string, Draft>>(() =>
    Object.fromEntries(files.map((f) => {
      const saved = savedVotes.find((v) => v.fileId === f.id);
      return [f.id, { decision: saved?.decision ?? '', comment: saved?.comment ?? '' }];
    })),
  );
  const [publicComment, setPublicComment] = useState('');
  const [internalComment, setInternalComment] = useState('');
  const [tried, setTried] = useState(false);

  const draftOf = (id: string): Draft => drafts[id] ?? { decision: '', comment: '' };
  const change = (id: string, changes: Partial<Draft>) => setDrafts((previous) => ({ ...previous, [id]: { ...draftOf(id), ...changes } }));
  const problemOf = (file: ExportFile): string | undefined => {
    const draft = draftOf(file.id);
    if (draft.decision === '') return tried ? 'Choose a decision for this file.' : undefined;
    const problem = voteCommentProblem(draft.decision, file.checkOutcome, draft.comment);
    return problem === null ? undefined : asSentence(problem);
  };
  const votes = (): VotesBody['votes'] =>
    files.flatMap((f) => {
      const draft = draftOf(f.id);
      return draft.decision === '' ? [] : [{ fileId: f.id, decision: draft.decision, comment: draft.comment.trim() }];
    });
  const complete = files.every((f) => {
    const draft = draftOf(f.id);
    return draft.decision !== '' && voteCommentProblem(draft.decision, f.checkOutcome, draft.comment) === null;
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!complete) return;
    void onSubmit({ votes: votes() }, { publicComment: publicComment.trim(), internalComment: internalComment.trim() });
  };

  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-label="Your review">
      {files.map((file) => {
        const draft = draftOf(file.id);
        const because = draft.decision === '' ? null : commentRequiredBecause(draft.decision, file.checkOutcome);
        const problem = problemOf(file);
        return (
          <div key={file.id} className={styles.file} data-testid={`vote-${file.path}`}>
            <div className={styles.fileHeader}>
              <Body1>
                <strong>{file.path}</strong>
              </Body1>
              <CheckOutcomeBadge outcome={file.checkOutcome} />
            </div>
            <Field label={`Vote on ${file.path}`} required {...(draft.decision === '' ? fieldValidation(problem) : {})}>
              <RadioGroup layout="horizontal" value={draft.decision} onChange={(_, d) => change(file.id, { decision: d.value as VoteDecision })}>
                {VOTE_DECISIONS.map((decision) => (
                  <Radio key={decision} value={decision} label={voteLabel(decision)} />
                ))}
              </RadioGroup>
            </Field>
            <Field
              label={`Comment on ${file.path}`}
              required={because !== null}
              hint={because === null ? 'Optional.' : `Required: ${because}.`}
              {...(draft.decision !== '' && (tried || draft.comment !== '') ? fieldValidation(problem) : {})}
            >
              <Textarea value={draft.comment} maxLength={TEXT_LIMITS.exportReview.voteComment} resize="vertical" onChange={(_, d) => change(file.id, { comment: d.value })} />
            </Field>
          </div>
        );
      })}
      <Field label="Comment for the researcher" hint="Sent back with the decision.">
        <Textarea value={publicComment} maxLength={TEXT_LIMITS.exportReview.publicComment} resize="vertical" onChange={(_, d) => setPublicComment(d.value)} />
      </Field>
      <Field label="Internal comment" hint="Seen only by the project's output checkers and admins.">
        <Textarea value={internalComment} maxLength={TEXT_LIMITS.exportReview.internalComment} resize="vertical" onChange={(_, d) => setInternalComment(d.value)} />
      </Field>
      {tried && !complete && <Caption1 role="alert">Every output file needs a decision, and a comment where one is required.</Caption1>}
      {error !== null && error !== undefined && <ErrorState error={error} />}
      <div className={styles.actions}>
        <Button onClick={() => void onSave({ votes: votes() })} disabled={busy || votes().length === 0}>
          Save draft
        </Button>
        <Button appearance="primary" type="submit" disabled={busy}>
          Submit review
        </Button>
      </div>
    </form>
  );
}
