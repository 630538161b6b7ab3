import { Button, Stack, Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { EmptyState, QueryState } from '@/components/QueryState';
import { formatDateTime } from '@/lib/format';
import { request } from '@/lib/graphql';
import { CatalogVersionsQuery } from './api';

/** The versions of a source's list, asked for when opened. */
export function CatalogVersions({ sourceId, sourceName }: { sourceId: string; sourceName: string }) {
  const [open, setOpen] = useState(false);
  const versions = useQuery({
    queryKey: ['models', 'catalog', sourceId],
    queryFn: () => request(CatalogVersionsQuery, { sourceId }),
    enabled: open,
  });
  const rows = versions.data?.catalogVersions ?? [];
  return (
    <Stack gap="xs">
      <Button variant="subtle" w="fit-content" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {open ? 'Masquer les versions du catalogue' : 'Versions du catalogue'}
      </Button>
      {open && (
        <QueryState loading={versions.isPending} error={versions.error} retry={() => void versions.refetch()}>
          {rows.length === 0 ? (
            <EmptyState>Aucune version : la source n’a encore rien reçu.</EmptyState>
          ) : (
            <Table>
              <Table.Caption>Versions du catalogue de « {sourceName} », de la plus récente à la plus ancienne</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Reçue le</Table.Th>
                  <Table.Th scope="col">Modèles</Table.Th>
                  <Table.Th scope="col">Ajoutés</Table.Th>
                  <Table.Th scope="col">Modifiés</Table.Th>
                  <Table.Th scope="col">Retirés</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((v) => (
                  <Table.Tr key={v.id}>
                    <Table.Td>{formatDateTime(v.createdAt)}</Table.Td>
                    <Table.Td>{v.models}</Table.Td>
                    <Table.Td>{v.added}</Table.Td>
                    <Table.Td>{v.changed}</Table.Td>
                    <Table.Td>{v.withdrawn}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </QueryState>
      )}
    </Stack>
  );
}
