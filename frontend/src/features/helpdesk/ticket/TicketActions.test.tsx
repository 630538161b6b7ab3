import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/errors';
import { operationOf, renderScreen } from '@/test/render';
import { TicketActions } from './TicketActions';

const request = vi.fn();
vi.mock('@/lib/graphql', () => ({ request: (...args: unknown[]) => request(...args) }));

const agents = [
  { id: 'me', name: 'Agnès Agent (agnes@alpha.test)', me: true },
  { id: 'op', name: 'Olivier Opérateur (olivier@alpha.test)', me: false },
];
const onChanged = vi.fn(() => Promise.resolve());

beforeEach(() => {
  request.mockReset();
  onChanged.mockClear();
  request.mockImplementation((document: unknown, variables: { status?: string; assigneeId?: string }) => {
    const name = operationOf(document);
    if (name === 'ChangeTicketStatus') return Promise.resolve({ changeTicketStatus: { id: 't1', status: variables.status } });
    if (name === 'AssignTicket') return Promise.resolve({ assignTicket: { id: 't1', assigneeId: variables.assigneeId } });
    return Promise.reject(new Error(`unexpected ${name}`));
  });
});

describe('Traitement d’un ticket', () => {
  it('offers only the transitions the API allows, and moves the ticket', async () => {
    renderScreen(<TicketActions ticketId="t1" status="RESOLVED" allowed={['IN_PROGRESS', 'CLOSED']} assigneeId={null} agents={agents} onChanged={onChanged} />);
    const select = screen.getByLabelText('Nouvel état');
    const options = within(select)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).toEqual(['Choisir…', 'En cours de traitement', 'Fermée']);
    const button = screen.getByRole('button', { name: 'Changer l’état' });
    expect(button).toBeDisabled();
    await userEvent.selectOptions(select, 'CLOSED');
    await userEvent.click(button);
    expect(await screen.findByText(/État changé : Fermée/)).toBeInTheDocument();
    expect(request).toHaveBeenCalledWith(expect.anything(), { ticketId: 't1', status: 'CLOSED' });
    expect(onChanged).toHaveBeenCalled();
  });

  it('offers no transition on a closed ticket', () => {
    renderScreen(<TicketActions ticketId="t1" status="CLOSED" allowed={[]} assigneeId={null} agents={agents} onChanged={onChanged} />);
    expect(screen.queryByLabelText('Nouvel état')).not.toBeInTheDocument();
    expect(screen.getByText('Ce ticket est à l’état « Fermée » : il ne change plus d’état.')).toBeInTheDocument();
  });

  it('gives the ticket to me or to another agent, never twice to the same', async () => {
    renderScreen(<TicketActions ticketId="t1" status="OPEN" allowed={['IN_PROGRESS']} assigneeId={null} agents={agents} onChanged={onChanged} />);
    await userEvent.click(screen.getByRole('button', { name: 'Me l’attribuer' }));
    expect(await screen.findByText('Le ticket vous est attribué.')).toBeInTheDocument();
    expect(request).toHaveBeenCalledWith(expect.anything(), { ticketId: 't1', assigneeId: 'me' });

    renderScreen(<TicketActions ticketId="t2" status="OPEN" allowed={['IN_PROGRESS']} assigneeId="me" agents={agents} onChanged={onChanged} />);
    const [, second] = screen.getAllByLabelText('Attribuer à');
    expect(within(second!).queryByRole('option', { name: /Agnès/ })).not.toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: 'Me l’attribuer' })).toHaveLength(1);
  });

  it('says why the API refused a change', async () => {
    request.mockImplementation(() => Promise.reject(new ApiError({ message: 'Une demande « Fermée » ne peut pas passer à « Ouverte ».', extensions: { code: 'VALIDATION', field: 'status' } })));
    renderScreen(<TicketActions ticketId="t1" status="OPEN" allowed={['RESOLVED']} assigneeId={null} agents={agents} onChanged={onChanged} />);
    await userEvent.selectOptions(screen.getByLabelText('Nouvel état'), 'RESOLVED');
    await userEvent.click(screen.getByRole('button', { name: 'Changer l’état' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('ne peut pas passer');
    expect(onChanged).not.toHaveBeenCalled();
  });
});
