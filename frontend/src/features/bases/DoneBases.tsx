import { Anchor, Button, Stack, Table } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { EmptyState, QueryState } from '@/components/QueryState';
import { count } from '@/lib/format';
import { request } from '@/lib/graphql';
import { BasesFromYearQuery } from './api';

const PUBLICATION: Record<string, string> = { PUBLISHED: 'Publiée', STOPPED: 'Non publiée' };

/** The bases of the operator that did the rentrée of `schoolYear`, asked for when opened. */
export function DoneBases({ schoolYear }: { schoolYear: string }) {
  const [open, setOpen] = useState(false);
  const done = useInfiniteQuery({
    queryKey: ['bases', 'done', schoolYear],
    queryFn: ({ pageParam }) => request(BasesFromYearQuery, { schoolYear, after: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.bases.pageInfo.hasNextPage ? last.bases.pageInfo.endCursor : undefined),
    enabled: open,
  });
  const rows = done.data?.pages.flatMap((p) => p.bases.nodes) ?? [];
  return (
    <Stack gap="xs">
      <Button variant="subtle" w="fit-content" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {open ? 'Masquer les bases ayant fait la rentrée' : `Bases ayant fait la rentrée ${schoolYear}`}
      </Button>
      {open && (
        <QueryState loading={done.isPending} error={done.error} retry={() => void done.refetch()}>
          {rows.length === 0 ? (
            <EmptyState>Aucune base n’a encore fait sa rentrée {schoolYear}.</EmptyState>
          ) : (
            <Table>
              <Table.Caption>
                {count(rows.length, 'base a', 'bases ont')} fait la rentrée {schoolYear}
                {done.hasNextPage ? ' (d’autres suivent)' : ''}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Base</Table.Th>
                  <Table.Th scope="col">Année scolaire</Table.Th>
                  <Table.Th scope="col">Version de PRONOTE</Table.Th>
                  <Table.Th scope="col">Publication</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((b) => (
                  <Table.Tr key={b.id}>
                    <Table.Td>
                      <Anchor underline="always" component={Link} to={`/bases/${b.id}`}>
                        {b.groupUai}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{b.schoolYear}</Table.Td>
                    <Table.Td>{b.pronoteVersion ?? '—'}</Table.Td>
                    <Table.Td>{PUBLICATION[b.publication] ?? b.publication}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {done.hasNextPage && (
            <Button variant="outline" w="fit-content" onClick={() => void done.fetchNextPage()} loading={done.isFetchingNextPage}>
              Afficher les bases suivantes
            </Button>
          )}
        </QueryState>
      )}
    </Stack>
  );
}
