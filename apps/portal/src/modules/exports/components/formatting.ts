export { formatTime } from '../../../ui/formatTime';
export { formatBytes } from '../../datasets/upload/transferStats';

const voteLabels = { approve: 'Approve', request_changes: 'Request changes', reject: 'Reject' } as const;

export function voteLabel(decision: keyof typeof voteLabels): string {
  return voteLabels[decision];
}

/** An audit action of the request (`export.review_submitted`) as words ("Review submitted"). */
export function actionLabel(action: string): string {
  const words = action.replace(/^export\./, '').replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
