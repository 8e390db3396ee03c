import { PageHeading } from '../../../ui/PageHeading';
import { useCurrentUser } from '../../me/hooks/useCurrentUser';
import { MyProjectsTable } from './MyProjectsTable';

export function MyProjectsPage() {
  const me = useCurrentUser();
  return (
    <section>
      <PageHeading>My projects</PageHeading>
      <MyProjectsTable projects={me.projects} />
    </section>
  );
}
