import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/errors';
import { operationOf, renderScreen } from '@/test/render';
import { AuditJournalPage } from './AuditJournalPage';

const request = vi.fn();
vi.mock('@/lib/graphql', () => ({ request: (...args: unknown[]) => request(...args) }));

const at = '2026-12-04T10:00:00Z';
const entries = [
  { id: 'a3', createdAt: at, actorEmail: 'operateur@alpha.test', action: 'PASSWORD_RESET_REQUESTED', actionLabel: 'Réinitialisation du mot de passe demandée', targetType: 'USER', targetId: 'u1', baseId: null, summary: 'Lien envoyé à jeanne@alpha.test.' },
  { id: 'a2', createdAt: at, actorEmail: 'ecole@alpha.test', action: 'TICKET_OPENED', actionLabel: 'Ticket ouvert', targetType: 'TICKET', targetId: 't1', baseId: 'b1', summary: 'CAS_CONFIGURATION' },
  { id: 'a1', createdAt: at, actorEmail: null, action: 'TENANT_CREATED', actionLabel: 'Opérateur créé', targetType: 'TENANT', targetId: 'x', baseId: null, summary: 'alpha' },
];

function Where() {
  const location = useLocation();
  return <p data-testid="where">{location.pathname + location.search}</p>;
}

let callerRole = 'OPERATOR_ADMIN';

beforeEach(() => {
  callerRole = 'OPERATOR_ADMIN';
  request.mockReset();
  request.mockImplementation((document: unknown, variables: { filter?: { action?: string | null; actorEmail?: string | null } }) => {
    const name = operationOf(document);
    if (name === 'AuditCaller') return Promise.resolve({ me: { role: callerRole }, tenants: { nodes: [{ id: 't1', name: 'Alpha' }, { id: 't2', name: 'Beta' }] } });
    if (name === 'AuditActions') return Promise.resolve({ auditActions: [{ code: 'TICKET_OPENED', label: 'Ticket ouvert' }, { code: 'USER_CREATED', label: 'Compte créé' }] });
    if (name === 'AuditJournal') {
      const f = variables.filter ?? {};
      if (f.actorEmail === 'pas-une-adresse') {
        return Promise.reject(new ApiError({ message: '« pas-une-adresse » n’est pas une adresse e-mail valide.', extensions: { code: 'VALIDATION', field: 'filter.actorEmail' } }));
      }
      const nodes = entries.filter((e) => !f.action || e.action === f.action);
      return Promise.resolve({ auditEvents: { pageInfo: { hasNextPage: false, endCursor: null }, nodes } });
    }
    return Promise.reject(new Error(`unexpected ${name}`));
  });
});

function renderJournal(at: string) {
  return renderScreen(
    <Routes>
      <Route path="/journal" element={<AuditJournalPage />} />
      <Route path="*" element={<Where />} />
    </Routes>,
    at,
  );
}

describe('Journal d’audit', () => {
  it('asks the server with the address’s filters and shows who did what', async () => {
    renderJournal('/journal?action=TICKET_OPENED');
    const table = await screen.findByRole('table', { name: /1 entrée affichée/ });
    expect(within(table).getByText('Ticket ouvert').closest('tr')).toHaveTextContent('ecole@alpha.test');
    const call = request.mock.calls.find(([d]) => operationOf(d) === 'AuditJournal')!;
    expect(call[1].filter).toMatchObject({ action: 'TICKET_OPENED', actorEmail: null, targetType: null });
    expect(await screen.findByLabelText('Action')).toHaveValue('TICKET_OPENED');
  });

  it('applies the form’s filters on « Filtrer » and names the command line', async () => {
    renderJournal('/journal');
    const table = await screen.findByRole('table', { name: /3 entrées affichées/ });
    expect(within(table).getByText('Opérateur créé').closest('tr')).toHaveTextContent('Ligne de commande');
    await screen.findByRole('option', { name: 'Compte créé' });
    await userEvent.selectOptions(screen.getByLabelText('Action'), 'TICKET_OPENED');
    await userEvent.click(screen.getByRole('button', { name: 'Filtrer' }));
    expect(await screen.findByRole('table', { name: /1 entrée affichée/ })).toBeInTheDocument();
  });

  it('shows the API’s message for a bad filter', async () => {
    renderJournal('/journal?acteur=pas-une-adresse');
    expect(await screen.findByText('« pas-une-adresse » n’est pas une adresse e-mail valide.')).toBeInTheDocument();
  });

  it('links an entry to its object', async () => {
    renderJournal('/journal');
    await screen.findByRole('table');
    expect(screen.getByRole('link', { name: /^Voir le ticket/ })).toHaveAttribute('href', '/bases/b1/assistance');
    await userEvent.click(screen.getByRole('link', { name: /^Voir le compte/ }));
    expect(screen.getByTestId('where')).toHaveTextContent('/utilisateurs?compte=u1');
  });

  it('lets a platform administrator narrow the journal to one operator; an operator has no such choice', async () => {
    renderJournal('/journal');
    await screen.findByRole('table');
    expect(screen.queryByLabelText('Opérateur')).not.toBeInTheDocument();
    request.mockClear();
    callerRole = 'PLATFORM_ADMIN';
    renderJournal('/journal?operateur=t2');
    await screen.findByRole('option', { name: 'Beta' });
    expect(screen.getByLabelText('Opérateur')).toHaveValue('t2');
    const call = request.mock.calls.find(([d]) => operationOf(d) === 'AuditJournal')!;
    expect(call[1].tenantId).toBe('t2');
  });
});
