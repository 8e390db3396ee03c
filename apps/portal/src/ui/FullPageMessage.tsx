import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    padding: tokens.spacingHorizontalXXL,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  panel: { width: '100%', maxWidth: '480px' },
});

/** Centres a single message on an otherwise empty page (boot, sign-in, callback). */
export function FullPageMessage({ children }: { children: ReactNode }) {
  const styles = useStyles();
  return (
    <main className={styles.root}>
      <div className={styles.panel}>{children}</div>
    </main>
  );
}
