import { Badge, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { EmptyState } from '@/components/QueryState';
import type { CasRegistryFieldsFragment } from '@/gql/graphql';
import { count } from '@/lib/format';

type Diff = CasRegistryFieldsFragment['diff'];

/** The operator's words for the entry's fields the diff names. */
export const FIELD_LABELS: Record<string, string> = {
  serviceId: 'Expression régulière du service',
  serviceUrl: 'Adresse du service',
  directAccessUrl: 'Adresse d’accès direct',
  description: 'Description',
  evaluationOrder: 'Ordre d’évaluation',
  uais: 'UAI',
  mode: 'Mode d’identification',
  attributes: 'Attributs diffusés',
  requiredAttribute: 'Attribut de profil exigé',
  requiredValues: 'Profils autorisés',
  validation: 'Validation du ticket',
  name: 'Nom',
  id: 'Identifiant',
};

export function changedEntries(diff: Diff): number {
  return diff.added.length + diff.changed.length + diff.removed.length;
}

/** Services added, removed and changed field by field since the last export. */
export function RegistryDiff({ diff, exported }: { diff: Diff; exported: boolean }) {
  const total = changedEntries(diff);
  return (
    <section aria-labelledby="registry-diff">
      <Title order={2} id="registry-diff" size="h3" mb="xs">
        Modifications depuis le dernier export
      </Title>
      {total === 0 ? (
        <EmptyState>{exported ? 'Aucune : le registre exporté est à jour.' : 'Aucun service à déclarer.'}</EmptyState>
      ) : (
        <Stack gap="md">
          <Group gap="xs">
            <Badge color="green" variant="light">
              {count(diff.added.length, 'service ajouté', 'services ajoutés')}
            </Badge>
            <Badge color="orange" variant="light">
              {count(diff.changed.length, 'service modifié', 'services modifiés')}
            </Badge>
            <Badge color="red" variant="light">
              {count(diff.removed.length, 'service supprimé', 'services supprimés')}
            </Badge>
          </Group>
          {diff.added.length > 0 && <ServiceList id="diff-added" title="Services ajoutés" services={diff.added} />}
          {diff.removed.length > 0 && <ServiceList id="diff-removed" title="Services supprimés" services={diff.removed} />}
          {diff.changed.length > 0 && (
            // Focusable so that the keyboard scrolls it (RGAA 12.13, WCAG 2.1.1).
            // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
            <div className="registry-scroll" tabIndex={0} role="region" aria-labelledby="diff-changed">
              <Table withTableBorder striped stickyHeader aria-labelledby="diff-changed">
                <Table.Caption id="diff-changed">Services modifiés, champ par champ</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Service</Table.Th>
                    <Table.Th scope="col">Champ</Table.Th>
                    <Table.Th scope="col">Avant</Table.Th>
                    <Table.Th scope="col">Après</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {diff.changed.flatMap((change) =>
                    change.fields.map((field) => (
                      <Table.Tr key={`${change.name}-${field.field}`}>
                        <Table.Td>{change.name}</Table.Td>
                        <Table.Th scope="row">{FIELD_LABELS[field.field] ?? field.field}</Table.Th>
                        <Table.Td className="registry-value">{field.before || '—'}</Table.Td>
                        <Table.Td className="registry-value">{field.after || '—'}</Table.Td>
                      </Table.Tr>
                    )),
                  )}
                </Table.Tbody>
              </Table>
            </div>
          )}
        </Stack>
      )}
    </section>
  );
}

function ServiceList({ id, title, services }: { id: string; title: string; services: Diff['added'] }) {
  return (
    <div>
      <Title order={3} size="h4" id={id} mb={4}>
        {title}
      </Title>
      {/* Focusable so that the keyboard scrolls it (RGAA 12.13, WCAG 2.1.1). */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <div className="registry-scroll" tabIndex={0} role="region" aria-labelledby={id}>
        <List aria-labelledby={id}>
          {services.map((service) => (
            <List.Item key={service.name}>
              {service.name} — UAI {service.uais.join(', ')} ({service.fileName})
            </List.Item>
          ))}
        </List>
      </div>
    </div>
  );
}

/** The Apereo files to add, replace and delete in the CAS's registry directory. */
export function RegistryFiles({ diff }: { diff: Diff }) {
  const groups: [string, string, string[]][] = [
    ['files-add', 'À ajouter', diff.filesToAdd],
    ['files-replace', 'À remplacer', diff.filesToReplace],
    ['files-delete', 'À supprimer', diff.filesToDelete],
  ];
  return (
    <section aria-labelledby="registry-files">
      <Title order={2} id="registry-files" size="h3" mb="xs">
        Fichiers du registre Apereo CAS
      </Title>
      <Text size="sm" mb="xs">
        Dans le répertoire du registre JSON du serveur CAS, par rapport au dernier export enregistré.
      </Text>
      <Group align="start" grow>
        {groups.map(([id, title, files]) => (
          <div key={id}>
            <Title order={3} size="h5" id={id} mb={4}>
              {title} ({files.length})
            </Title>
            {files.length === 0 ? (
              <Text size="sm" c="dimmed">
                Aucun fichier.
              </Text>
            ) : (
              // Focusable so that the keyboard scrolls it (RGAA 12.13, WCAG 2.1.1).
              // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
              <div className="registry-scroll" tabIndex={0} role="region" aria-labelledby={id}>
                <List size="sm" aria-labelledby={id} className="registry-files">
                  {files.map((file) => (
                    <List.Item key={file}>{file}</List.Item>
                  ))}
                </List>
              </div>
            )}
          </div>
        ))}
      </Group>
    </section>
  );
}
