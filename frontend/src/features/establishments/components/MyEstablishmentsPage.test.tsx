import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/errors';
import { MyEstablishmentsPage } from './MyEstablishmentsPage';

const request = vi.fn();
vi.mock('@/lib/graphql', () => ({ request: (...args: unknown[]) => request(...args) }));

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <MemoryRouter>
          <MyEstablishmentsPage />
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

const base = {
  id: 'b1',
  groupUai: '0181042K',
  hostingLabel: 'Hébergé chez Index-Education',
  publication: 'PUBLISHED',
  schoolYear: '2026-2027',
  diagnostics: [{ severity: 'ERROR' }, { severity: 'WARNING' }, { severity: 'WARNING' }, { severity: 'INFO' }],
  model: { pendingUpdate: { toRevision: 2, withdrawn: false }, drift: [] },
};

describe('Mes établissements', () => {
  it('lists each establishment with its base, findings by severity and model badges', async () => {
    request.mockResolvedValueOnce({
      establishments: {
        pageInfo: { hasNextPage: false, endCursor: null },
        nodes: [
          { id: 'e1', uai: '0181000P', name: 'Collège Jean Moulin', kindLabel: 'Collège', commune: 'Bourges', base },
          { id: 'e2', uai: '0181111A', name: 'École sans base', kindLabel: 'Lycée', commune: null, base: null },
        ],
      },
    });
    renderPage();
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    const first = within(rows[1]!);
    expect(first.getByRole('link', { name: /Base 0181042K/ })).toHaveAttribute('href', '/bases/b1');
    expect(first.getByText('1 erreur')).toBeInTheDocument();
    expect(first.getByText('2 avertissements')).toBeInTheDocument();
    expect(first.getByText('Publiée')).toBeInTheDocument();
    expect(first.getByText('Mise à jour du modèle')).toBeInTheDocument();
    expect(within(rows[2]!).getByText('Aucune base')).toBeInTheDocument();
    expect(screen.getByText('2 établissements')).toBeInTheDocument();
  });

  it('says when nothing is granted', async () => {
    request.mockResolvedValueOnce({ establishments: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] } });
    renderPage();
    expect(await screen.findByText(/Aucun établissement ne vous est attribué/)).toBeInTheDocument();
  });

  it('shows the API’s refusal in French', async () => {
    request.mockRejectedValueOnce(new ApiError({ message: 'x', extensions: { code: 'INTERNAL' } }));
    renderPage();
    expect(await screen.findByText(/Erreur inattendue du serveur/)).toBeInTheDocument();
  });
});
