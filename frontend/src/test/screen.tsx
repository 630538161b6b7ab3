import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router-dom';

/** A screen with the providers of the app (Mantine, TanStack Query, a router at `at`). */
export function renderScreen(screen: ReactNode, at = '/') {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[at]}>{screen}</MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

/** The operation name of a typed document (`query PendingModelUpdates…`). */
export function operationOf(document: unknown): string {
  const match = /"name":\{"kind":"Name","value":"([A-Za-z]+)"/.exec(JSON.stringify(document));
  return match?.[1] ?? '';
}
