import { Body1 } from '@fluentui/react-components';
import { AppLink } from './AppLink';
import { PageHeading } from './PageHeading';

export function NotFoundPage() {
  return (
    <section>
      <PageHeading>Page not found</PageHeading>
      <Body1 block>
        There is nothing at this address, or you do not have access to it. <AppLink to="/">Go to your home page</AppLink>
      </Body1>
    </section>
  );
}
