import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/renderWithProviders';
import type { CheckOutcome, ExportFile } from '../api/ExportRequest';
import { VoteForm } from './VoteForm';

function file(path: string, outcome: CheckOutcome | null, id: string): ExportFile {
  return {
    id, path, role: 'output', size: 10, sha256: 'a'.repeat(64), contentType: 'text/csv', checkOutcome: outcome, checks: [], findings: null, decision: null,
    changedInRound: 1, released: false,
  };
}

const failed = file('nhs.csv', 'fail', '00000000-0000-4000-8000-000000000001');
const passed = file('summary.txt', 'pass', '00000000-0000-4000-8000-000000000002');
const flagged = file('counts.csv', 'review', '00000000-0000-4000-8000-000000000003');

function renderForm(files: ExportFile[]) {
  const onSubmit = vi.fn(() => Promise.resolve());
  renderWithProviders(<VoteForm files={files} savedVotes={[]} onSave={() => Promise.resolve()} onSubmit={onSubmit} busy={false} error={null} />);
  return onSubmit;
}

const vote = (path: string, decision: 'Approve' | 'Request changes' | 'Reject') =>
  fireEvent.click(within(screen.getByRole('radiogroup', { name: `Vote on ${path}` })).getByRole('radio', { name: decision }));
const comment = (path: string) => screen.getByRole('textbox', { name: `Comment on ${path}` });
const submit = () => fireEvent.click(screen.getByRole('button', { name: 'Submit review' }));

describe('VoteForm: when a comment is required', () => {
  it('requires a comment to approve a file whose checks failed, and says why', () => {
    const onSubmit = renderForm([failed]);
    vote('nhs.csv', 'Approve');
    expect(screen.getByText('Required: you are approving a file whose automated checks failed.')).toBeTruthy();
    submit();
    expect(screen.getByText('A comment is required because you are approving a file whose automated checks failed.')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();

    fireEvent.change(comment('nhs.csv'), { target: { value: 'Published test number, not a patient.' } });
    submit();
    expect(onSubmit).toHaveBeenCalledWith(
      { votes: [{ fileId: failed.id, decision: 'approve', comment: 'Published test number, not a patient.' }] },
      { publicComment: '', internalComment: '' },
    );
  });

  it('requires one to reject a passed file but not to approve it', () => {
    const onSubmit = renderForm([passed]);
    vote('summary.txt', 'Reject');
    expect(screen.getByText('Required: you are rejecting a file whose automated checks passed.')).toBeTruthy();
    vote('summary.txt', 'Approve');
    expect(screen.getByText('Optional.')).toBeTruthy();
    submit();
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it('does not require one to reject a failed file', () => {
    const onSubmit = renderForm([failed]);
    vote('nhs.csv', 'Reject');
    expect(screen.getByText('Optional.')).toBeTruthy();
    submit();
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it('requires one for every decision on a file flagged for review, and for any request for changes', () => {
    const onSubmit = renderForm([flagged, passed]);
    vote('counts.csv', 'Approve');
    expect(screen.getByText('Required: the automated checks flagged this file for review.')).toBeTruthy();
    vote('summary.txt', 'Request changes');
    expect(screen.getByText('Required: the researcher needs to know what to change.')).toBeTruthy();
    submit();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText('Every output file needs a decision, and a comment where one is required.')).toBeTruthy();

    fireEvent.change(comment('counts.csv'), { target: { value: 'Counts are of clinics.' } });
    fireEvent.change(comment('summary.txt'), { target: { value: 'ok' } }); // under the API's 3 characters
    submit();
    expect(onSubmit).not.toHaveBeenCalled();
    fireEvent.change(comment('summary.txt'), { target: { value: 'Round to 5.' } });
    submit();
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it('asks for a decision on every file before submitting', () => {
    const onSubmit = renderForm([passed]);
    submit();
    expect(screen.getByText('Choose a decision for this file.')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
