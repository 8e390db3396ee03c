import { Badge, type BadgeProps } from '@fluentui/react-components';
import type { ProjectSummary } from '../api/ProjectPage';

type Status = ProjectSummary['status'];

const colors: Record<Status, BadgeProps['color']> = {
  draft: 'subtle',
  provisioning: 'informative',
  active: 'success',
  suspended: 'warning',
  decommissioning: 'warning',
  archived: 'subtle',
  failed: 'danger',
};

const labels: Record<Status, string> = {
  draft: 'Draft',
  provisioning: 'Provisioning',
  active: 'Active',
  suspended: 'Suspended',
  decommissioning: 'Decommissioning',
  archived: 'Archived',
  failed: 'Failed',
};

export function ProjectStatusBadge({ status }: { status: Status }) {
  return (
    <Badge appearance="tint" color={colors[status]}>
      {labels[status]}
    </Badge>
  );
}
