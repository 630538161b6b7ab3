import { Anchor, Badge, Button, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { EmptyState, QueryState } from '@/components/QueryState';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import type { TicketStatusName } from '@/gql/graphql';
import { count, formatDateTime, formatNumber } from '@/lib/format';
import { request } from '@/lib/graphql';
import { AgentsQuery, TicketQueueQuery } from '../api';
import { AGE_LABELS, ageOf, CATEGORY_LABELS, STATUS_COLORS, STATUS_LABELS } from '../labels';
import { agentsOf } from '../agents';
import { activeCount, DEFAULT_FILTERS, filtersToParams, parseFilters, toFilterInput, type QueueFilters } from './filters';
import '../helpdesk.css';

/** The queue is read again this often while it stays open (a fallback until the API pushes changes). */
const REFRESH_MS = 15_000;

/**
 * « File d'attente » of the helpdesk: the tickets of the tenant, oldest
 * first, filtered by status, category, academy, establishment, age and
 * agent (the view is kept in the address), with the count per status.
 */
export function QueuePage() {
  useDocumentTitle('File d’attente de l’assistance');
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(params), [params]);
  const setFilters = (next: QueueFilters) => setParams(filtersToParams(next), { replace: true });
  const input = useMemo(() => toFilterInput(filters), [filters]);
  const query = useInfiniteQuery({
    queryKey: ['ticket-queue', input],
    queryFn: ({ pageParam }) => request(TicketQueueQuery, { filter: input, first: 50, after: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.ticketQueue.hasNextPage ? last.ticketQueue.endCursor : undefined),
    refetchInterval: REFRESH_MS,
  });
  const agents = useQuery({ queryKey: ['helpdesk-agents'], queryFn: () => request(AgentsQuery), staleTime: 300_000 });
  const rows = query.data?.pages.flatMap((p) => p.ticketQueue.rows) ?? [];
  const byStatus = query.data?.pages[0]?.ticketQueue.byStatus ?? [];

  return (
    <Stack>
      <Title order={1}>File d’attente de l’assistance</Title>
      <StatusCounts counts={byStatus} current={filters.status} pick={(status) => setFilters({ ...filters, status })} />
      <Filters filters={filters} setFilters={setFilters} agents={agents.data ? agentsOf(agents.data) : []} />
      <QueryState loading={query.isPending} error={query.error} retry={() => void query.refetch()}>
        {rows.length === 0 ? (
          <EmptyState>Aucun ticket ne correspond à ces filtres.</EmptyState>
        ) : (
          <Table withTableBorder striped>
            <Table.Caption>
              {count(rows.length, 'ticket affiché', 'tickets affichés')}, le plus ancien en premier
              {query.hasNextPage ? ' (d’autres suivent)' : ''}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Ticket</Table.Th>
                <Table.Th scope="col">Établissement</Table.Th>
                <Table.Th scope="col">Académie</Table.Th>
                <Table.Th scope="col">Catégorie</Table.Th>
                <Table.Th scope="col">État</Table.Th>
                <Table.Th scope="col">Ouvert depuis</Table.Th>
                <Table.Th scope="col">Attribué à</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((t) => (
                <Table.Tr key={t.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/tickets/${t.id}`}>
                      {t.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {t.establishmentName} ({t.uai})
                  </Table.Td>
                  <Table.Td>{t.academy ?? '—'}</Table.Td>
                  <Table.Td>{CATEGORY_LABELS[t.category]}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={STATUS_COLORS[t.status]} autoContrast>
                      {STATUS_LABELS[t.status]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <span title={formatDateTime(t.createdAt)}>{ageOf(t.createdAt)}</span>
                  </Table.Td>
                  <Table.Td>{t.assigneeName ?? 'Personne'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {query.hasNextPage && (
          <Button variant="outline" w="fit-content" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
            Afficher les tickets suivants
          </Button>
        )}
      </QueryState>
    </Stack>
  );
}

interface StatusCountsProps {
  counts: { key: string; label: string; tickets: number }[];
  current: QueueFilters['status'];
  pick: (status: QueueFilters['status']) => void;
}

/** The count per status (of the tickets matching the other filters); a click shows that status. */
function StatusCounts({ counts, current, pick }: StatusCountsProps) {
  if (counts.length === 0) return null;
  return (
    <section aria-labelledby="queue-counts">
      <Text fw={700} id="queue-counts" mb={4}>
        Tickets par état
      </Text>
      <Group gap="xs">
        {counts.map((c) => (
          <Button
            key={c.key}
            size="xs"
            variant={current === c.key ? 'filled' : 'light'}
            aria-pressed={current === c.key}
            onClick={() => pick(c.key as TicketStatusName)}
          >
            {STATUS_LABELS[c.key as TicketStatusName] ?? c.label} : {formatNumber(c.tickets)}
          </Button>
        ))}
      </Group>
    </section>
  );
}

interface FiltersProps {
  filters: QueueFilters;
  setFilters: (next: QueueFilters) => void;
  agents: { id: string; name: string; me: boolean }[];
}

function Filters({ filters, setFilters, agents }: FiltersProps) {
  // Academy and UAI are typed: the address follows when the form is sent.
  const [academy, setAcademy] = useState(filters.academy);
  const [uai, setUai] = useState(filters.uai);
  useEffect(() => setAcademy(filters.academy), [filters.academy]);
  useEffect(() => setUai(filters.uai), [filters.uai]);
  function submit(event: FormEvent) {
    event.preventDefault();
    setFilters({ ...filters, academy: academy.trim(), uai: uai.trim().toUpperCase() });
  }
  const active = activeCount(filters);
  return (
    <form className="helpdesk-filters" aria-label="Filtres de la file d’attente" onSubmit={submit}>
      <NativeSelect
        label="État"
        value={filters.status}
        onChange={(e) => setFilters({ ...filters, status: e.currentTarget.value as QueueFilters['status'] })}
        data={[
          { value: 'OPEN_ONLY', label: 'À traiter (ni résolus ni fermés)' },
          { value: 'ALL', label: 'Tous' },
          ...Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label })),
        ]}
      />
      <NativeSelect
        label="Catégorie"
        value={filters.category}
        onChange={(e) => setFilters({ ...filters, category: e.currentTarget.value as QueueFilters['category'] })}
        data={[{ value: '', label: 'Toutes' }, ...Object.entries(CATEGORY_LABELS).map(([value, label]) => ({ value, label }))]}
      />
      <NativeSelect
        label="Ancienneté"
        value={filters.age}
        onChange={(e) => setFilters({ ...filters, age: e.currentTarget.value as QueueFilters['age'] })}
        data={[{ value: '', label: 'Toutes' }, ...Object.entries(AGE_LABELS).map(([value, label]) => ({ value, label }))]}
      />
      <NativeSelect
        label="Attribution"
        value={filters.assignee}
        onChange={(e) => setFilters({ ...filters, assignee: e.currentTarget.value })}
        data={[
          { value: '', label: 'Tous les tickets' },
          { value: 'moi', label: 'Mes tickets' },
          { value: 'personne', label: 'Non attribués' },
          ...agents.filter((a) => !a.me).map((a) => ({ value: a.id, label: a.name })),
        ]}
      />
      <TextInput label="Académie" placeholder="Orléans-Tours" value={academy} onChange={(e) => setAcademy(e.currentTarget.value)} />
      <TextInput label="UAI de l’établissement" placeholder="0410017W" value={uai} onChange={(e) => setUai(e.currentTarget.value)} />
      <Group align="end" gap="xs">
        <Button type="submit">Filtrer</Button>
        {active > 0 && (
          <Button variant="subtle" onClick={() => setFilters(DEFAULT_FILTERS)}>
            Effacer les filtres ({active})
          </Button>
        )}
      </Group>
    </form>
  );
}
