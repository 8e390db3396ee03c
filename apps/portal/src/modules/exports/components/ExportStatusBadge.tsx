import { Badge, type BadgeProps } from '@fluentui/react-components';
import type { CheckOutcome, ExportFile, ExportStatus } from '../api/ExportRequest';

const colors: Record<ExportStatus, BadgeProps['color']> = {
  draft: 'subtle',
  submitted: 'informative',
  checking: 'informative',
  in_review: 'brand',
  partially_reviewed: 'brand',
  reviewed: 'brand',
  approved: 'success',
  releasing: 'informative',
  released: 'success',
  returned: 'warning',
  withdrawn: 'subtle',
  rejected: 'danger',
  blocked: 'danger',
  failed: 'danger',
  revoked: 'danger',
};

export const exportStatusLabels: Record<ExportStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  checking: 'Checking',
  in_review: 'In review',
  partially_reviewed: 'Partially reviewed',
  reviewed: 'Reviewed',
  approved: 'Approved',
  releasing: 'Releasing',
  released: 'Released',
  returned: 'Returned',
  withdrawn: 'Withdrawn',
  rejected: 'Rejected',
  blocked: 'Blocked',
  failed: 'Failed',
  revoked: 'Revoked',
};

export function ExportStatusBadge({ status, testId }: { status: ExportStatus; testId?: string }) {
  return (
    <Badge appearance="tint" color={colors[status]} data-testid={testId}>
      {exportStatusLabels[status]}
    </Badge>
  );
}

const outcomeColors: Record<CheckOutcome, BadgeProps['color']> = { pass: 'success', review: 'warning', fail: 'danger' };
const outcomeLabels: Record<CheckOutcome, string> = { pass: 'Pass', review: 'Review', fail: 'Fail' };

export function CheckOutcomeBadge({ outcome }: { outcome: CheckOutcome | null }) {
  if (outcome === null) {
    return (
      <Badge appearance="outline" color="subtle">
        Not checked
      </Badge>
    );
  }
  return (
    <Badge appearance="tint" color={outcomeColors[outcome]}>
      {outcomeLabels[outcome]}
    </Badge>
  );
}

type FileDecision = NonNullable<ExportFile['decision']>;
const decisionColors: Record<FileDecision, BadgeProps['color']> = {
  pending: 'subtle',
  approved: 'success',
  conflicted: 'warning',
  changes_requested: 'warning',
  rejected: 'danger',
};
export const decisionLabels: Record<FileDecision, string> = {
  pending: 'Pending',
  approved: 'Approved',
  conflicted: 'Conflicted',
  changes_requested: 'Changes requested',
  rejected: 'Rejected',
};

export function FileDecisionBadge({ decision }: { decision: FileDecision }) {
  return (
    <Badge appearance="outline" color={decisionColors[decision]}>
      {decisionLabels[decision]}
    </Badge>
  );
}
