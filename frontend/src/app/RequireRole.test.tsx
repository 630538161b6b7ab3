import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import { OPERATOR_ROLES, RequireRole } from './RequireRole';

const request = vi.fn();
vi.mock('@/lib/graphql', () => ({ request: (...args: unknown[]) => request(...args) }));

function renderAs(role: string) {
  request.mockResolvedValue({ me: { id: 'u1', displayName: 'Camille', email: 'c@exemple.fr', role, roleLabel: role, tenant: null } });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <MemoryRouter>
          <RequireRole roles={OPERATOR_ROLES}>
            <p>Données de la région</p>
          </RequireRole>
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

describe('Écrans de l’opérateur', () => {
  it('refuses a school administrator without showing the screen', async () => {
    renderAs('SCHOOL_ADMIN');
    expect(await screen.findByRole('heading', { name: 'Accès refusé' })).toBeInTheDocument();
    expect(screen.queryByText('Données de la région')).not.toBeInTheDocument();
  });

  it('refuses a helpdesk agent too', async () => {
    renderAs('HELPDESK');
    expect(await screen.findByRole('heading', { name: 'Accès refusé' })).toBeInTheDocument();
  });

  it('lets operator and platform administrators in', async () => {
    renderAs('OPERATOR_ADMIN');
    expect(await screen.findByText('Données de la région')).toBeInTheDocument();
  });
});
