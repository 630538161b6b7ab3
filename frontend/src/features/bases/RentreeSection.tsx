import { Alert, Anchor, Button, Group, NumberInput, Paper, Progress, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { EmptyState, QueryState } from '@/components/QueryState';
import type { BasesBeforeYearQuery } from '@/gql/graphql';
import { messageOf } from '@/lib/errors';
import { count } from '@/lib/format';
import { request } from '@/lib/graphql';
import { BasesBeforeYearQuery as PendingBases, RentreeProgressQuery, StartSchoolYearMutation } from './api';
import { DoneBases } from './DoneBases';
import { RentreeRoll } from './RentreeRoll';
import './bases.css';
import { Notice } from '@/components/Notice';

type Base = BasesBeforeYearQuery['bases']['nodes'][number];

const PUBLICATION: Record<string, string> = { PUBLISHED: 'Publiée', STOPPED: 'Non publiée' };

/** The rentrée roll: how many bases of the operator moved to the year, and the ones still to move, one click each. */
export function RentreeSection() {
  const [params, setParams] = useSearchParams();
  const asked = params.get('annee');
  const [yearInput, setYearInput] = useState(asked ?? '');
  const [pronoteVersion, setPronoteVersion] = useState<number | ''>('');
  const [done, setDone] = useState<string | null>(null);
  const client = useQueryClient();
  const progress = useQuery({ queryKey: ['bases', 'rentree', asked], queryFn: () => request(RentreeProgressQuery, { schoolYear: asked }) });
  const year = progress.data?.rentree.schoolYear ?? null;
  const pending = useInfiniteQuery({
    queryKey: ['bases', 'pending', year],
    queryFn: ({ pageParam }) => request(PendingBases, { schoolYear: year!, after: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.bases.pageInfo.hasNextPage ? last.bases.pageInfo.endCursor : undefined),
    enabled: year !== null,
  });
  const start = useMutation({
    mutationFn: (b: Base) =>
      request(StartSchoolYearMutation, { baseId: b.id, version: b.version, schoolYear: year!, pronoteVersion: pronoteVersion === '' ? null : pronoteVersion }),
    onMutate: () => setDone(null),
    onSuccess: (_, b) => setDone(`La base ${b.groupUai} passe en ${year} ; elle n’est plus publiée jusqu’à sa vérification.`),
    onSettled: () => client.invalidateQueries({ queryKey: ['bases'] }),
  });
  const rows = pending.data?.pages.flatMap((p) => p.bases.nodes) ?? [];
  const total = (progress.data?.rentree.done ?? 0) + (progress.data?.rentree.toDo ?? 0);

  function chooseYear(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    setParams(yearInput.trim() ? { annee: yearInput.trim() } : {}, { replace: true });
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="rentree-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="rentree-title">
          Rentrée
        </Title>
        <form onSubmit={chooseYear}>
          <Group align="end">
            <TextInput label="Année scolaire" placeholder={year ?? '2026-2027'} value={yearInput} onChange={(e) => setYearInput(e.currentTarget.value)} />
            <Button type="submit" variant="outline">
              Afficher
            </Button>
          </Group>
        </form>
        <QueryState loading={progress.isPending} error={progress.error} retry={() => void progress.refetch()}>
          {progress.data && (
            <>
              <Text>
                {count(progress.data.rentree.done, 'base a', 'bases ont')} fait la rentrée {progress.data.rentree.schoolYear} sur {total} ;{' '}
                {count(progress.data.rentree.toDo, 'reste', 'restent')} à faire.
              </Text>
              <Progress
                value={total === 0 ? 0 : (100 * progress.data.rentree.done) / total}
                aria-label={`Rentrée ${progress.data.rentree.schoolYear} : ${progress.data.rentree.done} sur ${total}`}
              />
            </>
          )}
        </QueryState>
        {year && <DoneBases key={year} schoolYear={year} />}
        <NumberInput
          label="Version de PRONOTE de la rentrée"
          description="Facultatif : l’année de la version que l’ENT doit attendre, par exemple 2026"
          value={pronoteVersion}
          onChange={(v) => setPronoteVersion(typeof v === 'number' ? v : '')}
          w={320}
          min={2000}
          max={2100}
        />
        <div aria-live="polite">
          {done && (
            <Notice color="green">
              {done}
            </Notice>
          )}
        </div>
        {start.error && (
          <Alert color="red" role="alert" title="Rentrée refusée">
            {messageOf(start.error)}
          </Alert>
        )}
        {year && (
          <QueryState loading={pending.isPending} error={pending.error} retry={() => void pending.refetch()}>
            <RentreeRoll key={year} bases={rows} schoolYear={year} pronoteVersion={pronoteVersion === '' ? null : pronoteVersion} />
            {rows.length === 0 ? (
              <EmptyState>Toutes les bases ont fait leur rentrée {year}.</EmptyState>
            ) : (
              <Table striped>
                <Table.Caption>
                  {count(rows.length, 'base encore', 'bases encore')} sur une année antérieure à {year}
                  {pending.hasNextPage ? ' (d’autres suivent)' : ''}
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Base</Table.Th>
                    <Table.Th scope="col">Établissements</Table.Th>
                    <Table.Th scope="col">Année scolaire</Table.Th>
                    <Table.Th scope="col">Publication</Table.Th>
                    <Table.Th scope="col">Action</Table.Th>
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
                      <Table.Td>{b.establishments.map((e) => `${e.uai} ${e.name}`).join(' · ')}</Table.Td>
                      <Table.Td>{b.schoolYear}</Table.Td>
                      <Table.Td>{PUBLICATION[b.publication] ?? b.publication}</Table.Td>
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="outline"
                          aria-label={`Faire la rentrée ${year} de la base ${b.groupUai}`}
                          loading={start.isPending && start.variables?.id === b.id}
                          onClick={() => start.mutate(b)}
                        >
                          Faire la rentrée
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {pending.hasNextPage && (
              <Button variant="outline" w="fit-content" onClick={() => void pending.fetchNextPage()} loading={pending.isFetchingNextPage}>
                Afficher les bases suivantes
              </Button>
            )}
          </QueryState>
        )}
      </Stack>
    </Paper>
  );
}
