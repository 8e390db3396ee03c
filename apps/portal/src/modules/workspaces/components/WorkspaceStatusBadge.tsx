import { Badge, type BadgeProps } from '@fluentui/react-components';
import type { Workspace } from '../api/workspaceRequests';

type Status = Workspace['status'];

const colors: Record<Status, BadgeProps['color']> = {
  creating: 'informative', running: 'success', stopping: 'warning', stopped: 'subtle', starting: 'informative', deleting: 'warning', failed: 'danger',
};

/** A workspace's state in words, as every other status in the portal reads (the API's codes are lower-case). */
export const workspaceStatusLabels: Record<Status, string> = {
  creating: 'Creating', running: 'Running', stopping: 'Stopping', stopped: 'Stopped', starting: 'Starting', deleting: 'Deleting', failed: 'Failed',
};

export function WorkspaceStatusBadge({ status }: { status: Status }) {
  return <Badge appearance="tint" color={colors[status]} data-testid="workspace-status">{workspaceStatusLabels[status]}</Badge>;
}
