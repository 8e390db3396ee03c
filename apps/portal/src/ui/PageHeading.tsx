import { Title2 } from '@fluentui/react-components';
import type { ReactNode } from 'react';

/** The one h1 per page; tests and the e2e spec find landings by data-testid. */
export function PageHeading({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <Title2 as="h1" block data-testid={testId}>
      {children}
    </Title2>
  );
}
