import { Anchor, Badge, Button, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { EmptyState, QueryState } from '@/components/QueryState';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import type { MyEstablishmentsQuery as Result } from '@/gql/graphql';
import { count } from '@/lib/format';
import { request } from '@/lib/graphql';
import { MyEstablishmentsQuery } from '../api/queries';

type Row = Result['establishments']['nodes'][number];

function severities(row: Row) {
  const findings = row.base?.diagnostics ?? [];
  return {
    errors: findings.filter((f) => f.severity === 'ERROR').length,
    warnings: findings.filter((f) => f.severity === 'WARNING').length,
    infos: findings.filter((f) => f.severity === 'INFO').length,
  };
}

export function MyEstablishmentsPage() {
  useDocumentTitle('Mes établissements');
  const query = useInfiniteQuery({
    queryKey: ['my-establishments'],
    queryFn: ({ pageParam }) => request(MyEstablishmentsQuery, { after: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) =>
      last.establishments.pageInfo.hasNextPage ? last.establishments.pageInfo.endCursor : undefined,
  });
  const rows = query.data?.pages.flatMap((page) => page.establishments.nodes) ?? [];

  return (
    <Stack>
      <Title order={1}>Mes établissements</Title>
      <QueryState loading={query.isPending} error={query.error} retry={() => void query.refetch()}>
        {rows.length === 0 ? (
          <EmptyState>Aucun établissement ne vous est attribué : demandez-le à votre opérateur.</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={800}>
            <Table striped highlightOnHover>
              <Table.Caption>{count(rows.length, 'établissement', 'établissements')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Établissement</Table.Th>
                  <Table.Th scope="col">Base</Table.Th>
                  <Table.Th scope="col">Hébergement</Table.Th>
                  <Table.Th scope="col">Publication</Table.Th>
                  <Table.Th scope="col">Année scolaire</Table.Th>
                  <Table.Th scope="col">Constats</Table.Th>
                  <Table.Th scope="col">Modèle</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => {
                  const s = severities(row);
                  const base = row.base;
                  return (
                    <Table.Tr key={row.id}>
                      <Table.Td>
                        <Text fw={600}>{row.name}</Text>
                        <Text size="sm" c="dimmed">
                          {row.uai} · {row.kindLabel}
                          {row.commune ? ` · ${row.commune}` : ''}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {base ? (
                          <Anchor component={Link} to={`/bases/${base.id}`}>
                            Base {base.groupUai}
                            <VisuallyHidden> de {row.name}</VisuallyHidden>
                          </Anchor>
                        ) : (
                          <Text c="dimmed">Aucune base</Text>
                        )}
                      </Table.Td>
                      <Table.Td>{base?.hostingLabel ?? '—'}</Table.Td>
                      <Table.Td>
                        {base ? (
                          <Badge color={base.publication === 'PUBLISHED' ? 'green' : 'gray'} variant="light">
                            {base.publication === 'PUBLISHED' ? 'Publiée' : 'Arrêtée'}
                          </Badge>
                        ) : (
                          '—'
                        )}
                      </Table.Td>
                      <Table.Td>{base?.schoolYear ?? '—'}</Table.Td>
                      <Table.Td>
                        {base ? (
                          <Group gap={4}>
                            {s.errors > 0 && (
                              <Badge color="red" variant="light">
                                {count(s.errors, 'erreur', 'erreurs')}
                              </Badge>
                            )}
                            {s.warnings > 0 && (
                              <Badge color="orange" variant="light">
                                {count(s.warnings, 'avertissement', 'avertissements')}
                              </Badge>
                            )}
                            {s.infos > 0 && (
                              <Badge color="blue" variant="light">
                                {count(s.infos, 'information', 'informations')}
                              </Badge>
                            )}
                            {s.errors + s.warnings + s.infos === 0 && <Text size="sm">Aucun</Text>}
                          </Group>
                        ) : (
                          '—'
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {base?.model?.pendingUpdate && (
                            <Badge color="violet" variant="light">
                              Mise à jour du modèle
                            </Badge>
                          )}
                          {base?.model && base.model.drift.length > 0 && (
                            <Badge color="orange" variant="light">
                              Non conforme au modèle
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {query.hasNextPage && (
          <Button variant="outline" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage} w="fit-content">
            Afficher plus d’établissements
          </Button>
        )}
      </QueryState>
    </Stack>
  );
}
