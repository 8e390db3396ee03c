import { Body1, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from '@fluentui/react-components';
import { roleLabel } from '../../me/roleLabel';
import type { Member } from '../api/Member';
import { InvitedBadge } from './InvitedBadge';

const useStyles = makeStyles({
  who: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

/** Read-only member list (platform admins and members who do not manage the project). */
export function MembersTable({ members }: { members: readonly Member[] }) {
  const styles = useStyles();
  if (members.length === 0) return <Body1 block>This project has no members.</Body1>;
  return (
    <Table aria-label="Members">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Member</TableHeaderCell>
          <TableHeaderCell>Name</TableHeaderCell>
          <TableHeaderCell>Roles</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {members.map((member) => (
          <TableRow key={member.userId}>
            <TableCell>
              <span className={styles.who}>
                {member.email}
                {member.invited && <InvitedBadge />}
              </span>
            </TableCell>
            <TableCell>{member.displayName}</TableCell>
            <TableCell>{member.roles.map(roleLabel).join(', ')}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
