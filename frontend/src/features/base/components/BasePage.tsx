import { Alert, Anchor, Badge, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { CopyField } from '@/components/CopyField';
import { QueryState } from '@/components/QueryState';
import { useReadOnly } from '@/components/ReadOnly';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import type { BaseQuery as BaseResult } from '@/gql/graphql';
import { isConflict, messageOf } from '@/lib/errors';
import { openPage } from '@/lib/files';
import { formatDateTime } from '@/lib/format';
import { request } from '@/lib/graphql';
import { BaseQuery, SetPublication, UpdateSettings } from '../api/queries';
import { SettingsEditor } from '../settings/SettingsEditor';
import { ModelSection } from './ModelSection';
import { Notice } from '@/components/Notice';

export type Base = BaseResult['base'];

export function useBase(baseId: string) {
  return useQuery({ queryKey: ['base', baseId], queryFn: () => request(BaseQuery, { id: baseId }) });
}

export function BasePage() {
  const { baseId = '' } = useParams();
  const query = useBase(baseId);
  const base = query.data?.base;
  useDocumentTitle(base ? `Base ${base.groupUai}` : 'Base');
  return (
    <QueryState loading={query.isPending} error={query.error} retry={() => void query.refetch()} notFound="Base">
      {base && <BaseSections base={base} />}
    </QueryState>
  );
}

function BaseSections({ base }: { base: Base }) {
  const client = useQueryClient();
  const [params] = useSearchParams();
  const refresh = () => client.invalidateQueries({ queryKey: ['base', base.id] });

  // A diagnostic's link names the field at fault: bring it into view.
  const target = params.get('champ');
  useEffect(() => {
    if (!target) return;
    const element = document.getElementById(target);
    element?.scrollIntoView({ block: 'center' });
    if (element instanceof HTMLElement) element.focus({ preventScroll: true });
  }, [target]);

  const published = base.publication === 'PUBLISHED';
  const main = base.establishments[0];
  const [ficheError, setFicheError] = useState<unknown>(null);
  const readOnly = useReadOnly();

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>
          Base {base.groupUai}
          {main ? ` — ${main.name}` : ''}
        </Title>
        <Text c="dimmed">
          {base.hostingLabel} · année scolaire {base.schoolYear}
          {base.pronoteVersion ? ` · PRONOTE ${base.pronoteVersion}` : ''} · modifiée le {formatDateTime(base.updatedAt)}
        </Text>
      </div>

      {readOnly && (
        <Notice color="blue" title="Consultation seule">
          L’assistance consulte cette base sans pouvoir la modifier. « Tester l’authentification » reste possible.
        </Notice>
      )}

      {base.model && base.model.drift.length > 0 && (
        <Notice color="orange" title="Paramètres non conformes au modèle">
          <Text size="sm">Ces paramètres diffèrent du modèle « {base.model.model.name} » appliqué (révision {base.model.appliedRevision}) :</Text>
          <List size="sm">
            {base.model.drift.map((change) => (
              <List.Item key={`${change.field}-${change.summary}`}>{change.summary}</List.Item>
            ))}
          </List>
        </Notice>
      )}

      <Paper withBorder p="md" component="section" aria-labelledby="identity-title" id="identity" tabIndex={-1}>
        <Stack>
          <Title order={2} id="identity-title">
            Identité
          </Title>
          <Group>
            <Text>
              <strong>UAI de regroupement :</strong> {base.groupUai}
            </Text>
          </Group>
          {base.establishments.length > 1 && <Text fw={600}>Cité scolaire :</Text>}
          <List>
            {base.establishments.map((e) => (
              <List.Item key={e.id}>
                {e.name} ({e.uai}, {e.kindLabel}) —{' '}
                <Anchor component="button" type="button" onClick={() => void openPage(`/establishments/${e.uai}/fiche`).catch(setFicheError)}>
                  Fiche de configuration de {e.name} (nouvel onglet)
                </Anchor>
              </List.Item>
            ))}
          </List>
          {ficheError !== null && (
            <Text c="red.9" role="alert">
              {messageOf(ficheError)}
            </Text>
          )}
          <CopyField label="Adresse publique de PRONOTE.net" value={base.publicUrl} />
          <CopyField label="URL à communiquer au socle ENT" value={base.serviceUrl} />
          <CopyField label="Accès direct avec les identifiants PRONOTE" value={base.directAccessUrl} />
          <CopyField label="Lien d’authentification CAS" value={base.casAuthenticationLink} />
          <CopyField label="Lien de validation CAS" value={base.casValidationLink} />
        </Stack>
      </Paper>

      <PublicationSection base={base} onChanged={refresh} />

      <ModelSection base={base} onChanged={refresh} />

      <Paper withBorder p="md" component="section">
        <SettingsEditor
          settings={base.settings}
          version={base.version}
          locked={published}
          readOnly={readOnly}
          save={async (settings, version) => {
            await request(UpdateSettings, { baseId: base.id, version, settings });
            await refresh();
          }}
          reload={async () => {
            const fresh = await client.fetchQuery({
              queryKey: ['base', base.id],
              queryFn: () => request(BaseQuery, { id: base.id }),
              staleTime: 0,
            });
            return { settings: fresh.base.settings, version: fresh.base.version };
          }}
        />
      </Paper>
    </Stack>
  );
}

function PublicationSection({ base, onChanged }: { base: Base; onChanged: () => Promise<void> }) {
  const published = base.publication === 'PUBLISHED';
  const readOnly = useReadOnly();
  const mutation = useMutation({
    mutationFn: () =>
      request(SetPublication, { baseId: base.id, version: base.version, publication: published ? 'STOPPED' : 'PUBLISHED' }),
    onSuccess: onChanged,
    onError: (error) => {
      // Changed meanwhile: read the base again so the next click is on the latest version.
      if (isConflict(error) && error.field === 'version') void onChanged();
    },
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="publication-title" id="publication" tabIndex={-1}>
      <Stack>
        <Group justify="space-between">
          <Title order={2} id="publication-title">
            Publication
          </Title>
          <Badge color={published ? 'green' : 'gray'} variant="light" size="lg">
            {published ? 'Publiée' : 'Publication arrêtée'}
          </Badge>
        </Group>
        {!readOnly && (
          <Text size="sm">
            {published
              ? 'La base est publiée : pour modifier la délégation d’authentification, arrêtez d’abord sa publication, modifiez, puis publiez-la de nouveau.'
              : 'La publication est arrêtée : les utilisateurs ne peuvent pas se connecter. Publiez la base une fois les paramètres enregistrés.'}
          </Text>
        )}
        {mutation.error && (
          <Alert color="red" role="alert" title="Action impossible">
            {messageOf(mutation.error)}
          </Alert>
        )}
        {!readOnly && (
          <Button w="fit-content" color={published ? 'red' : 'green'} loading={mutation.isPending} onClick={() => mutation.mutate()}>
            {published ? 'Arrêter la publication' : 'Publier'}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
