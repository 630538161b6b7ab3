import { Alert, Button, Checkbox, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useReadOnly } from '@/components/ReadOnly';
import { ApiError, isConflict, messageOf } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { request } from '@/lib/graphql';
import { ApplyModel, ApplyModelUpdate, ApplyRecommended, DismissModelUpdate, ModelsQuery } from '../api/queries';
import type { Base } from './BasePage';
import { Notice } from '@/components/Notice';

interface Props {
  base: Base;
  onChanged: () => Promise<void>;
}

export function ModelSection({ base, onChanged }: Props) {
  const published = base.publication === 'PUBLISHED';
  const status = base.model;
  const readOnly = useReadOnly();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="model-title" id="model" tabIndex={-1}>
      <Stack>
        <Title order={2} id="model-title">
          Modèle de configuration CAS
        </Title>
        {status ? (
          <Text size="sm">
            Modèle « {status.model.name} » appliqué (révision {status.appliedRevision}) le {formatDateTime(status.appliedAt)}
            {status.appliedBy ? ` par ${status.appliedBy}` : ''}.
          </Text>
        ) : (
          <Text size="sm">Les paramètres ont été saisis sans modèle.</Text>
        )}
        {published && !readOnly && <Text size="sm" c="dimmed">Arrêtez la publication de la base pour appliquer un modèle ou ses mises à jour.</Text>}
        {status?.pendingUpdate && <PendingUpdate base={base} locked={published} readOnly={readOnly} onChanged={onChanged} />}
        {!readOnly && <Recommended base={base} locked={published} onChanged={onChanged} />}
        {!readOnly && <ApplyFromCatalog base={base} locked={published} onChanged={onChanged} />}
      </Stack>
    </Paper>
  );
}

