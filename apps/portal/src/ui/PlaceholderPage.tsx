import { Body1 } from '@fluentui/react-components';
import { PageHeading } from './PageHeading';

/** Stands in for sections whose features are not built yet, so navigation never dead-ends. */
export function PlaceholderPage({ title }: { title: string }) {
  return (
    <section>
      <PageHeading>{title}</PageHeading>
      <Body1 block>This area is not available yet.</Body1>
    </section>
  );
}
