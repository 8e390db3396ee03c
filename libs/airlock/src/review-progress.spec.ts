import type { ExportFileRecord, ExportRequestRecord, ExportReviewRecord, ExportVoteRecord } from '@cloister/persistence';
import { describe, expect, it } from 'vitest';
import { countedVotes, fileDecisions } from './review-progress';

const request = { id: 'r', requesterId: 'req', checkersRequired: 2, round: 1 } as ExportRequestRecord;
const file = (id: string, role: 'output' | 'supporting' = 'output') => ({ id, role }) as ExportFileRecord;
const vote = (fileId: string, reviewerId: string, decision: ExportVoteRecord['decision'], round = 1) => ({ fileId, reviewerId, decision, round, comment: '', updatedAt: new Date() });
const review = (reviewerId: string, submitted: boolean, round = 1): ExportReviewRecord => ({ reviewerId, round, startedAt: new Date(), submittedAt: submitted ? new Date() : null });

describe('countedVotes', () => {
  it('counts only votes of submitted reviews, and never the requester', () => {
    const votes = [vote('f', 'c1', 'approve'), vote('f', 'c2', 'reject'), vote('f', 'req', 'approve')];
    const counted = countedVotes(request, [file('f')], votes, [review('c1', true), review('c2', false), review('req', true)]);
    expect(counted.get('f')).toEqual(['approve']);
  });
  it('counts an earlier round only where that round was submitted', () => {
    const counted = countedVotes(request, [file('f')], [vote('f', 'c1', 'approve', 1)], [review('c1', false, 1), review('c1', true, 2)]);
    expect(counted.get('f')).toEqual([]);
  });
});

describe('fileDecisions', () => {
  it('decides outputs only, from the counted votes', () => {
    const decisions = fileDecisions(request, [file('a'), file('s', 'supporting')], [vote('a', 'c1', 'approve'), vote('a', 'c2', 'request_changes')], [review('c1', true), review('c2', true)]);
    expect([...decisions]).toEqual([['a', 'conflicted']]);
  });
});
