import { Alert, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import type { CasRegistryFieldsFragment } from '@/gql/graphql';
import { messageOf } from '@/lib/errors';
import { request } from '@/lib/graphql';
import { SetCasRegistryAttributeMapping } from './api';

interface Row {
  key: number;
  name: string;
  source: string;
}

let nextKey = 0;
const rowsOf = (mapping: CasRegistryFieldsFragment['attributeMapping']): Row[] =>
  mapping.map((m) => ({ key: (nextKey += 1), name: m.name, source: m.source }));

/**
 * The tenant's ENT attribute names that differ from the names PRONOTE
 * reads (`nom` → `sn`): the registry then releases them under PRONOTE's
 * names (a mapping). Saved whole; an empty list means the same names.
 */
export function AttributeMappingForm({
  tenantId,
  mapping,
  onSaved,
}: {
  tenantId: string;
  mapping: CasRegistryFieldsFragment['attributeMapping'];
  onSaved: (registry: CasRegistryFieldsFragment) => void;
}) {
  const [rows, setRows] = useState<Row[]>(() => rowsOf(mapping));
  const [saved, setSaved] = useState(false);
  useEffect(() => setRows(rowsOf(mapping)), [mapping]);
  const save = useMutation({
    mutationFn: (list: { name: string; source: string }[]) => request(SetCasRegistryAttributeMapping, { tenantId, mapping: list }),
    onSuccess: (data) => {
      setSaved(true);
      onSaved(data.setCasRegistryAttributeMapping);
    },
  });

  function update(key: number, field: 'name' | 'source', value: string) {
    setSaved(false);
    setRows((current) => current.map((row) => (row.key === key ? { ...row, [field]: value } : row)));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    save.mutate(rows.filter((r) => r.name.trim() !== '' || r.source.trim() !== '').map((r) => ({ name: r.name.trim(), source: r.source.trim() })));
  }

  return (
    <section aria-labelledby="registry-mapping">
      <Title order={2} id="registry-mapping" size="h3" mb="xs">
        Noms des attributs dans l’ENT
      </Title>
      <Text size="sm" mb="xs">
        Quand l’ENT connaît un attribut sous un autre nom que celui que lit PRONOTE (par exemple « sn » pour « nom »), indiquez-le ici : le
        registre le diffusera sous le nom attendu par PRONOTE. Sans correspondance, les noms sont les mêmes.
      </Text>
      <form onSubmit={submit} aria-label="Noms des attributs dans l’ENT">
        <Stack gap="sm">
          {rows.length === 0 ? (
            <Text size="sm" c="dimmed">
              Aucune correspondance : l’ENT utilise les noms lus par PRONOTE.
            </Text>
          ) : (
            <Table withTableBorder>
              <Table.Caption>Correspondances des noms d’attributs</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Nom lu par PRONOTE</Table.Th>
                  <Table.Th scope="col">Nom dans l’ENT</Table.Th>
                  <Table.Th scope="col">Action</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row, index) => (
                  <Table.Tr key={row.key}>
                    <Table.Td>
                      <TextInput
                        aria-label={`Nom lu par PRONOTE, ligne ${index + 1}`}
                        value={row.name}
                        onChange={(e) => update(row.key, 'name', e.currentTarget.value)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`Nom dans l’ENT, ligne ${index + 1}`}
                        value={row.source}
                        onChange={(e) => update(row.key, 'source', e.currentTarget.value)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Button
                        variant="subtle"
                        color="red"
                        onClick={() => {
                          setSaved(false);
                          setRows((current) => current.filter((r) => r.key !== row.key));
                        }}
                      >
                        Retirer la ligne {index + 1}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Group>
            <Button
              variant="outline"
              onClick={() => {
                setSaved(false);
                setRows((current) => [...current, { key: (nextKey += 1), name: '', source: '' }]);
              }}
            >
              Ajouter une correspondance
            </Button>
            <Button type="submit" loading={save.isPending}>
              Enregistrer les noms des attributs
            </Button>
          </Group>
          {save.error && (
            <Alert color="red" role="alert" title="Noms non enregistrés">
              {messageOf(save.error)}
            </Alert>
          )}
          {saved && (
            <Text role="status" c="green.9" size="sm">
              Noms des attributs enregistrés : les services concernés apparaissent dans les modifications à exporter.
            </Text>
          )}
        </Stack>
      </form>
    </section>
  );
}
