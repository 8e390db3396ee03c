import { PROJECT_ROLES } from '@cloister/domain';
import {
  Body1,
  Button,
  Checkbox,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { ApiError } from '../../../api/ApiError';
import { ErrorState } from '../../../ui/ErrorState';
import { LoadingState } from '../../../ui/LoadingState';
import { SectionHeading } from '../../../ui/SectionHeading';
import type { ProjectRole } from '../../me/api/Me';
import { roleLabel } from '../../me/roleLabel';
import type { Member } from '../api/Member';
import { useMembers, useRemoveMember, useSetMemberRoles } from '../hooks/useMembers';
import { withRole } from '../memberForms';
import { InviteMemberForm } from './InviteMemberForm';
import { InvitedBadge } from './InvitedBadge';
import { RemoveMemberDialog } from './RemoveMemberDialog';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  who: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  email: { display: 'block', overflowWrap: 'anywhere' },
  memberColumn: { width: '32%' },
});

/** What went wrong, in words a project admin can act on; the API's message and code stay visible. */
function explain(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code === 'LAST_PROJECT_ADMIN') return 'A project must keep at least one project admin. Make someone else a project admin first.';
  if (error.code === 'NO_ROLES') return 'A member needs at least one role; remove them instead.';
  return null;
}

function MemberActionError({ error, onDismiss }: { error: unknown; onDismiss: () => void }) {
  const explanation = explain(error);
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{explanation ?? message}</MessageBarTitle>
        {explanation !== null && <Text block>{message}</Text>}
        {error instanceof ApiError && <Text size={200}>Code: {error.code}</Text>}
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={onDismiss}>Dismiss</Button>
      </MessageBarActions>
    </MessageBar>
  );
}

/** Members of one project for its project admins: invite, tick roles, remove. */
export function MembersManager({ projectId }: { projectId: string }) {
  const styles = useStyles();
  const members = useMembers(projectId);
  const setRoles = useSetMemberRoles(projectId);
  const remove = useRemoveMember(projectId);
  const [actionError, setActionError] = useState<unknown>(null);
  const [toRemove, setToRemove] = useState<Member | null>(null);
  // Roles as just ticked, shown until the API answers (kept on success, dropped on refusal).
  const [pendingRoles, setPendingRoles] = useState<{ userId: string; roles: ProjectRole[] } | null>(null);
  const rolesShown = (member: Member) => (pendingRoles?.userId === member.userId ? pendingRoles.roles : member.roles);

  const toggleRole = (member: Member, role: ProjectRole, held: boolean) => {
    setActionError(null);
    const roles = withRole(rolesShown(member), role, held);
    if (roles.length === 0) {
      setActionError(new ApiError(0, 'NO_ROLES', `${member.email} would be left without a role.`));
      return;
    }
    setPendingRoles({ userId: member.userId, roles });
    setRoles.mutate({ userId: member.userId, roles }, { onError: setActionError, onSettled: () => setPendingRoles(null) });
  };

  const confirmRemove = (member: Member) => {
    setActionError(null);
    remove.mutate(member.userId, {
      onSuccess: () => setToRemove(null),
      onError: (error) => {
        setToRemove(null);
        setActionError(error);
      },
    });
  };

  return (
    <div className={styles.root}>
      <SectionHeading>Invite a member</SectionHeading>
      <InviteMemberForm projectId={projectId} />
      <SectionHeading>Members</SectionHeading>
      {actionError !== null && <MemberActionError error={actionError} onDismiss={() => setActionError(null)} />}
      {members.isPending ? (
        <LoadingState label="Loading members…" />
      ) : members.isError ? (
        <ErrorState error={members.error} onRetry={() => void members.refetch()} />
      ) : members.data.items.length === 0 ? (
        <Body1 block>This project has no members.</Body1>
      ) : (
        <Table aria-label="Members">
          <TableHeader>
            <TableRow>
              <TableHeaderCell className={styles.memberColumn}>Member</TableHeaderCell>
              {PROJECT_ROLES.map((role) => (
                <TableHeaderCell key={role}>{roleLabel(role)}</TableHeaderCell>
              ))}
              <TableHeaderCell>Actions</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {members.data.items.map((member) => {
              const busy = setRoles.isPending && setRoles.variables.userId === member.userId;
              return (
                <TableRow key={member.userId}>
                  <TableCell>
                    <span className={styles.email}>{member.email}</span>
                    <span className={styles.who}>
                      {member.displayName && member.displayName !== member.email && <Text size={200}>{member.displayName}</Text>}
                      {member.invited && <InvitedBadge />}
                    </span>
                  </TableCell>
                  {PROJECT_ROLES.map((role) => (
                    <TableCell key={role}>
                      <Checkbox
                        aria-label={`${roleLabel(role)} for ${member.email}`}
                        checked={rolesShown(member).includes(role)}
                        disabled={busy}
                        onChange={(_, data) => toggleRole(member, role, data.checked === true)}
                      />
                    </TableCell>
                  ))}
                  <TableCell>
                    <Button appearance="subtle" aria-label={`Remove ${member.email}`} onClick={() => setToRemove(member)}>
                      Remove
                    </Button>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      <RemoveMemberDialog member={toRemove} removing={remove.isPending} onConfirm={confirmRemove} onCancel={() => setToRemove(null)} />
    </div>
  );
}
