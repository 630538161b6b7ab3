import { Anchor, Badge, Button, Group, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { EmptyState, QueryState } from '@/components/QueryState';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { count } from '@/lib/format';
import { request } from '@/lib/graphql';
import { EstablishmentAdminCallerQuery, ManagedEstablishmentsQuery } from './api';
import { CreateEstablishmentForm } from './CreateEstablishmentForm';
import { searchFilter } from './uai';

export function StatusBadge({ status }: { status: 'OPEN' | 'CLOSED' }) {
  return (
    <Badge color={status === 'OPEN' ? 'green' : 'gray'} variant="light">
      {status === 'OPEN' ? 'Ouvert' : 'Fermé'}
    </Badge>
  );
}

/**
 * « Gestion des établissements » (issue 17): the operator's establishments,
 * searched by UAI or name through the API's filter, a page at a time;
 * « Créer un établissement »; each row opens the establishment's page.
 */
export function EstablishmentsAdminPage() {
  useDocumentTitle('Gestion des établissements');
  const [params, setParams] = useSearchParams();
  const search = params.get('recherche') ?? '';
  const [typed, setTyped] = useState(search);
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const client = useQueryClient();
  const caller = useQuery({ queryKey: ['establishment-admin', 'caller'], queryFn: () => request(EstablishmentAdminCallerQuery) });
  const platform = caller.data?.me.role === 'PLATFORM_ADMIN';
  const filter = searchFilter(search);
  const list = useInfiniteQuery({
    queryKey: ['establishment-admin', 'list', filter],
    queryFn: ({ pageParam }) => request(ManagedEstablishmentsQuery, { filter, after: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.establishments.pageInfo.hasNextPage ? last.establishments.pageInfo.endCursor : undefined),
  });
  const rows = list.data?.pages.flatMap((p) => p.establishments.nodes) ?? [];
  const more = list.hasNextPage;

  function submit(event: FormEvent) {
    event.preventDefault();
    const value = typed.trim();
    setParams(value ? { recherche: value } : {}, { replace: true });
  }

  return (
    <Stack>
      <Title order={1}>Gestion des établissements</Title>
      <Text>
        Les établissements de l’opérateur : créez-en un, modifiez-le, fermez-le ou rouvrez-le, et confiez-le à ses administrateurs d’établissement. Pour en
        créer ou modifier beaucoup à la fois, <Anchor component={Link} to="/etablissements/import" underline="always">importez un fichier CSV</Anchor>.
      </Text>
      {creating ? (
        <CreateEstablishmentForm
          platform={platform}
          onCancel={() => setCreating(false)}
          onCreated={(created) => {
            void client.invalidateQueries({ queryKey: ['establishment-admin', 'list'] });
            navigate(`/etablissements/gestion/${created.id}`, { state: { created: `L’établissement ${created.uai} — ${created.name} est créé.` } });
          }}
        />
      ) : (
        <Button w="fit-content" onClick={() => setCreating(true)} disabled={!caller.data}>
          Créer un établissement
        </Button>
      )}
      <form onSubmit={submit} role="search" aria-label="Recherche d’établissements">
        <Group align="end">
          <TextInput
            label="Rechercher un établissement"
            description="Début du code UAI (ex. 041) ou mots du nom"
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
          />
          <Button type="submit" variant="outline">
            Rechercher
          </Button>
          {search && (
            <Button
              variant="subtle"
              onClick={() => {
                setTyped('');
                setParams({}, { replace: true });
              }}
            >
              Effacer la recherche
            </Button>
          )}
        </Group>
      </form>
      <QueryState loading={list.isPending} error={list.error} retry={() => void list.refetch()}>
        {rows.length === 0 ? (
          <EmptyState>{search ? `Aucun établissement ne correspond à « ${search} ».` : 'Aucun établissement : créez-en un ou importez un fichier CSV.'}</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover>
              <Table.Caption>
                {count(rows.length, 'établissement affiché', 'établissements affichés')}
                {more ? ' (d’autres suivent)' : ''}
                {search ? ` pour « ${search} »` : ''}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">UAI</Table.Th>
                  <Table.Th scope="col">Nom</Table.Th>
                  <Table.Th scope="col">Type</Table.Th>
                  <Table.Th scope="col">Commune</Table.Th>
                  <Table.Th scope="col">Académie</Table.Th>
                  {platform && <Table.Th scope="col">Opérateur</Table.Th>}
                  <Table.Th scope="col">État</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={row.id}>
                    <Table.Td>{row.uai}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/etablissements/gestion/${row.id}`}>
                        {row.name}
                        <VisuallyHidden> ({row.uai})</VisuallyHidden>
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{row.kindLabel}</Table.Td>
                    <Table.Td>{row.commune ?? '—'}</Table.Td>
                    <Table.Td>{row.academy ?? '—'}</Table.Td>
                    {platform && <Table.Td>{row.tenant?.name ?? '—'}</Table.Td>}
                    <Table.Td>
                      <StatusBadge status={row.status} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {more && (
          <Button variant="outline" w="fit-content" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            Afficher plus d’établissements
          </Button>
        )}
      </QueryState>
    </Stack>
  );
}
