import { Badge } from '@fluentui/react-components';

/** Marks members who have not signed in yet: their account was made by an invitation. */
export function InvitedBadge() {
  return (
    <Badge appearance="tint" color="informative" size="small">
      Invited
    </Badge>
  );
}
