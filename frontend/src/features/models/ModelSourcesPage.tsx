import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { EmptyState, QueryState } from '@/components/QueryState';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import type { ModelSourcesQuery as Sources } from '@/gql/graphql';
import { messageOf } from '@/lib/errors';
import { count } from '@/lib/format';
import { request } from '@/lib/graphql';
import { ModelSourcesQuery, ModelUsageCountsQuery, RefreshModelFeedMutation } from './api';
import { CatalogVersions } from './CatalogVersions';
import { Notice } from '@/components/Notice';
import './models.css';

type Source = Sources['modelSources'][number];
type Model = Sources['models'][number];
type Usage = Map<string, { bases: number; pendingUpdates: number }>;

/** « Modèles »: the sources of models (own list or fetched feed), their catalog versions and their models with usage. */
export function ModelSourcesPage() {
  useDocumentTitle('Modèles');
  const sources = useQuery({ queryKey: ['models', 'sources'], queryFn: () => request(ModelSourcesQuery) });
  const usage = useQuery({ queryKey: ['models', 'usage'], queryFn: () => request(ModelUsageCountsQuery) });
  const counts: Usage = new Map((usage.data?.modelUsage ?? []).map((u) => [u.model.id, { bases: u.bases, pendingUpdates: u.pendingUpdates }]));
  const models = sources.data?.models ?? [];

  return (
    <Stack>
      <Title order={1}>Modèles</Title>
      <Text>
        Les sources de modèles de configuration CAS : la liste propre de l’opérateur, ou un flux lu à son adresse selon son planning. Une nouvelle version
        d’un modèle ne change aucune base : elle propose une mise à jour.{' '}
        <Anchor underline="always" component={Link} to="/modeles/mises-a-jour">
          Voir les mises à jour en attente
        </Anchor>
      </Text>
      <QueryState loading={sources.isPending} error={sources.error} retry={() => void sources.refetch()}>
        {(sources.data?.modelSources ?? []).length === 0 ? (
          <EmptyState>Aucune source de modèles.</EmptyState>
        ) : (
          (sources.data?.modelSources ?? []).map((s) => (
            <SourceCard key={s.id} source={s} models={models.filter((m) => m.sourceId === s.id)} usage={counts} usageKnown={usage.isSuccess} />
          ))
        )}
      </QueryState>
    </Stack>
  );
}

function SourceCard({ source, models, usage, usageKnown }: { source: Source; models: Model[]; usage: Usage; usageKnown: boolean }) {
  const client = useQueryClient();
  const titleId = `source-${source.id}`;
  const [report, setReport] = useState<string | null>(null);
  const refresh = useMutation({
    mutationFn: () => request(RefreshModelFeedMutation, { id: source.id }),
    onMutate: () => setReport(null),
    onSuccess: async (data) => {
      const r = data.refreshModelFeed;
      setReport(
        r.newVersion
          ? `Nouvelle version : ${r.added.length} ajouté(s), ${r.changed.length} modifié(s), ${r.withdrawn.length} retiré(s) ; ${count(r.basesWithPendingUpdate, 'base a', 'bases ont')} une mise à jour en attente.`
          : 'Rien de nouveau : le flux n’a pas changé depuis la dernière lecture.',
      );
      await client.invalidateQueries({ queryKey: ['models'] });
    },
    onError: () => void client.invalidateQueries({ queryKey: ['models', 'sources'] }),
  });
  const feed = source.kind === 'FEED';

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3" id={titleId}>
            {source.name}
          </Title>
          <Group gap="xs">
            <Badge variant="light">{feed ? 'Flux' : 'Liste de l’opérateur'}</Badge>
            {source.offeredToAll && <Badge variant="light">Offert à tous les opérateurs</Badge>}
          </Group>
        </Group>
        {feed && (
          <Table variant="vertical" layout="fixed" withTableBorder>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={220}>Adresse du flux</Table.Th>
                <Table.Td className="models-mono">{source.url ?? '—'}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Planning (cron, heure de Paris)</Table.Th>
                <Table.Td className="models-mono">{source.cron ?? '—'}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Dernière lecture</Table.Th>
                <Table.Td>{source.lastFetchedAt ? <FetchTime at={source.lastFetchedAt} /> : 'Jamais'}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Dernière lecture réussie</Table.Th>
                <Table.Td>{source.lastSuccessAt ? <FetchTime at={source.lastSuccessAt} /> : 'Jamais'}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Dernière erreur</Table.Th>
                <Table.Td>{source.lastError ? <Text c="red.8">{source.lastError}</Text> : 'Aucune'}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        )}
        {feed && (
          <Group>
            <Button w="fit-content" variant="outline" loading={refresh.isPending} onClick={() => refresh.mutate()} aria-label={`Actualiser maintenant ${source.name}`}>
              Actualiser maintenant
            </Button>
          </Group>
        )}
        <div aria-live="polite">
          {report && <Notice color="green">{report}</Notice>}
        </div>
        {refresh.error && (
          <Alert color="red" role="alert" title="Lecture du flux impossible">
            {messageOf(refresh.error)} Le catalogue garde sa dernière bonne version.
          </Alert>
        )}
        {models.length === 0 ? (
          <EmptyState>Aucun modèle dans cette source.</EmptyState>
        ) : (
          <Table striped>
            <Table.Caption>{count(models.length, 'modèle', 'modèles')} de « {source.name} »</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Modèle</Table.Th>
                <Table.Th scope="col">Localisation</Table.Th>
                <Table.Th scope="col">Révision</Table.Th>
                <Table.Th scope="col">Bases</Table.Th>
                <Table.Th scope="col">Mises à jour en attente</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {models.map((m) => {
                const u = usage.get(m.id);
                return (
                  <Table.Tr key={m.id}>
                    <Table.Td>
                      <Anchor underline="always" component={Link} to={`/modeles/${m.id}`}>
                        {m.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{m.location}</Table.Td>
                    <Table.Td>{m.revision}</Table.Td>
                    <Table.Td>{usageKnown ? (u?.bases ?? 0) : '…'}</Table.Td>
                    <Table.Td>{usageKnown ? (u?.pendingUpdates ?? 0) : '…'}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
        <CatalogVersions sourceId={source.id} sourceName={source.name} />
      </Stack>
    </Paper>
  );
}

/** To the second: a fetch « Actualiser maintenant » made a few seconds after the previous one must show as new. */
const fetchTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'medium' });

function FetchTime({ at }: { at: string }) {
  return <time dateTime={at}>{fetchTime.format(new Date(at))}</time>;
}
