import { Alert, Button, Checkbox, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, fieldErrors, messageOf } from '@/lib/errors';
import { request } from '@/lib/graphql';
import { CreateManagedEstablishmentMutation, EstablishmentAdminTenantsQuery } from './api';
import { EMPTY_FIELDS, EstablishmentFields, FIELD_NAMES, inputOf, type FieldValues } from './EstablishmentFields';
import { expectedCheckLetter, hasWrongCheckLetter } from './uai';

const FIELDS = ['uai', 'tenantId', ...FIELD_NAMES] as const;

interface Props {
  /** A platform administrator names the operator. */
  platform: boolean;
  onCreated: (created: { id: string; uai: string; name: string }) => void;
  onCancel: () => void;
}

/**
 * « Créer un établissement »: the API checks the UAI and its check letter.
 * A wrong check letter is refused with the API's message; the operator may
 * then confirm the code as the official directory writes it, and the form
 * sends `acknowledgeChecksumMismatch`.
 */
export function CreateEstablishmentForm({ platform, onCreated, onCancel }: Props) {
  const tenants = useQuery({ queryKey: ['establishment-admin', 'tenants'], queryFn: () => request(EstablishmentAdminTenantsQuery), enabled: platform });
  const [uai, setUai] = useState('');
  const [acknowledged, setAcknowledged] = useState(false);
  const [tenantId, setTenantId] = useState('');
  const [values, setValues] = useState<FieldValues>(EMPTY_FIELDS);
  const create = useMutation({
    mutationFn: () =>
      request(CreateManagedEstablishmentMutation, {
        input: { uai: uai.trim(), acknowledgeChecksumMismatch: acknowledged, tenantId: platform ? tenantId || null : null, status: 'OPEN', ...inputOf(values) },
      }),
    onSuccess: (data) => onCreated(data.createEstablishment),
  });
  const errors = fieldErrors(create.error, FIELDS);
  const general = create.error && Object.keys(errors).length === 0 ? messageOf(create.error) : null;
  // The API refused the check letter (and not the shape): offer to keep the code as written.
  const checksumRefused = create.error instanceof ApiError && errors.uai !== undefined && hasWrongCheckLetter(uai);
  const offerAcknowledgement = checksumRefused || (acknowledged && hasWrongCheckLetter(uai));

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="create-establishment-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="create-establishment-title">
            Créer un établissement
          </Title>
          <Group grow align="start">
            <TextInput
              label="Code UAI"
              description="7 chiffres et la lettre de contrôle, ex. 0410017W"
              required
              value={uai}
              onChange={(e) => {
                setUai(e.currentTarget.value);
                setAcknowledged(false);
              }}
              error={errors.uai}
              autoComplete="off"
            />
            {platform && (
              <NativeSelect
                label="Opérateur"
                required
                value={tenantId}
                onChange={(e) => setTenantId(e.currentTarget.value)}
                data={[{ value: '', label: 'Choisir un opérateur' }, ...(tenants.data?.tenants.nodes ?? []).map((t) => ({ value: t.id, label: t.name }))]}
                error={errors.tenantId}
              />
            )}
          </Group>
          {offerAcknowledgement && (
            <Checkbox
              label={`Le code ${uai.trim().toUpperCase()} figure tel quel dans l’annuaire officiel : le garder malgré sa lettre de contrôle (${expectedCheckLetter(uai) ?? ''} attendue)`}
              checked={acknowledged}
              onChange={(e) => setAcknowledged(e.currentTarget.checked)}
            />
          )}
          <EstablishmentFields values={values} onChange={setValues} errors={errors} />
          {general && (
            <Alert color="red" role="alert" title="Création refusée">
              {general}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={create.isPending}>
              Créer l’établissement
            </Button>
            <Button variant="subtle" onClick={onCancel}>
              Annuler
            </Button>
          </Group>
          <Text size="sm" c="dimmed">
            L’établissement est créé ouvert, sans base ; confiez-le ensuite à ses administrateurs depuis sa fiche.
          </Text>
        </Stack>
      </form>
    </Paper>
  );
}