function PendingUpdate({ base, locked, readOnly, onChanged }: { base: Base; locked: boolean; readOnly: boolean; onChanged: () => Promise<void> }) {
  const update = base.model?.pendingUpdate;
  const apply = useMutation({
    mutationFn: () => request(ApplyModelUpdate, { baseId: base.id, expectedVersion: base.version }),
    onSuccess: onChanged,
    onError: (error) => {
      if (isConflict(error) && error.field === 'version') void onChanged();
    },
  });
  const dismiss = useMutation({ mutationFn: () => request(DismissModelUpdate, { baseId: base.id }), onSuccess: onChanged });
  if (!update) return null;
  const error = apply.error ?? dismiss.error;
  return (
    <Notice color="violet" title="Mise à jour du modèle en attente">
      <Stack gap="xs">
        <Text size="sm">
          {update.withdrawn
            ? 'Le modèle a été retiré de sa liste.'
            : `Révision ${update.fromRevision} → ${update.toRevision ?? '?'}, publiée le ${formatDateTime(update.since)}.`}
        </Text>
        {update.changes.length > 0 && (
          <Table withTableBorder>
            <Table.Caption>Changements proposés</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Paramètre</Table.Th>
                <Table.Th scope="col">Valeur actuelle</Table.Th>
                <Table.Th scope="col">Nouvelle valeur</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {update.changes.map((c) => (
                <Table.Tr key={`${c.field}-${c.summary}`}>
                  <Table.Td>{c.label}</Table.Td>
                  <Table.Td>{c.old ?? '—'}</Table.Td>
                  <Table.Td>{c.new ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {error && (
          <Text c="red.9" role="alert">
            {messageOf(error)}
          </Text>
        )}
        {!readOnly && (
          <Group>
            <Button disabled={locked} loading={apply.isPending} onClick={() => apply.mutate()}>
              Appliquer
            </Button>
            <Button variant="outline" loading={dismiss.isPending} onClick={() => dismiss.mutate()}>
              Ignorer
            </Button>
          </Group>
        )}
      </Stack>
    </Notice>
  );
}

function Recommended({ base, locked, onChanged }: { base: Base; locked: boolean; onChanged: () => Promise<void> }) {
  const [casRoot, setCasRoot] = useState('');
  const [needsRoot, setNeedsRoot] = useState(false);
  const mutation = useMutation({
    mutationFn: () => request(ApplyRecommended, { baseId: base.id, version: base.version, casRoot: casRoot.trim() || null }),
    onSuccess: onChanged,
    onError: (error) => {
      if (error instanceof ApiError && error.field === 'casRoot') setNeedsRoot(true);
      // Changed meanwhile (another person, the model refresh): read it again.
      if (isConflict(error) && error.field === 'version') void onChanged();
    },
  });
  const fieldError = mutation.error instanceof ApiError && mutation.error.field === 'casRoot' ? mutation.error.message : undefined;
  return (
    <Stack gap="xs">
      {needsRoot && (
        <TextInput
          label="Adresse du serveur CAS de l’établissement"
          placeholder="https://ent.exemple.fr/cas"
          value={casRoot}
          error={fieldError}
          onChange={(e) => setCasRoot(e.currentTarget.value)}
        />
      )}
      {mutation.error && !fieldError && (
        <Text c="red.9" role="alert">
          {messageOf(mutation.error)}
        </Text>
      )}
      {mutation.isSuccess && (
        <Text c="green.9" role="status">
          Paramètres conseillés appliqués.
        </Text>
      )}
      <Button variant="light" w="fit-content" disabled={locked} loading={mutation.isPending} onClick={() => mutation.mutate()}>
        Appliquer les paramètres conseillés
      </Button>
    </Stack>
  );
}

function ApplyFromCatalog({ base, locked, onChanged }: { base: Base; locked: boolean; onChanged: () => Promise<void> }) {
  const models = useQuery({ queryKey: ['models'], queryFn: () => request(ModelsQuery) });
  const [modelId, setModelId] = useState('');
  const [preview, setPreview] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const apply = useMutation({
    mutationFn: (confirmOverwrite: boolean) =>
      request(ApplyModel, { baseId: base.id, modelId, expectedVersion: base.version, confirmOverwrite }),
    onSuccess: async () => {
      setPreview(null);
      setConfirmed(false);
      await onChanged();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'CONFLICT' && error.field === 'confirmOverwrite') setPreview(error.message);
      if (isConflict(error) && error.field === 'version') void onChanged();
    },
  });
  const available = (models.data?.models ?? []).filter((m) => !m.withdrawn);
  const otherError = apply.error && !(apply.error instanceof ApiError && apply.error.field === 'confirmOverwrite') ? apply.error : null;
  return (
    <Stack gap="xs">
      <Group align="end">
        <NativeSelect
          label="Appliquer un modèle du catalogue"
          value={modelId}
          disabled={locked || models.isPending}
          data={[{ value: '', label: models.isPending ? 'Chargement…' : 'Choisir un modèle' }, ...available.map((m) => ({ value: m.id, label: `${m.name} (${m.location})` }))]}
          onChange={(e) => {
            setModelId(e.currentTarget.value);
            setPreview(null);
            setConfirmed(false);
          }}
        />
        <Button variant="outline" disabled={locked || !modelId} loading={apply.isPending && !preview} onClick={() => apply.mutate(false)}>
          Appliquer le modèle
        </Button>
      </Group>
      {models.error && <Text c="red.9">{messageOf(models.error)}</Text>}
      {apply.isSuccess && (
        <Text c="green.9" role="status">
          Modèle appliqué.
        </Text>
      )}
      {otherError && (
        <Text c="red.9" role="alert">
          {messageOf(otherError)}
        </Text>
      )}
      {preview && (
        <Alert color="orange" title="Des valeurs saisies seront remplacées" role="alert">
          <Stack gap="xs">
            <Text size="sm">{preview}</Text>
            <Checkbox label="Je confirme le remplacement de ces valeurs" checked={confirmed} onChange={(e) => setConfirmed(e.currentTarget.checked)} />
            <Button color="orange" w="fit-content" disabled={!confirmed} loading={apply.isPending} onClick={() => apply.mutate(true)}>
              Remplacer et appliquer le modèle
            </Button>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
