import { Badge, type BadgeProps } from '@fluentui/react-components';
import type { Classification, DatasetStatus } from '../api/Dataset';

const colors: Record<DatasetStatus, BadgeProps['color']> = {
  draft: 'subtle',
  uploading: 'informative',
  submitted: 'informative',
  transferring: 'informative',
  verifying: 'informative',
  available: 'success',
  failed: 'danger',
  rejected: 'danger',
};

export const statusLabels: Record<DatasetStatus, string> = {
  draft: 'Draft',
  uploading: 'Uploading',
  submitted: 'Submitted',
  transferring: 'Transferring',
  verifying: 'Verifying',
  available: 'Available',
  failed: 'Failed',
  rejected: 'Rejected',
};

export function DatasetStatusBadge({ status, testId }: { status: DatasetStatus; testId?: string }) {
  return (
    <Badge appearance="tint" color={colors[status]} data-testid={testId}>
      {statusLabels[status]}
    </Badge>
  );
}

const classificationColors: Record<Classification, BadgeProps['color']> = {
  public: 'subtle',
  internal: 'informative',
  confidential: 'warning',
  restricted: 'danger',
};

export const classificationLabels: Record<Classification, string> = {
  public: 'Public',
  internal: 'Internal',
  confidential: 'Confidential',
  restricted: 'Restricted',
};

export function ClassificationBadge({ classification }: { classification: Classification }) {
  return (
    <Badge appearance="outline" color={classificationColors[classification]}>
      {classificationLabels[classification]}
    </Badge>
  );
}
