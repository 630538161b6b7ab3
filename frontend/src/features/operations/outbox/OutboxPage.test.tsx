import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/errors';
import { operationOf, renderScreen } from '@/test/screen';
import { OutboxPage } from './OutboxPage';

const request = vi.fn();
vi.mock('@/lib/graphql', () => ({ request: (...args: unknown[]) => request(...args) }));

const at = '2026-12-04T10:00:00Z';
let messages = [
  { id: 'm1', kind: 'TICKET_OPENED', to: ['assistance@alpha.test'], subject: 'Nouveau ticket', status: 'FAILED', attempts: 5, lastError: '550 boîte inconnue', nextAttemptAt: at, sentAt: null, createdAt: at },
  { id: 'm2', kind: 'PASSWORD_RESET', to: ['jeanne@alpha.test'], subject: 'Votre mot de passe', status: 'SENT', attempts: 1, lastError: null, nextAttemptAt: at, sentAt: at, createdAt: at },
];

beforeEach(() => {
  messages = messages.map((m) => (m.id === 'm1' ? { ...m, status: 'FAILED', attempts: 5 } : m));
  request.mockReset();
  request.mockImplementation((document: unknown, variables: { status?: string | null; id?: string }) => {
    const name = operationOf(document);
    if (name === 'OutboxMessages') {
      const nodes = messages.filter((m) => !variables.status || m.status === variables.status);
      return Promise.resolve({ outboxMessages: { pageInfo: { hasNextPage: false, endCursor: null }, nodes } });
    }
    if (name === 'RequeueOutboxMessage') {
      const m = messages.find((x) => x.id === variables.id)!;
      if (m.status !== 'FAILED') {
        return Promise.reject(new ApiError({ message: 'Seul un courriel en échec peut être renvoyé.', extensions: { code: 'CONFLICT', field: 'id' } }));
      }
      m.status = 'PENDING';
      m.attempts = 0;
      return Promise.resolve({ requeueOutboxMessage: { id: m.id, status: 'PENDING', attempts: 0, lastError: m.lastError, nextAttemptAt: at } });
    }
    return Promise.reject(new Error(`unexpected ${name}`));
  });
});

describe('Courriels', () => {
  it('shows status, attempts and last error, and filters the failed ones from the address', async () => {
    renderScreen(<OutboxPage />, '/courriels?etat=FAILED');
    const table = await screen.findByRole('table', { name: /1 courriel affiché/ });
    const row = within(table).getByText('Nouveau ticket').closest('tr')!;
    expect(row).toHaveTextContent('En échec');
    expect(row).toHaveTextContent('5');
    expect(row).toHaveTextContent('550 boîte inconnue');
    expect(screen.getByLabelText('État')).toHaveValue('FAILED');
    expect(within(table).queryByText('Votre mot de passe')).not.toBeInTheDocument();
  });

  it('requeues a failed e-mail and says so; only failed ones offer it', async () => {
    renderScreen(<OutboxPage />, '/courriels');
    const table = await screen.findByRole('table', { name: /2 courriels affichés/ });
    expect(within(table).getAllByRole('button', { name: /^Renvoyer/ })).toHaveLength(1);
    await userEvent.click(within(table).getByRole('button', { name: 'Renvoyer le courriel « Nouveau ticket » à assistance@alpha.test' }));
    expect(await screen.findByText(/Le courriel « Nouveau ticket » est remis en file d’attente/)).toBeInTheDocument();
    expect(request.mock.calls.some(([d, v]) => operationOf(d) === 'RequeueOutboxMessage' && v.id === 'm1')).toBe(true);
    const row = (await within(table).findByText('En file d’attente')).closest('tr')!;
    expect(row).toHaveTextContent('Nouveau ticket');
    expect(within(table).queryAllByRole('button', { name: /^Renvoyer/ })).toHaveLength(0);
  });
});
