import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { ApiClientContext } from '../api/ApiClientContext';
import { createApiClient } from '../api/client';
import { CurrentUserContext } from '../modules/me/CurrentUserContext';
import type { Me } from '../modules/me/api/Me';
import { fakeFetch, type FakeRoute } from './fakeFetch';

interface Options {
  me?: Me;
  routes?: Record<string, FakeRoute>;
  path?: string;
}

/** Renders inside the same providers the signed-in app has, with a fake API behind the client. */
export function renderWithProviders(ui: ReactElement, options: Options = {}): RenderResult & { requests: Request[] } {
  const fake = fakeFetch(options.routes ?? {});
  const client = createApiClient({ baseUrl: 'http://portal.test', getAccessToken: () => 'test-token', onUnauthorized: () => undefined, fetch: fake.fetch });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const result = render(
    <FluentProvider theme={webLightTheme}>
      <QueryClientProvider client={queryClient}>
        <MemoryRouter initialEntries={[options.path ?? '/']}>
          <ApiClientContext.Provider value={client}>
            <CurrentUserContext.Provider value={options.me ?? null}>{ui}</CurrentUserContext.Provider>
          </ApiClientContext.Provider>
        </MemoryRouter>
      </QueryClientProvider>
    </FluentProvider>,
  );
  return Object.assign(result, { requests: fake.requests });
}
