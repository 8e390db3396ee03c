import { Title2, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  root: { margin: `0 0 ${tokens.spacingVerticalM}` },
});

/** The one h1 per page; tests and the e2e spec find landings by data-testid. */
export function PageHeading({ children, testId }: { children: ReactNode; testId?: string }) {
  const styles = useStyles();
  return (
    <Title2 as="h1" block className={styles.root} data-testid={testId}>
      {children}
    </Title2>
  );
}
