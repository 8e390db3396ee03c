import { Subtitle1, makeStyles } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  // Spacing comes from the page layout, not the browser's default heading margins.
  root: { margin: 0 },
});

export function SectionHeading({ children }: { children: ReactNode }) {
  const styles = useStyles();
  return (
    <Subtitle1 as="h2" block className={styles.root}>
      {children}
    </Subtitle1>
  );
}
