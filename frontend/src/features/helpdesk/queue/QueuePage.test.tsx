import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { operationOf, renderScreen } from '@/test/render';
import { QueuePage } from './QueuePage';

const request = vi.fn();
vi.mock('@/lib/graphql', () => ({ request: (...args: unknown[]) => request(...args) }));

const day = 86_400_000;
const tickets = [
  { id: 't1', title: 'CAS en panne', category: 'CAS_CONFIGURATION', status: 'OPEN', createdAt: new Date(Date.now() - 9 * day).toISOString(), uai: '0410017W', establishmentName: 'Lycée Augustin Thierry', academy: 'Orléans-Tours', assigneeId: 'me', assigneeName: 'Agnès Agent' },
  { id: 't2', title: 'Export refusé', category: 'EXPORTS', status: 'IN_PROGRESS', createdAt: new Date(Date.now() - 2 * day).toISOString(), uai: '0450782F', establishmentName: 'Collège Jean Rostand', academy: 'Versailles', assigneeId: null, assigneeName: null },
];

interface Filter {
  status?: string | null;
  openOnly?: boolean;
  category?: string | null;
  mine?: boolean;
  academy?: string | null;
}

function Address() {
  return <output data-testid="address">{useLocation().search}</output>;
}

function lastFilter(): Filter {
  const calls = request.mock.calls.filter(([d]) => operationOf(d) === 'TicketQueue');
  return (calls[calls.length - 1]?.[1] as { filter: Filter }).filter;
}

beforeEach(() => {
  request.mockReset();
  request.mockImplementation((document: unknown, variables: { filter: Filter }) => {
    const name = operationOf(document);
    if (name === 'TicketQueue') {
      const f = variables.filter;
      const rows = tickets.filter(
        (t) => (!f.status || t.status === f.status) && (!f.category || t.category === f.category) && (!f.mine || t.assigneeId === 'me') && (!f.academy || t.academy === f.academy),
      );
      return Promise.resolve({
        ticketQueue: {
          rows,
          hasNextPage: false,
          endCursor: null,
          byStatus: [
            { key: 'OPEN', label: 'Ouverte', tickets: 1 },
            { key: 'IN_PROGRESS', label: 'En cours de traitement', tickets: 1 },
            { key: 'WAITING_SCHOOL', label: 'En attente', tickets: 0 },
          ],
        },
      });
    }
    if (name === 'HelpdeskAgents') {
      return Promise.resolve({
        me: { id: 'me' },
        users: {
          nodes: [
            { id: 'me', displayName: 'Agnès Agent', email: 'agnes@alpha.test', role: 'HELPDESK', disabled: false },
            { id: 'op', displayName: 'Olivier Opérateur', email: 'olivier@alpha.test', role: 'OPERATOR_ADMIN', disabled: false },
            { id: 'sc', displayName: 'Sandrine École', email: 'sandrine@alpha.test', role: 'SCHOOL_ADMIN', disabled: false },
          ],
        },
      });
    }
    return Promise.reject(new Error(`unexpected ${name}`));
  });
});

describe('File d’attente', () => {
  it('lists the tickets to work, oldest first as the API gives them, with their counts per status', async () => {
    renderScreen(<QueuePage />, '/assistance');
    const table = await screen.findByRole('table', { name: /2 tickets affichés, le plus ancien en premier/ });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('CAS en panne');
    expect(rows[0]).toHaveTextContent('9 jours');
    expect(rows[0]).toHaveTextContent('Agnès Agent');
    expect(rows[1]).toHaveTextContent('Personne');
    expect(within(rows[0]!).getByRole('link', { name: 'CAS en panne' })).toHaveAttribute('href', '/tickets/t1');
    expect(screen.getByRole('button', { name: 'Ouverte : 1' })).toHaveAttribute('aria-pressed', 'false');
    expect(lastFilter()).toMatchObject({ openOnly: true, status: null });
  });

  it('filters by status from the select or the counts, and keeps the view in the address', async () => {
    renderScreen(
      <>
        <QueuePage />
        <Address />
      </>,
      '/assistance',
    );
    await screen.findByRole('table');
    await userEvent.selectOptions(screen.getByLabelText('État'), 'IN_PROGRESS');
    expect(await screen.findByRole('table', { name: /1 ticket affiché/ })).toHaveTextContent('Export refusé');
    expect(screen.getByTestId('address')).toHaveTextContent('?etat=IN_PROGRESS');
    expect(lastFilter()).toMatchObject({ status: 'IN_PROGRESS', openOnly: false });
    await userEvent.click(screen.getByRole('button', { name: 'Ouverte : 1' }));
    expect(await screen.findByRole('table', { name: /1 ticket affiché/ })).toHaveTextContent('CAS en panne');
    expect(screen.getByRole('button', { name: 'Ouverte : 1' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByTestId('address')).toHaveTextContent('?etat=OPEN');
  });

  it('shows « mes tickets », an academy typed then sent, and clears the filters', async () => {
    renderScreen(
      <>
        <QueuePage />
        <Address />
      </>,
      '/assistance?attribution=moi',
    );
    expect(await screen.findByRole('table', { name: /1 ticket affiché/ })).toHaveTextContent('CAS en panne');
    expect(lastFilter()).toMatchObject({ mine: true });
    const assignee = screen.getByLabelText('Attribution');
    expect(assignee).toHaveValue('moi');
    // Agents to pick: the others of the helpdesk side, never a school administrator.
    expect(within(assignee).queryByRole('option', { name: /Sandrine/ })).not.toBeInTheDocument();
    expect(within(assignee).getByRole('option', { name: /Olivier Opérateur/ })).toBeInTheDocument();

    await userEvent.selectOptions(assignee, '');
    await userEvent.type(screen.getByLabelText('Académie'), 'Versailles');
    expect(lastFilter()).toMatchObject({ academy: null });
    await userEvent.click(screen.getByRole('button', { name: 'Filtrer' }));
    expect(await screen.findByRole('table', { name: /1 ticket affiché/ })).toHaveTextContent('Export refusé');
    expect(screen.getByTestId('address')).toHaveTextContent('academie=Versailles');
    await userEvent.click(screen.getByRole('button', { name: 'Effacer les filtres (1)' }));
    expect(await screen.findByRole('table', { name: /2 tickets affichés/ })).toBeInTheDocument();
    expect(screen.getByTestId('address')).toBeEmptyDOMElement();
    expect(screen.getByLabelText('Académie')).toHaveValue('');
  });

  it('says so when no ticket matches', async () => {
    renderScreen(<QueuePage />, '/assistance?categorie=RENTREE');
    expect(await screen.findByText('Aucun ticket ne correspond à ces filtres.')).toBeInTheDocument();
  });
});
