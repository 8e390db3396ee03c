import { Body1, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import { AppLink } from '../../../ui/AppLink';
import type { ExportSummary } from '../api/ExportRequest';
import { ExportStatusBadge } from './ExportStatusBadge';
import { formatTime } from './formatting';

/** Requests with their status; each links to `${linkBase}/<project>/<request>`. */
export function RequestsTable({ items, linkBase, label, empty, showProject = false }: { items: readonly ExportSummary[]; linkBase: string; label: string; empty: string; showProject?: boolean }) {
  if (items.length === 0) return <Body1 block>{empty}</Body1>;
  return (
    <Table aria-label={label}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Title</TableHeaderCell>
          {showProject && <TableHeaderCell>Project</TableHeaderCell>}
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell>Requester</TableHeaderCell>
          <TableHeaderCell>Files</TableHeaderCell>
          <TableHeaderCell>Updated</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((r) => (
          <TableRow key={r.id}>
            <TableCell>
              <AppLink to={`${linkBase}/${r.projectId}/${r.id}`}>{r.title}</AppLink>
            </TableCell>
            {showProject && <TableCell>{r.projectName}</TableCell>}
            <TableCell>
              <ExportStatusBadge status={r.status} />
            </TableCell>
            <TableCell>{r.requester}</TableCell>
            <TableCell>
              {r.outputCount} of {r.fileCount} {r.fileCount === 1 ? 'file' : 'files'} to release
            </TableCell>
            <TableCell>{formatTime(r.updatedAt)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
