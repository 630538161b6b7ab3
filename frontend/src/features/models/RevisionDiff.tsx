import { Group, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { EmptyState, QueryState } from '@/components/QueryState';
import type { ModelClient } from '@/gql/graphql';
import { formatDateTime } from '@/lib/format';
import { request } from '@/lib/graphql';
import { ModelRevisionDiffQuery } from './api';

/** The client a change applies to (a model gives settings for each, and a field may change for both); none for the model's own fields. */
const CLIENTS: Record<ModelClient, string> = { PRONOTE_CLIENT: 'Client PRONOTE', PRONOTE_NET: 'PRONOTE.net' };

interface Props {
  modelId: string;
  revisions: readonly { revision: number; createdAt: string }[];
}

/** The revisions of a model and what changed between two of them (the latest and the one before, by default). */
export function RevisionDiff({ modelId, revisions }: Props) {
  const [to, setTo] = useState(revisions[0]?.revision ?? 1);
  const [from, setFrom] = useState(revisions[1]?.revision ?? revisions[0]?.revision ?? 1);
  const comparable = from !== to;
  const diff = useQuery({
    queryKey: ['models', 'diff', modelId, from, to],
    queryFn: () => request(ModelRevisionDiffQuery, { modelId, from, to }),
    enabled: comparable,
  });
  const options = revisions.map((r) => ({ value: String(r.revision), label: `Révision ${r.revision} — ${formatDateTime(r.createdAt)}` }));
  const changes = diff.data?.modelRevisionDiff ?? [];

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="revisions-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="revisions-title">
          Révisions
        </Title>
        <Text size="sm">Chaque changement des valeurs du modèle dans sa source crée une révision.</Text>
        {revisions.length < 2 ? (
          <EmptyState>Une seule révision : rien à comparer.</EmptyState>
        ) : (
          <>
            <Group align="end">
              <NativeSelect label="Comparer la révision" value={String(from)} onChange={(e) => setFrom(Number(e.currentTarget.value))} data={options} />
              <NativeSelect label="à la révision" value={String(to)} onChange={(e) => setTo(Number(e.currentTarget.value))} data={options} />
            </Group>
            {!comparable ? (
              <Text size="sm">Choisissez deux révisions différentes.</Text>
            ) : (
              <QueryState loading={diff.isPending} error={diff.error} retry={() => void diff.refetch()}>
                {changes.length === 0 ? (
                  <EmptyState>Aucune différence entre ces deux révisions.</EmptyState>
                ) : (
                  <Table striped>
                    <Table.Caption>
                      Ce qui change de la révision {from} à la révision {to}
                    </Table.Caption>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">Client</Table.Th>
                        <Table.Th scope="col">Réglage</Table.Th>
                        <Table.Th scope="col">Révision {from}</Table.Th>
                        <Table.Th scope="col">Révision {to}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {changes.map((c) => (
                        <Table.Tr key={c.summary}>
                          <Table.Td>{c.client ? CLIENTS[c.client] : 'Le modèle'}</Table.Td>
                          <Table.Td>{c.label}</Table.Td>
                          <Table.Td className="models-mono">{c.old ?? '—'}</Table.Td>
                          <Table.Td className="models-mono">{c.new ?? '—'}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                )}
              </QueryState>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
