import { Anchor, Badge, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { QueryState } from '@/components/QueryState';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { count, formatDateTime } from '@/lib/format';
import { request } from '@/lib/graphql';
import { ModelDetailQuery, ModelUsageCountsQuery } from './api';
import { RevisionDiff } from './RevisionDiff';
import { TestAccounts } from './TestAccounts';
import './models.css';

/** One model: its revisions and the diff between two, its usage, its test accounts and its validation. */
export function ModelPage() {
  const { modelId = '' } = useParams();
  const detail = useQuery({ queryKey: ['models', 'model', modelId], queryFn: () => request(ModelDetailQuery, { id: modelId }) });
  const usage = useQuery({ queryKey: ['models', 'usage'], queryFn: () => request(ModelUsageCountsQuery) });
  const model = detail.data?.entModel;
  useDocumentTitle(model ? `Modèle ${model.name}` : 'Modèle');
  const used = usage.data?.modelUsage.find((u) => u.model.id === modelId);

  return (
    <Stack>
      <Anchor underline="always" component={Link} to="/modeles" size="sm">
        ← Modèles
      </Anchor>
      <QueryState loading={detail.isPending} error={detail.error} notFound="Modèle" retry={() => void detail.refetch()}>
        {model && detail.data && (
          <>
            <Group>
              <Title order={1}>{model.name}</Title>
              {model.withdrawn && (
                <Badge color="gray" variant="light">
                  Retiré de sa source
                </Badge>
              )}
            </Group>
            <Text>
              {model.location} · révision {model.revision}, du {formatDateTime(model.updatedAt)}
            </Text>
            {model.description && <Text size="sm">{model.description}</Text>}
            <Text aria-live="polite">
              {used
                ? `Appliqué à ${count(used.bases, 'base', 'bases')}, dont ${count(used.pendingUpdates, 'avec une mise à jour en attente', 'avec une mise à jour en attente')}.`
                : usage.isSuccess
                  ? 'Appliqué à aucune base.'
                  : ''}{' '}
              {used && used.pendingUpdates > 0 && (
                <Anchor underline="always" component={Link} to="/modeles/mises-a-jour">
                  Voir les mises à jour en attente
                </Anchor>
              )}
            </Text>
            <RevisionDiff key={model.revision} modelId={model.id} revisions={detail.data.modelRevisions} />
            <TestAccounts model={model} />
          </>
        )}
      </QueryState>
    </Stack>
  );
}
