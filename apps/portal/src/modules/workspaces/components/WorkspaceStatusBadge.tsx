import { Badge } from '@fluentui/react-components';

const COLOR = {
  creating: 'informative', running: 'success', stopping: 'warning', stopped: 'subtle', starting: 'informative', deleting: 'warning', failed: 'danger',
} as const;

export function WorkspaceStatusBadge({ status }: { status: keyof typeof COLOR }) {
  return <Badge appearance="tint" color={COLOR[status]} data-testid="workspace-status">{status}</Badge>;
}
