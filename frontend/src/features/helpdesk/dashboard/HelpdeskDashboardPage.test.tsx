import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { operationOf, renderScreen } from '@/test/render';
import { HelpdeskDashboardPage, queueLink } from './HelpdeskDashboardPage';

const request = vi.fn();
vi.mock('@/lib/graphql', () => ({ request: (...args: unknown[]) => request(...args) }));

function Address() {
  const location = useLocation();
  return <output data-testid="address">{location.pathname + location.search}</output>;
}

beforeEach(() => {
  request.mockReset();
  request.mockImplementation((document: unknown) => {
    if (operationOf(document) !== 'HelpdeskDashboard') return Promise.reject(new Error('unexpected'));
    return Promise.resolve({
      helpdeskDashboard: {
        openTickets: 5,
        openByAge: [
          { key: 'MORE_THAN_7_DAYS', label: 'Plus de 7 jours', tickets: 3 },
          { key: 'LESS_THAN_1_DAY', label: "Moins d'un jour", tickets: 2 },
        ],
        openByCategory: [{ key: 'CAS_CONFIGURATION', label: 'Configuration CAS', tickets: 5 }],
        openByAcademy: [{ key: 'Orléans-Tours', label: 'Orléans-Tours', tickets: 5 }],
        openByEstablishment: [{ key: '0410017W', label: 'Lycée Augustin Thierry', tickets: 5 }],
        establishmentsWithMostTickets: [{ key: '0410017W', label: 'Lycée Augustin Thierry', tickets: 7 }],
        answeredTickets: 4,
        medianFirstAnswerSeconds: 7500,
        meanFirstAnswerSeconds: 93_600,
      },
    });
  });
});

describe('Tableau de bord de l’assistance', () => {
  it('shows the figures, a chart per grouping and the establishments with most tickets', async () => {
    renderScreen(<HelpdeskDashboardPage />, '/assistance/tableau-de-bord');
    expect(await screen.findByText('2 h 05 min')).toBeInTheDocument();
    expect(screen.getByText('1 j 2 h')).toBeInTheDocument();
    const byAge = screen.getByRole('figure', { name: /Par ancienneté/ });
    expect(within(byAge).getAllByRole('row').map((r) => r.textContent)).toEqual(['Libellétickets ouverts', 'Plus de 7 jours3', 'Moins d\'un jour2']);
    const most = screen.getByRole('table', { name: /dix établissements au plus/ });
    expect(within(most).getByRole('link', { name: 'Lycée Augustin Thierry' })).toHaveAttribute('href', '/assistance?etat=ALL&uai=0410017W');
  });

  it('opens the queue filtered on the bar picked', async () => {
    renderScreen(
      <>
        <HelpdeskDashboardPage />
        <Address />
      </>,
      '/assistance/tableau-de-bord',
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Plus de 7 jours : voir ces tickets dans la file d’attente' }));
    expect(screen.getByTestId('address')).toHaveTextContent('/assistance?age=MORE_THAN_SEVEN_DAYS');
    await userEvent.click(screen.getByRole('button', { name: 'Orléans-Tours : voir ces tickets dans la file d’attente' }));
    expect(screen.getByTestId('address')).toHaveTextContent('/assistance?academie=Orl%C3%A9ans-Tours');
  });

  it('gives the queue’s address of a view, defaults left out', () => {
    expect(queueLink({})).toBe('/assistance');
    expect(queueLink({ category: 'EXPORTS' })).toBe('/assistance?categorie=EXPORTS');
  });
});
