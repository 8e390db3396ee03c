import { Body1, Button, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorState } from '../../../ui/ErrorState';
import { LoadingState } from '../../../ui/LoadingState';
import { PageHeading } from '../../../ui/PageHeading';
import { useCurrentUser } from '../../me/hooks/useCurrentUser';
import { projectsWithRole } from '../../me/rolesHeld';
import { useProjects } from '../../projects/hooks/useProjects';
import { AUDIT_FILTER_FIELDS, auditQueryOf, emptyAuditFilters, type AuditFilterValues } from '../auditFilters';
import { useAuditEvents, useAuditExport } from '../hooks/useAudit';
import { AuditEventsTable } from './AuditEventsTable';
import { AuditExportMenu } from './AuditExportMenu';
import { AuditFiltersForm } from './AuditFiltersForm';
import { VerifyChainButton } from './VerifyChainButton';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  toolbar: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start', flexWrap: 'wrap' },
});

/** Applied filters live in the address (`?projectId=…&action=…`), so a filtered view can be linked and reloaded. */
function filtersFromSearch(searchParams: URLSearchParams, fallbackProjectId: string): AuditFilterValues {
  const values = { ...emptyAuditFilters };
  for (const field of AUDIT_FILTER_FIELDS) values[field] = searchParams.get(field) ?? '';
  if (values.projectId === '') values.projectId = fallbackProjectId;
  return values;
}

/** Platform admins: every project's trail, the chain check. Project admins: their projects' trails. */
function useProjectOptions(): ReadonlyArray<{ id: string; name: string }> {
  const me = useCurrentUser();
  const all = useProjects();
  return useMemo(() => {
    if (!me.isPlatformAdmin) return projectsWithRole(me, 'project_admin');
    return all.data?.pages.flatMap((page) => page.items) ?? [];
  }, [me, all.data]);
}

export function AuditLogPage() {
  const styles = useStyles();
  const me = useCurrentUser();
  const [searchParams, setSearchParams] = useSearchParams();
  const projects = useProjectOptions();
  const projectRequired = !me.isPlatformAdmin;
  const applied = filtersFromSearch(searchParams, projectRequired ? (projects[0]?.id ?? '') : '');
  const query = auditQueryOf(applied);
  const ready = !projectRequired || applied.projectId !== '';
  const events = useAuditEvents(query, ready);
  const exporter = useAuditExport();

  const names = new Map(projects.map((project) => [project.id, project.name]));
  const projectName = (projectId: string) => names.get(projectId) ?? projectId;

  const apply = (values: AuditFilterValues) => {
    const next = new URLSearchParams();
    for (const field of AUDIT_FILTER_FIELDS) if (values[field].trim() !== '') next.set(field, values[field].trim());
    setSearchParams(next);
  };

  return (
    <section className={styles.root}>
      <PageHeading>Audit log</PageHeading>
      <AuditFiltersForm key={searchParams.toString()} initial={applied} projects={projects} projectRequired={projectRequired} onApply={apply} />
      <div className={styles.toolbar}>
        <AuditExportMenu disabled={!ready} exporting={exporter.isPending} onExport={(format) => exporter.mutate({ filters: query, format })} />
        {me.isPlatformAdmin && <VerifyChainButton />}
      </div>
      {exporter.isError && <ErrorState error={exporter.error} />}
      {!ready ? (
        <Body1 block>Choose a project to see its audit log.</Body1>
      ) : events.isPending ? (
        <LoadingState label="Loading audit events…" />
      ) : events.data === undefined ? (
        <ErrorState error={events.error} onRetry={() => void events.refetch()} />
      ) : (
        <>
          <AuditEventsTable events={events.data.pages.flatMap((page) => page.items)} projectName={projectName} />
          {events.isFetchNextPageError && <ErrorState error={events.error} onRetry={() => void events.fetchNextPage()} />}
          {events.hasNextPage && (
            <div>
              <Button onClick={() => void events.fetchNextPage()} disabled={events.isFetchingNextPage}>
                {events.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
