import { Alert, Button, Group, List, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { QueryState } from '@/components/QueryState';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import type { CasRegistryFieldsFragment, CasRegistryQuery as RegistryResult } from '@/gql/graphql';
import { isConflict, messageOf } from '@/lib/errors';
import { download } from '@/lib/files';
import { count, formatDateTime } from '@/lib/format';
import { request } from '@/lib/graphql';
import { CasRegistryQuery, RecordCasRegistryExport, RegistryTenantsQuery } from './api';
import { AttributeMappingForm } from './AttributeMappingForm';
import { RegistryDiff, RegistryFiles, changedEntries } from './RegistryDiff';
import './cas-registry.css';

/** The formats one base's service downloads in, with its file's name. */
export const FORMATS: { format: string; label: string; file: (service: { name: string; fileName: string }) => string }[] = [
  { format: 'apereo', label: 'Apereo CAS (JSON)', file: (s) => s.fileName },
  { format: 'keycloak', label: 'Keycloak (JSON)', file: (s) => `${s.name}.json` },
  { format: 'django', label: 'django-cas-server (fixture)', file: (s) => `${s.name}.django.json` },
  { format: 'csv', label: 'CSV générique', file: (s) => `${s.name}.csv` },
];

const MODE_LABELS: Record<string, string> = {
  IDENTITY: 'identité',
  PRONOTE_IDENTIFIER: 'identifiant PRONOTE',
};

/**
 * The operator's « Registre CAS de l'ENT » (issue 21): where the ENT's
 * CAS service registry stands against its last export (the services
 * changed since, field by field, and the Apereo files to add, replace and
 * delete), the downloads (the archive of every format, one base in each
 * format), « Enregistrer l'export » once the archive is installed (with
 * the archive's digest: a registry changed in between is refused), and
 * the ENT's attribute names.
 */
export function CasRegistryPage() {
  useDocumentTitle('Registre CAS de l’ENT');
  const tenants = useQuery({ queryKey: ['registry-tenants'], queryFn: () => request(RegistryTenantsQuery), staleTime: 300_000 });
  const [chosen, setChosen] = useState<string | null>(null);
  const list = tenants.data?.tenants.nodes ?? [];
  const tenantId = chosen ?? list[0]?.id ?? null;
  return (
    <Stack gap="lg">
      <Title order={1}>Registre CAS de l’ENT</Title>
      <Text>
        Les services que le serveur CAS de l’ENT doit déclarer pour chaque base PRONOTE, produits à partir des paramètres des bases. Exportez
        le registre, installez-le sur le serveur CAS, puis enregistrez l’export : Relais signale ensuite chaque base modifiée depuis.
      </Text>
      <QueryState loading={tenants.isPending} error={tenants.error} retry={() => void tenants.refetch()}>
        {list.length > 1 && (
          <NativeSelect
            label="Opérateur"
            w="fit-content"
            value={tenantId ?? ''}
            onChange={(e) => setChosen(e.currentTarget.value)}
            data={list.map((t) => ({ value: t.id, label: t.name }))}
          />
        )}
        {tenantId && <Registry key={tenantId} tenantId={tenantId} />}
      </QueryState>
    </Stack>
  );
}

function Registry({ tenantId }: { tenantId: string }) {
  const client = useQueryClient();
  const key = ['cas-registry', tenantId];
  const query = useQuery({
    queryKey: key,
    queryFn: () => request(CasRegistryQuery, { tenantId }),
    // The mapping being typed is not reset by a refetch on focus.
    refetchOnWindowFocus: false,
  });
  const replace = (registry: CasRegistryFieldsFragment) => client.setQueryData<RegistryResult>(key, { casRegistry: registry });
  const registry = query.data?.casRegistry;
  return (
    <QueryState loading={query.isPending} error={query.error} retry={() => void query.refetch()}>
      {registry && (
        <Stack gap="xl">
          <RegistryState registry={registry} />
          <Downloads registry={registry} onRecorded={replace} />
          <RegistryDiff diff={registry.diff} exported={registry.exportedAt != null} />
          <RegistryFiles diff={registry.diff} />
          <AttributeMappingForm tenantId={tenantId} mapping={registry.attributeMapping} onSaved={replace} />
        </Stack>
      )}
    </QueryState>
  );
}

function RegistryState({ registry }: { registry: CasRegistryFieldsFragment }) {
  const changed = changedEntries(registry.diff);
  const skipped = registry.report.filter((line) => line.level === 'SKIPPED');
  const notes = registry.report.filter((line) => line.level === 'NOTE');
  return (
    <section aria-labelledby="registry-state">
      <Title order={2} id="registry-state" size="h3" mb="xs">
        État du registre
      </Title>
      <List spacing={4}>
        <List.Item>
          {registry.exportedAt
            ? `Dernier export enregistré le ${formatDateTime(registry.exportedAt)}${registry.exportedBy ? ` par ${registry.exportedBy}` : ''} : ${count(registry.exportedServices, 'service', 'services')}.`
            : 'Le registre n’a encore jamais été exporté.'}
        </List.Item>
        <List.Item>{count(registry.services.length, 'service à déclarer aujourd’hui', 'services à déclarer aujourd’hui')}.</List.Item>
        <List.Item>
          <Text span fw={changed > 0 ? 700 : undefined}>
            {count(changed, 'entrée modifiée depuis le dernier export', 'entrées modifiées depuis le dernier export')}
          </Text>
          {changed > 0 ? ' : exportez de nouveau le registre.' : '.'}
        </List.Item>
      </List>
      {skipped.length > 0 && (
        <Paper withBorder p="sm" mt="sm" className="registry-skipped">
          <Title order={3} size="h5" id="registry-skipped" mb={4}>
            {count(skipped.length, 'base sans service', 'bases sans service')}
          </Title>
          <List size="sm" aria-labelledby="registry-skipped">
            {skipped.map((line) => (
              <List.Item key={`${line.baseId}-${line.code}`}>{line.message}</List.Item>
            ))}
          </List>
        </Paper>
      )}
      {notes.length > 0 && (
        <details className="registry-notes">
          <summary>{count(notes.length, 'remarque sur les services', 'remarques sur les services')}</summary>
          <List size="sm">
            {notes.map((line, i) => (
              <List.Item key={`${line.baseId}-${line.code}-${i}`}>{line.message}</List.Item>
            ))}
          </List>
        </details>
      )}
    </section>
  );
}

function Downloads({ registry, onRecorded }: { registry: CasRegistryFieldsFragment; onRecorded: (registry: CasRegistryFieldsFragment) => void }) {
  const tenantId = registry.tenantId;
  const downloadable = registry.services.filter((s) => s.baseId);
  const [serviceName, setServiceName] = useState(downloadable[0]?.name ?? '');
  const service = downloadable.find((s) => s.name === serviceName) ?? downloadable[0];
  // The digest of the archive downloaded here (the one in its LISEZMOI.txt).
  const [digest, setDigest] = useState('');
  const [recorded, setRecorded] = useState<string | null>(null);
  const archive = useMutation({
    mutationFn: async () => {
      const headers = await download(`/cas-registry/archive?tenant=${encodeURIComponent(tenantId)}`, 'registre-cas-pronote.zip');
      // The digest written in the archive's LISEZMOI.txt.
      return headers.get('X-Relais-Registry-Digest') ?? registry.digest;
    },
    onSuccess: (current) => {
      setDigest(current);
      setRecorded(null);
    },
  });
  const one = useMutation({
    mutationFn: ({ format, file }: { format: string; file: string }) =>
      download(`/bases/${encodeURIComponent(service?.baseId ?? '')}/cas-registry?format=${format}`, file),
  });
  const client = useQueryClient();
  const record = useMutation({
    mutationFn: () => request(RecordCasRegistryExport, { tenantId, digest: digest.trim() }),
    // Refused: the registry changed since the download; show it as it is now.
    onError: (error) => {
      if (isConflict(error)) void client.invalidateQueries({ queryKey: ['cas-registry', tenantId] });
    },
    onSuccess: (data) => {
      const done = data.recordCasRegistryExport;
      setRecorded(`Export enregistré : ${count(done.exportedServices, 'service', 'services')}. Les prochaines modifications des bases apparaîtront ici.`);
      setDigest('');
      onRecorded(done);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setRecorded(null);
    record.mutate();
  }

  return (
    <>
      <section aria-labelledby="registry-downloads">
        <Title order={2} id="registry-downloads" size="h3" mb="xs">
          Télécharger le registre
        </Title>
        <Stack gap="sm">
          <Text size="sm">
            L’archive contient tous les formats (Apereo CAS, Keycloak avec l’import du royaume, django-cas-server, CSV) et LISEZMOI.txt : le
            rapport, les fichiers à ajouter, remplacer et supprimer, et l’empreinte du registre.
          </Text>
          <Button w="fit-content" onClick={() => archive.mutate()} loading={archive.isPending}>
            Télécharger l’archive (tous les formats)
          </Button>
          {archive.error && (
            <Alert color="red" role="alert" title="Téléchargement impossible">
              {messageOf(archive.error)}
            </Alert>
          )}
          {downloadable.length > 0 && service && (
            <fieldset className="registry-one">
              <legend>Le service d’une base, dans un format</legend>
              <NativeSelect
                label="Service"
                w="fit-content"
                value={service.name}
                onChange={(e) => setServiceName(e.currentTarget.value)}
                data={downloadable.map((s) => ({ value: s.name, label: `${s.name} — ${s.uais.join(', ')} (${MODE_LABELS[s.mode] ?? s.mode})` }))}
              />
              <Group mt="xs" gap="xs">
                {FORMATS.map(({ format, label, file }) => (
                  <Button key={format} variant="outline" size="sm" onClick={() => one.mutate({ format, file: file(service) })}>
                    {label}
                  </Button>
                ))}
              </Group>
              {one.error && (
                <Alert color="red" role="alert" mt="xs" title="Téléchargement impossible">
                  {messageOf(one.error)}
                </Alert>
              )}
            </fieldset>
          )}
        </Stack>
      </section>
      <section aria-labelledby="registry-record">
        <Title order={2} id="registry-record" size="h3" mb="xs">
          Enregistrer l’export
        </Title>
        <form onSubmit={submit} aria-label="Enregistrer l’export">
          <Stack gap="sm">
            <Text size="sm">
              Une fois l’archive installée sur le serveur CAS de l’ENT, enregistrez l’export avec l’empreinte de l’archive (dans son
              LISEZMOI.txt) : si une base a changé depuis le téléchargement, Relais refuse et il faut télécharger l’archive de nouveau.
            </Text>
            <TextInput
              label="Empreinte de l’archive installée"
              description={digest ? 'Celle de l’archive téléchargée ci-dessus.' : 'Téléchargez l’archive, ou recopiez l’empreinte de son LISEZMOI.txt.'}
              value={digest}
              onChange={(e) => setDigest(e.currentTarget.value)}
              autoComplete="off"
              spellCheck={false}
              className="registry-digest"
            />
            <Button type="submit" w="fit-content" disabled={digest.trim() === ''} loading={record.isPending}>
              Enregistrer l’export
            </Button>
            {record.error && (
              <Alert color={isConflict(record.error) ? 'orange' : 'red'} role="alert" title={isConflict(record.error) ? 'Registre modifié entre-temps' : 'Export non enregistré'}>
                {messageOf(record.error)}
              </Alert>
            )}
            {recorded && (
              <Text role="status" c="green.9">
                {recorded}
              </Text>
            )}
          </Stack>
        </form>
      </section>
    </>
  );
}
