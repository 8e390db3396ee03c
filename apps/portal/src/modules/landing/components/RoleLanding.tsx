import { Body1, makeStyles, tokens } from '@fluentui/react-components';
import { PageHeading } from '../../../ui/PageHeading';
import { SectionHeading } from '../../../ui/SectionHeading';
import { useCurrentUser } from '../../me/hooks/useCurrentUser';
import { AllProjectsTable } from '../../projects/components/AllProjectsTable';
import { MyProjectsTable } from '../../projects/components/MyProjectsTable';
import { QueueDashboardButton } from '../../queues/components/QueueDashboardButton';
import { chooseLanding } from '../chooseLanding';
import { landingCopy } from '../landingCopy';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
});

/** `/`: the home page for the user's most senior role. */
export function RoleLanding() {
  const styles = useStyles();
  const me = useCurrentUser();
  const kind = chooseLanding(me);
  const copy = landingCopy[kind];
  return (
    <section className={styles.root}>
      <PageHeading testId="landing">{copy.heading}</PageHeading>
      <Body1 block>{copy.intro}</Body1>
      {kind === 'none' && me.projects.length === 0 ? (
        <Body1 block>Ask a project administrator to add you to a project.</Body1>
      ) : (
        <>
          {kind === 'platform_admin' && (
            <>
              <SectionHeading>All projects</SectionHeading>
              <AllProjectsTable />
              <SectionHeading>Background jobs</SectionHeading>
              <div><QueueDashboardButton /></div>
            </>
          )}
          <SectionHeading>My projects</SectionHeading>
          <MyProjectsTable projects={me.projects} />
        </>
      )}
    </section>
  );
}
