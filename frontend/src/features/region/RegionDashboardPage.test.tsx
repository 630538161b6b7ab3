import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation } from 'react-router-dom';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { RegionDashboardPage } from './RegionDashboardPage';

const request = vi.fn();
vi.mock('@/lib/graphql', () => ({ request: (...args: unknown[]) => request(...args) }));

function row(i: number) {
  const withBase = i % 3 !== 0;
  return {
    uai: `0${String(180000 + i).padStart(6, '0')}A`,
    name: `Collège n° ${i}`,
    kind: 'COLLEGE',
    kindLabel: 'Collège',
    commune: i % 2 ? 'Bourges' : 'Vierzon',
    department: '18',
    academy: 'Orléans-Tours',
    closed: false,
    baseId: withBase ? `b${i}` : null,
    groupUai: withBase ? `0${String(180000 + i).padStart(6, '0')}A` : null,
    hosting: withBase ? 'HOSTED' : null,
    schoolYear: withBase ? '2026-2027' : null,
    publication: withBase ? (i % 2 ? 'PUBLISHED' : 'STOPPED') : null,
    errors: withBase && i % 2 === 0 ? 1 : 0,
    warnings: 0,
    model: withBase ? 'ENT Centre' : null,
    modelStatus: withBase ? 'APPLIED' : 'NO_MODEL',
    casCheckedAt: null,
    casOutcome: null,
  };
}

/** Two pages: 1,000 then 500 establishments. */
function answer(document: unknown, variables?: { after?: string | null }) {
  const text = JSON.stringify(document);
  if (text.includes('RegionSummary')) {
    return Promise.resolve({
      basesSummary: { bases: 1000, published: 500, findings: [{ code: 'CAS_URL_MISSING', severityLabel: 'Erreur', example: '…', bases: 500 }] },
      modelUsage: [{ model: { id: 'm1', name: 'ENT Centre' }, bases: 1000, pendingUpdates: 12 }],
      driftedBases: [{ base: { id: 'b1' } }],
    });
  }
  const first = !variables?.after;
  const rows = first ? Array.from({ length: 1000 }, (_, i) => row(i)) : Array.from({ length: 500 }, (_, i) => row(1000 + i));
  return Promise.resolve({ dashboard: { hasNextPage: first, endCursor: first ? 'c1' : 'c2', rows } });
}

function Address() {
  const location = useLocation();
  return <output data-testid="address">{location.search}</output>;
}

function renderPage(at = '/tableau-de-bord') {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[at]}>
          <RegionDashboardPage />
          <Address />
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

// jsdom lays nothing out: the scrolled box is given the height of a window.
const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('region-scroll') ? 640 : 0;
    },
  });
});
afterAll(() => {
  if (clientHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight);
});
beforeEach(() => {
  request.mockReset();
  request.mockImplementation(answer);
});

describe('Tableau de bord régional', () => {
  it('reads every page of the region and puts only the rows in view in the page', async () => {
    renderPage();
    const table = await screen.findByRole('table', { name: /^1\s500 établissements$/ });
    expect(table).toHaveAttribute('aria-rowcount', '1501');
    const shown = within(table).getAllByRole('row');
    expect(shown.length).toBeLessThan(60);
    expect(within(shown[1]!).getByText('0180000A')).toBeInTheDocument();
    // The charts: publication, pending updates per model, findings by code.
    expect(screen.getByRole('figure', { name: /Bases par état de publication/ })).toHaveTextContent('Publiées500');
    expect(screen.getByRole('figure', { name: /Mises à jour en attente par modèle/ })).toHaveTextContent('ENT Centre12 sur 1 000 bases');
    expect(screen.getByRole('figure', { name: /Constats par code/ })).toHaveTextContent('CAS_URL_MISSING');
  });

  it('filters and sorts, and keeps the view in the address', async () => {
    renderPage();
    await screen.findByRole('table', { name: /^1\s500 établissements$/ });
    await userEvent.selectOptions(screen.getByLabelText('Publication'), 'STOPPED');
    await userEvent.selectOptions(screen.getByLabelText('Constats'), 'erreurs');
    const table = await screen.findByRole('table', { name: /^500 établissements affichés sur 1\s500$/ });
    await userEvent.click(within(table).getByRole('button', { name: /Établissement/ }));
    await userEvent.click(within(table).getByRole('button', { name: /Établissement/ }));
    expect(screen.getByTestId('address').textContent).toBe('?publication=STOPPED&constats=erreurs&tri=nom&ordre=desc');
    expect(within(table).getByRole('columnheader', { name: /Établissement/ })).toHaveAttribute('aria-sort', 'descending');
  });

  it('restores a shared view from its address', async () => {
    renderPage('/tableau-de-bord?q=n%C2%B0%201&etatModele=ECART');
    const table = await screen.findByRole('table', { name: /^1 établissement affiché sur 1\s500$/ });
    expect(within(table).getByText('Collège n° 1')).toBeInTheDocument();
    expect(screen.getByLabelText('Rechercher par UAI ou nom')).toHaveValue('n° 1');
    expect(screen.getByLabelText('État du modèle')).toHaveValue('ECART');
  });
});
