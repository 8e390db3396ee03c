import { Body1, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import type { ProjectMembership } from '../../me/api/Me';
import { roleLabel } from '../../me/roleLabel';
import { ProjectStatusBadge } from './ProjectStatusBadge';

/** The signed-in user's projects and what they may do in each (from /me). */
export function MyProjectsTable({ projects }: { projects: readonly ProjectMembership[] }) {
  if (projects.length === 0) return <Body1 block>You are not a member of any project yet.</Body1>;
  return (
    <Table aria-label="My projects">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Project</TableHeaderCell>
          <TableHeaderCell>Tier</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell>My roles</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {projects.map((project) => (
          <TableRow key={project.id}>
            <TableCell>{project.name}</TableCell>
            <TableCell>Tier {project.tier}</TableCell>
            <TableCell>
              <ProjectStatusBadge status={project.status} />
            </TableCell>
            <TableCell>{project.roles.length > 0 ? project.roles.map(roleLabel).join(', ') : 'No role'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
