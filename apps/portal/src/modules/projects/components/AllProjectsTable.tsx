import { Body1, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import { ErrorState } from '../../../ui/ErrorState';
import { LoadingState } from '../../../ui/LoadingState';
import { useProjects } from '../hooks/useProjects';
import { ProjectStatusBadge } from './ProjectStatusBadge';

/** Every project the caller may see (GET /projects), with status and tier. */
export function AllProjectsTable() {
  const projects = useProjects();
  if (projects.isPending) return <LoadingState label="Loading projects…" />;
  if (projects.isError) return <ErrorState error={projects.error} onRetry={() => void projects.refetch()} />;
  const { items, nextCursor } = projects.data;
  if (items.length === 0) return <Body1 block>There are no projects yet.</Body1>;
  return (
    <>
      <Table aria-label="All projects">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Project</TableHeaderCell>
            <TableHeaderCell>Description</TableHeaderCell>
            <TableHeaderCell>Tier</TableHeaderCell>
            <TableHeaderCell>Status</TableHeaderCell>
            <TableHeaderCell>Created</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((project) => (
            <TableRow key={project.id}>
              <TableCell>{project.name}</TableCell>
              <TableCell>{project.description}</TableCell>
              <TableCell>Tier {project.tier}</TableCell>
              <TableCell>
                <ProjectStatusBadge status={project.status} />
              </TableCell>
              <TableCell>{new Date(project.createdAt).toLocaleDateString()}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {/* Paging is not built yet; say so rather than silently showing a partial list. */}
      {nextCursor !== null && <Body1 block>Showing the first {items.length} projects.</Body1>}
    </>
  );
}
