import { Body1, Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import { AppLink } from '../../../ui/AppLink';
import { ErrorState } from '../../../ui/ErrorState';
import { formatDate } from '../../../ui/formatTime';
import { LoadingState } from '../../../ui/LoadingState';
import { useProjects } from '../hooks/useProjects';
import { ProjectStatusBadge } from './ProjectStatusBadge';

/** Every project the caller may see (GET /projects), with status and tier. */
export function AllProjectsTable() {
  const projects = useProjects();
  if (projects.isPending) return <LoadingState label="Loading projects…" />;
  // A failed *next* page keeps the pages already shown; only a failed first page replaces them.
  if (projects.data === undefined) return <ErrorState error={projects.error} onRetry={() => void projects.refetch()} />;
  const items = projects.data.pages.flatMap((page) => page.items);
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
              <TableCell>
                <AppLink to={`/projects/${project.id}`}>{project.name}</AppLink>
              </TableCell>
              <TableCell>{project.description}</TableCell>
              <TableCell>Tier {project.tier}</TableCell>
              <TableCell>
                <ProjectStatusBadge status={project.status} />
              </TableCell>
              <TableCell>{formatDate(project.createdAt)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {projects.isFetchNextPageError && <ErrorState error={projects.error} onRetry={() => void projects.fetchNextPage()} />}
      {projects.hasNextPage && (
        <Button onClick={() => void projects.fetchNextPage()} disabled={projects.isFetchingNextPage}>
          {projects.isFetchingNextPage ? 'Loading…' : 'Load more projects'}
        </Button>
      )}
    </>
  );
}
