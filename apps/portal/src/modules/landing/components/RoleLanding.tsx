import { Body1, Subtitle1, makeStyles, tokens } from '@fluentui/react-components';
import { PageHeading } from '../../../ui/PageHeading';
import { useCurrentUser } from '../../me/hooks/useCurrentUser';
import { AllProjectsTable } from '../../projects/components/AllProjectsTable';
import { MyProjectsTable } from '../../projects/components/MyProjectsTable';
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
              <Subtitle1 as="h2">All projects</Subtitle1>
              <AllProjectsTable />
            </>
          )}
          <Subtitle1 as="h2">My projects</Subtitle1>
          <MyProjectsTable projects={me.projects} />
        </>
      )}
    </section>
  );
}
