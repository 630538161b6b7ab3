import { Alert, Badge, Button, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { EmptyState, QueryState } from '@/components/QueryState';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import type { OutboxStatusName } from '@/gql/graphql';
import { messageOf } from '@/lib/errors';
import { count, formatDateTime } from '@/lib/format';
import { request } from '@/lib/graphql';
import { OutboxMessagesQuery, RequeueOutboxMessageMutation } from '../api';
import '../operations.css';
import { Notice } from '@/components/Notice';

const STATUS: Record<OutboxStatusName, { label: string; color: string }> = {
  PENDING: { label: 'En file d’attente', color: 'blue' },
  SENT: { label: 'Envoyé', color: 'green' },
  FAILED: { label: 'En échec', color: 'red' },
};

const KIND: Record<string, string> = {
  TICKET_OPENED: 'Ticket ouvert',
  TICKET_COMMENTED: 'Réponse à un ticket',
  TICKET_STATUS_CHANGED: 'Changement d’état d’un ticket',
  TICKET_ACKNOWLEDGED: 'Accusé de réception d’un ticket',
  PASSWORD_RESET: 'Réinitialisation du mot de passe',
};

function isStatus(value: string | null): value is OutboxStatusName {
  return value === 'PENDING' || value === 'SENT' || value === 'FAILED';
}

export function OutboxPage() {
  useDocumentTitle('Courriels');
  const [params, setParams] = useSearchParams();
  const raw = params.get('etat');
  const status = isStatus(raw) ? raw : null;
  const client = useQueryClient();
  const [requeued, setRequeued] = useState<string | null>(null);
  const query = useInfiniteQuery({
    queryKey: ['outbox', status],
    queryFn: ({ pageParam }) => request(OutboxMessagesQuery, { status, after: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.outboxMessages.pageInfo.hasNextPage ? last.outboxMessages.pageInfo.endCursor : undefined),
  });
  const requeue = useMutation({
    mutationFn: (message: { id: string; subject: string }) => request(RequeueOutboxMessageMutation, { id: message.id }),
    onSuccess: async (_, message) => {
      setRequeued(`Le courriel « ${message.subject} » est remis en file d’attente : il part au prochain passage de l’envoi.`);
      await client.invalidateQueries({ queryKey: ['outbox'] });
    },
    onError: async () => {
      setRequeued(null);
      await client.invalidateQueries({ queryKey: ['outbox'] });
    },
  });
  const rows = query.data?.pages.flatMap((p) => p.outboxMessages.nodes) ?? [];

  return (
    <Stack>
      <Title order={1}>Courriels</Title>
      <Text>
        Les courriels envoyés par Relais (tickets, comptes), avec leurs tentatives et la dernière erreur. Un courriel en échec a été abandonné après plusieurs
        tentatives ou refusé par le serveur de messagerie : corrigez la cause (configuration SMTP, adresse), puis renvoyez-le.
      </Text>
      <Group align="end">
        <NativeSelect
          label="État"
          value={status ?? ''}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setRequeued(null);
            setParams(value ? { etat: value } : {}, { replace: true });
          }}
          data={[
            { value: '', label: 'Tous' },
            { value: 'FAILED', label: 'En échec' },
            { value: 'PENDING', label: 'En file d’attente' },
            { value: 'SENT', label: 'Envoyés' },
          ]}
        />
      </Group>
      <div aria-live="polite">
        {requeued && (
          <Notice color="green">
            {requeued}
          </Notice>
        )}
      </div>
      {requeue.error && (
        <Alert color="red" role="alert" title="Renvoi refusé">
          {messageOf(requeue.error)}
        </Alert>
      )}
      <QueryState loading={query.isPending} error={query.error} retry={() => void query.refetch()}>
        {rows.length === 0 ? (
          <EmptyState>{status === 'FAILED' ? 'Aucun courriel en échec.' : 'Aucun courriel.'}</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={1000}>
            <Table striped>
              <Table.Caption>
                {count(rows.length, 'courriel affiché', 'courriels affichés')}
                {query.hasNextPage ? ' (d’autres suivent)' : ''}, du plus récent au plus ancien
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Créé le</Table.Th>
                  <Table.Th scope="col">Objet</Table.Th>
                  <Table.Th scope="col">Destinataires</Table.Th>
                  <Table.Th scope="col">État</Table.Th>
                  <Table.Th scope="col">Tentatives</Table.Th>
                  <Table.Th scope="col">Dernière erreur</Table.Th>
                  <Table.Th scope="col">Action</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>{formatDateTime(m.createdAt)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{m.subject}</Text>
                      <Text size="xs" c="dimmed">
                        {KIND[m.kind] ?? m.kind}
                      </Text>
                    </Table.Td>
                    <Table.Td className="ops-mono">{m.to.join(', ')}</Table.Td>
                    <Table.Td>
                      <Badge className="ops-badge" color={STATUS[m.status].color} variant="light">
                        {STATUS[m.status].label}
                      </Badge>
                      <Text size="xs" c="dimmed">
                        {m.status === 'SENT' && m.sentAt ? `le ${formatDateTime(m.sentAt)}` : null}
                        {m.status === 'PENDING' ? `prochain essai le ${formatDateTime(m.nextAttemptAt)}` : null}
                      </Text>
                    </Table.Td>
                    <Table.Td>{m.attempts}</Table.Td>
                    <Table.Td className="ops-mono">{m.lastError ?? '—'}</Table.Td>
                    <Table.Td>
                      {m.status === 'FAILED' ? (
                        <Button
                          size="xs"
                          variant="outline"
                          aria-label={`Renvoyer le courriel « ${m.subject} » à ${m.to.join(', ')}`}
                          loading={requeue.isPending && requeue.variables?.id === m.id}
                          onClick={() => requeue.mutate({ id: m.id, subject: m.subject })}
                        >
                          Renvoyer
                        </Button>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {query.hasNextPage && (
          <Button variant="outline" w="fit-content" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
            Afficher les courriels suivants
          </Button>
        )}
      </QueryState>
    </Stack>
  );
}
