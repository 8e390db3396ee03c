import { PageHeading } from '../../../ui/PageHeading';
import { AllProjectsTable } from './AllProjectsTable';

export function ProjectsPage() {
  return (
    <section>
      <PageHeading>Projects</PageHeading>
      <AllProjectsTable />
    </section>
  );
}
