import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { UsersSection } from './UsersTable';

const request = vi.fn();
vi.mock('@/lib/graphql', () => ({ request: (...args: unknown[]) => request(...args) }));

const LAST = ['MARTIN', 'BERNARD', 'LEFÈVRE', 'DUBOIS'];
const FIRST = ['Léa', 'Hugo', 'Inès', 'Jules', 'Zoé'];

function rows(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    pronoteUser: { pronoteId: `P${String(i).padStart(5, '0')}`, lastName: LAST[i % 4]!, firstName: `${FIRST[i % 5]!} ${i}`, birthDate: '2009-03-14' },
    link: i % 2 === 0 ? { entId: `E${i}`, origin: 'AUTO' } : null,
    entAccount: i % 2 === 0 ? { entId: `E${i}`, lastName: LAST[i % 4]!, firstName: `${FIRST[i % 5]!} ${i}` } : null,
  }));
}

function renderSection(matchingRows: ReturnType<typeof rows>) {
  request.mockImplementation((_document: unknown, variables: Record<string, unknown>) => {
    if ('entId' in variables) return Promise.resolve({ linkAccounts: { pronoteId: variables.pronoteId, entId: variables.entId } });
    return Promise.resolve({
      matchingRows,
      unmatchedEntAccounts: [
        { entId: 'ENT-LEFEVRE-1', lastName: 'LEFÈVRE', firstName: 'Inès', birthDate: '2009-03-14' },
        { entId: 'ENT-MARTIN-7', lastName: 'MARTIN', firstName: 'Paul', birthDate: null },
      ],
    });
  });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const refresh = vi.fn(() => Promise.resolve());
  render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <UsersSection baseId="b1" populations={[{ value: 'ELEVE', label: 'Élèves' }]} refresh={refresh} />
      </QueryClientProvider>
    </MantineProvider>,
  );
  return { refresh };
}

// jsdom lays nothing out: the scrolled box is given the height of a window.
const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('virtual-scroll') ? 600 : 0;
    },
  });
});
afterAll(() => {
  if (clientHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight);
});

describe('Utilisateurs et liaisons manuelles', () => {
  it('puts only the rows in view in the page, and keeps the count for assistive technologies', async () => {
    renderSection(rows(3_000));
    const table = await screen.findByRole('table', { name: /^3\s000 utilisateurs PRONOTE$/ });
    expect(table).toHaveAttribute('aria-rowcount', '3001');
    const shown = within(table).getAllByRole('row');
    expect(shown.length).toBeGreaterThan(1);
    expect(shown.length).toBeLessThan(60);
    // French alphabetical order: BERNARD first, and each row its index.
    expect(shown[1]).toHaveAttribute('aria-rowindex', '2');
    expect(within(shown[1]!).getByText(/^BERNARD /)).toBeInTheDocument();
  });

  it('finds a user as one types, accents and case ignored', async () => {
    renderSection(rows(3_000));
    await screen.findByRole('table');
    await userEvent.type(screen.getByLabelText('Rechercher un utilisateur'), 'lefevre ines 1002');
    const table = await screen.findByRole('table', { name: /1 utilisateur PRONOTE affiché sur 3\s000/ });
    const [, only] = within(table).getAllByRole('row');
    expect(within(only!).getAllByText('LEFÈVRE Inès 1002').length).toBeGreaterThan(0);
    expect(within(table).getAllByRole('row')).toHaveLength(2);
  });

  it('links a user by hand to an ENT account found by a search among the unlinked ones', async () => {
    const { refresh } = renderSection(rows(4));
    await userEvent.click(await screen.findByRole('button', { name: 'Lier BERNARD Hugo 1 à un compte ENT' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/2 comptes ENT sans liaison/)).toBeInTheDocument();
    const search = within(dialog).getByRole('textbox', { name: 'Compte ENT non rapproché' });
    await userEvent.type(search, 'lefevre');
    const options = await within(await screen.findByRole('listbox')).findAllByRole('option');
    expect(options).toHaveLength(1);
    await userEvent.click(options[0]!);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Lier' }));
    expect(request).toHaveBeenCalledWith(expect.anything(), { baseId: 'b1', pronoteId: 'P00001', entId: 'ENT-LEFEVRE-1' });
    expect(await screen.findByText(/BERNARD Hugo 1 est lié\(e\) au compte ENT LEFÈVRE Inès \(ENT-LEFEVRE-1\)/)).toBeInTheDocument();
    expect(refresh).toHaveBeenCalled();
  });
});
