import { Anchor, Button, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { EmptyState, QueryState } from '@/components/QueryState';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { count, formatDateTime } from '@/lib/format';
import { request } from '@/lib/graphql';
import { AuditActionsQuery, AuditCallerQuery, AuditJournalQuery } from './api';
import { TARGET_TYPES, objectLink, readFilters, targetLabel, toApiFilter, writeFilters, type JournalFilters } from './filters';

/** « Journal d'audit »: who did what to what and when, filtered on the server; an entry links to its object. */
export function AuditJournalPage() {
  useDocumentTitle('Journal d’audit');
  const [params, setParams] = useSearchParams();
  const applied = readFilters(params);
  const [form, setForm] = useState<JournalFilters>(applied);
  const actions = useQuery({ queryKey: ['audit', 'actions'], queryFn: () => request(AuditActionsQuery), staleTime: Infinity });
  const caller = useQuery({ queryKey: ['audit', 'caller'], queryFn: () => request(AuditCallerQuery), staleTime: Infinity });
  const platform = caller.data?.me.role === 'PLATFORM_ADMIN';
  const filter = toApiFilter(applied);
  const tenantId = applied.operateur || null;
  const journal = useInfiniteQuery({
    queryKey: ['audit', 'journal', filter, tenantId],
    queryFn: ({ pageParam }) => request(AuditJournalQuery, { filter, tenantId, after: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.auditEvents.pageInfo.hasNextPage ? last.auditEvents.pageInfo.endCursor : undefined),
  });
  const rows = journal.data?.pages.flatMap((p) => p.auditEvents.nodes) ?? [];
  const set = (key: keyof JournalFilters) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setForm((f) => ({ ...f, [key]: value }));
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    setParams(writeFilters(form), { replace: true });
  }

  function clear() {
    const empty = { acteur: '', action: '', type: '', objet: '', du: '', au: '', operateur: '' };
    setForm(empty);
    setParams({}, { replace: true });
  }

  return (
    <Stack>
      <Title order={1}>Journal d’audit</Title>
      <Text>Ce qui a été fait sur l’opérateur, par qui et quand, du plus récent au plus ancien. Chaque entrée mène à son objet quand la console le montre.</Text>
      <form onSubmit={submit} aria-label="Filtres du journal">
        <Group align="end">
          {platform && (
            <NativeSelect
              label="Opérateur"
              value={form.operateur}
              onChange={set('operateur')}
              data={[{ value: '', label: 'Tous' }, ...(caller.data?.tenants.nodes ?? []).map((t) => ({ value: t.id, label: t.name }))]}
            />
          )}
          <TextInput label="Personne" description="Adresse e-mail" type="email" value={form.acteur} onChange={set('acteur')} />
          <NativeSelect
            label="Action"
            value={form.action}
            onChange={set('action')}
            data={[{ value: '', label: 'Toutes' }, ...(actions.data?.auditActions ?? []).map((a) => ({ value: a.code, label: a.label }))]}
          />
          <NativeSelect
            label="Objet"
            value={form.type}
            onChange={set('type')}
            data={[{ value: '', label: 'Tous' }, ...Object.entries(TARGET_TYPES).map(([value, label]) => ({ value, label }))]}
          />
          <TextInput label="Identifiant de l’objet" value={form.objet} onChange={set('objet')} disabled={!form.type} />
          <TextInput label="Du" type="date" value={form.du} onChange={set('du')} />
          <TextInput label="Au" type="date" value={form.au} onChange={set('au')} />
          <Button type="submit">Filtrer</Button>
          <Button variant="subtle" onClick={clear}>
            Effacer les filtres
          </Button>
        </Group>
      </form>
      <QueryState loading={journal.isPending} error={journal.error} retry={() => void journal.refetch()}>
        {rows.length === 0 ? (
          <EmptyState>Aucune entrée ne correspond à ces filtres.</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={1000}>
            <Table striped>
              <Table.Caption>
                {count(rows.length, 'entrée affichée', 'entrées affichées')}
                {journal.hasNextPage ? ' (d’autres suivent)' : ''}, de la plus récente à la plus ancienne
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Date</Table.Th>
                  <Table.Th scope="col">Personne</Table.Th>
                  <Table.Th scope="col">Action</Table.Th>
                  <Table.Th scope="col">Détail</Table.Th>
                  <Table.Th scope="col">Objet</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((e) => {
                  const link = objectLink(e);
                  return (
                    <Table.Tr key={e.id}>
                      <Table.Td>{formatDateTime(e.createdAt)}</Table.Td>
                      <Table.Td>{e.actorEmail ?? 'Ligne de commande'}</Table.Td>
                      <Table.Td>{e.actionLabel}</Table.Td>
                      <Table.Td>{e.summary || '—'}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{targetLabel(e.targetType)}</Text>
                        {link && (
                          <Anchor underline="always" component={Link} to={link.to} size="sm" aria-label={`${link.label} : ${e.actionLabel}, le ${formatDateTime(e.createdAt)}`}>
                            {link.label}
                          </Anchor>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {journal.hasNextPage && (
          <Button variant="outline" w="fit-content" onClick={() => void journal.fetchNextPage()} loading={journal.isFetchingNextPage}>
            Afficher les entrées suivantes
          </Button>
        )}
      </QueryState>
    </Stack>
  );
}
