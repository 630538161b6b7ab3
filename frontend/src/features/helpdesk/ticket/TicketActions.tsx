import { Alert, Button, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { TicketStatusName } from '@/gql/graphql';
import { messageOf } from '@/lib/errors';
import { request } from '@/lib/graphql';
import type { Agent } from '../agents';
import { AssignTicket, ChangeTicketStatus } from '../api';
import { STATUS_LABELS } from '../labels';

interface Props {
  ticketId: string;
  status: TicketStatusName;
  /** The statuses the API allows from the current one (the workflow's rule). */
  allowed: TicketStatusName[];
  assigneeId: string | null | undefined;
  agents: Agent[];
  onChanged: () => Promise<void>;
}

/** The helpdesk's controls: move the ticket along its workflow, give it to someone. */
export function TicketActions({ ticketId, status, allowed, assigneeId, agents, onChanged }: Props) {
  const [next, setNext] = useState<TicketStatusName | ''>('');
  const me = agents.find((a) => a.me);
  const [agent, setAgent] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: (to: TicketStatusName) => request(ChangeTicketStatus, { ticketId, status: to }),
    onSuccess: async (_, to) => {
      setNext('');
      setDone(`État changé : ${STATUS_LABELS[to]}. Le demandeur est prévenu par courriel.`);
      await onChanged();
    },
  });
  const assign = useMutation({
    mutationFn: (id: string) => request(AssignTicket, { ticketId, assigneeId: id }),
    onSuccess: async (_, id) => {
      setAgent('');
      setDone(id === me?.id ? 'Le ticket vous est attribué.' : `Ticket attribué à ${agents.find((a) => a.id === id)?.name ?? 'l’agent choisi'}.`);
      await onChanged();
    },
  });
  const error = change.error ?? assign.error;
  const chosen = next !== '' && allowed.includes(next) ? next : '';
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="ticket-actions">
      <Stack gap="sm">
        <Title order={2} size="h3" id="ticket-actions">
          Traitement
        </Title>
        {allowed.length === 0 ? (
          <Text size="sm">Ce ticket est à l’état « {STATUS_LABELS[status]} » : il ne change plus d’état.</Text>
        ) : (
          <Group align="end">
            <NativeSelect
              label="Nouvel état"
              value={chosen}
              onChange={(e) => setNext(e.currentTarget.value as TicketStatusName | '')}
              data={[{ value: '', label: 'Choisir…' }, ...allowed.map((s) => ({ value: s, label: STATUS_LABELS[s] }))]}
            />
            <Button disabled={chosen === ''} loading={change.isPending} onClick={() => chosen && change.mutate(chosen)}>
              Changer l’état
            </Button>
          </Group>
        )}
        <Group align="end">
          {me && assigneeId !== me.id && (
            <Button variant="light" loading={assign.isPending && assign.variables === me.id} onClick={() => assign.mutate(me.id)}>
              Me l’attribuer
            </Button>
          )}
          <NativeSelect
            label="Attribuer à"
            value={agent}
            onChange={(e) => setAgent(e.currentTarget.value)}
            data={[{ value: '', label: 'Choisir un agent…' }, ...agents.filter((a) => a.id !== assigneeId).map((a) => ({ value: a.id, label: a.name }))]}
          />
          <Button variant="outline" disabled={agent === ''} loading={assign.isPending && assign.variables === agent} onClick={() => assign.mutate(agent)}>
            Attribuer
          </Button>
        </Group>
        {error && (
          <Alert color="red" role="alert" title="Action impossible">
            {messageOf(error)}
          </Alert>
        )}
        {done && !error && (
          <Text c="green.9" role="status">
            {done}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
