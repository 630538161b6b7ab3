import { Alert, Badge, Button, Group, NativeSelect, Paper, PasswordInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { EmptyState } from '@/components/QueryState';
import type { ModelDetailQuery, Profile } from '@/gql/graphql';
import { fieldErrors, messageOf } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { request } from '@/lib/graphql';
import { SetModelTestAccountsMutation, ValidateModelMutation } from './api';
import { Notice } from '@/components/Notice';

type Detail = ModelDetailQuery['entModel'];

const PROFILES: { value: Profile; label: string }[] = [
  { value: 'PERSONNEL', label: 'Personnel' },
  { value: 'PROFESSEUR', label: 'Professeur' },
  { value: 'ELEVE', label: 'Élève' },
  { value: 'PARENT', label: 'Parent' },
];

const FIELDS = ['casIdentifier', 'password', 'login', 'serviceUrl'] as const;

/** The model's four test accounts and « Valider le modèle » with the result of each account. */
export function TestAccounts({ model }: { model: Detail }) {
  const client = useQueryClient();
  const [profile, setProfile] = useState<Profile>('PERSONNEL');
  const [casIdentifier, setCasIdentifier] = useState('');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [serviceUrl, setServiceUrl] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () =>
      request(SetModelTestAccountsMutation, { modelId: model.id, accounts: [{ profile, casIdentifier, password, login: login.trim() || null }] }),
    onMutate: () => setSaved(null),
    onSuccess: async () => {
      setSaved(`Le compte de test ${PROFILES.find((p) => p.value === profile)?.label ?? profile} est enregistré ; son mot de passe ne sera plus affiché.`);
      setPassword('');
      await client.invalidateQueries({ queryKey: ['models', 'model', model.id] });
    },
  });
  const validate = useMutation({
    mutationFn: () => request(ValidateModelMutation, { modelId: model.id, serviceUrl: serviceUrl.trim() || null }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['models', 'model', model.id] }),
  });
  const errors = { ...fieldErrors(save.error, FIELDS), ...fieldErrors(validate.error, FIELDS) };
  const validation = validate.data?.validateModel ?? model.validation;

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <>
      <Paper withBorder p="md" component="section" aria-labelledby="accounts-title">
        <Stack gap="sm">
          <Title order={2} size="h3" id="accounts-title">
            Comptes de test
          </Title>
          <Text size="sm">Les quatre comptes que l’intégrateur déclare pour le modèle : Relais s’y connecte pour le valider comme le fait Index-Education.</Text>
          {model.testAccounts.length === 0 ? (
            <EmptyState>Aucun compte de test enregistré.</EmptyState>
          ) : (
            <Table>
              <Table.Caption>Comptes de test de « {model.name} »</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Profil</Table.Th>
                  <Table.Th scope="col">Identifiant de connexion</Table.Th>
                  <Table.Th scope="col">Identifiant CAS déclaré</Table.Th>
                  <Table.Th scope="col">Mot de passe</Table.Th>
                  <Table.Th scope="col">Modifié le</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {model.testAccounts.map((a) => (
                  <Table.Tr key={a.profile}>
                    <Table.Td>{a.profileLabel}</Table.Td>
                    <Table.Td className="models-mono">{a.login}</Table.Td>
                    <Table.Td className="models-mono">{a.casIdentifier}</Table.Td>
                    <Table.Td>{a.passwordSet ? 'Enregistré' : 'Manquant'}</Table.Td>
                    <Table.Td>{formatDateTime(a.updatedAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <form onSubmit={submit} aria-label="Enregistrer un compte de test">
            <Group align="start" grow>
              <NativeSelect label="Profil" value={profile} onChange={(e) => setProfile(e.currentTarget.value as Profile)} data={PROFILES} />
              <TextInput label="Identifiant CAS déclaré" required value={casIdentifier} onChange={(e) => setCasIdentifier(e.currentTarget.value)} error={errors.casIdentifier} />
              <TextInput label="Identifiant de connexion" description="Vide : celui du cahier des charges" value={login} onChange={(e) => setLogin(e.currentTarget.value)} error={errors.login} />
              <PasswordInput label="Mot de passe" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={errors.password} autoComplete="new-password" />
            </Group>
            <Button type="submit" mt="sm" loading={save.isPending}>
              Enregistrer le compte de test
            </Button>
          </form>
          <div aria-live="polite">
            {saved && <Notice color="green">{saved}</Notice>}
          </div>
          {save.error && Object.keys(fieldErrors(save.error, FIELDS)).length === 0 && (
            <Alert color="red" role="alert" title="Enregistrement refusé">
              {messageOf(save.error)}
            </Alert>
          )}
        </Stack>
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="validation-title">
        <Stack gap="sm">
          <Title order={2} size="h3" id="validation-title">
            Validation du modèle
          </Title>
          <Group align="end">
            <TextInput
              label="Adresse du service"
              description="Vide : celle de la configuration de la plateforme"
              value={serviceUrl}
              onChange={(e) => setServiceUrl(e.currentTarget.value)}
              error={errors.serviceUrl}
              w={420}
            />
            <Button onClick={() => validate.mutate()} loading={validate.isPending}>
              Valider le modèle
            </Button>
          </Group>
          {validate.error && Object.keys(fieldErrors(validate.error, FIELDS)).length === 0 && (
            <Alert color="red" role="alert" title="Validation impossible">
              {messageOf(validate.error)}
            </Alert>
          )}
          <div aria-live="polite">{validation && <ValidationResult validation={validation} current={model.revision} />}</div>
          {!validation && <EmptyState>La révision actuelle n’a pas été validée.</EmptyState>}
        </Stack>
      </Paper>
    </>
  );
}

type Validation = NonNullable<Detail['validation']>;

function ValidationResult({ validation, current }: { validation: Validation; current: number }) {
  return (
    <Stack gap="xs">
      <Notice color={validation.passed ? 'green' : 'red'} title={validation.passed ? 'Modèle validé' : 'Modèle non validé'}>
        Révision {validation.revision}
        {validation.revision !== current ? ' (une révision plus récente existe)' : ''}, le {formatDateTime(validation.validatedAt)}
        {validation.validatedBy ? ` par ${validation.validatedBy}` : ''}, sur {validation.serviceUrl}.
      </Notice>
      <Table>
        <Table.Caption>Résultat de chaque compte de test</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Profil</Table.Th>
            <Table.Th scope="col">Identifiant déclaré</Table.Th>
            <Table.Th scope="col">Identifiant renvoyé</Table.Th>
            <Table.Th scope="col">Résultat</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {validation.accounts.map((a) => {
            const failed = a.steps.find((s) => s.status === 'FAILED');
            return (
              <Table.Tr key={a.profile}>
                <Table.Td>
                  {a.profileLabel}
                  <Text size="xs" c="dimmed">
                    {a.login}
                  </Text>
                </Table.Td>
                <Table.Td className="models-mono">{a.declaredIdentifier}</Table.Td>
                <Table.Td className="models-mono">{a.returnedIdentifier ?? '—'}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={a.passed ? 'green' : 'red'}>
                    {a.passed ? 'Réussi' : 'Échec'}
                  </Badge>
                  {failed && (
                    <Text size="xs">
                      {failed.label} : {failed.message}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
