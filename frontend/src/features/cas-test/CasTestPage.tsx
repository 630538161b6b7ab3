import { Alert, Badge, Button, Fieldset, Group, PasswordInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import { QueryState } from '@/components/QueryState';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import type { CasCheckFieldsFragment, CasCheckStatus } from '@/gql/graphql';
import { messageOf } from '@/lib/errors';
import { formatDateTime, formatDuration } from '@/lib/format';
import { request } from '@/lib/graphql';
import { CasCheckQuery, TestCas } from './api';

const STATUS: Record<CasCheckStatus, { label: string; color: string }> = {
  OK: { label: 'Réussi', color: 'green' },
  WARNING: { label: 'Avertissement', color: 'orange' },
  FAILED: { label: 'Échec', color: 'red' },
  SKIPPED: { label: 'Non exécuté', color: 'gray' },
};

export function CasTestPage() {
  const { baseId = '' } = useParams();
  useDocumentTitle('Tester l’authentification');
  const client = useQueryClient();
  const query = useQuery({ queryKey: ['cas-check', baseId], queryFn: () => request(CasCheckQuery, { id: baseId }) });
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const test = useMutation({
    mutationFn: (withCredentials: boolean) =>
      request(TestCas, { baseId, credentials: withCredentials ? { login, password } : null }),
    onSettled: () => {
      // One-time credentials: never kept by the page either.
      setPassword('');
      setLogin('');
      void client.invalidateQueries({ queryKey: ['cas-check', baseId] });
      void client.invalidateQueries({ queryKey: ['base', baseId] });
    },
  });
  const last = test.data?.testCasSettings ?? query.data?.base.casCheck ?? null;

  function submit(event: FormEvent) {
    event.preventDefault();
    test.mutate(login.trim() !== '' && password !== '');
  }

  return (
    <Stack>
      <Title order={1}>Tester l’authentification</Title>
      <QueryState loading={query.isPending} error={query.error} retry={() => void query.refetch()} notFound="Base">
        <form onSubmit={submit}>
          <Stack>
            <Text>
              Relais interroge le serveur CAS de la base {query.data?.base.groupUai} comme le fera PRONOTE : page de connexion, formulaire,
              adresse de validation et, avec un compte de test, une connexion complète.
            </Text>
            <Fieldset legend="Compte de test (facultatif, utilisé une seule fois, jamais conservé)">
              <Group grow align="start">
                <TextInput label="Identifiant CAS" autoComplete="off" value={login} onChange={(e) => setLogin(e.currentTarget.value)} />
                <PasswordInput label="Mot de passe" autoComplete="off" value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
              </Group>
            </Fieldset>
            <Button type="submit" w="fit-content" loading={test.isPending}>
              Tester l’authentification
            </Button>
            {test.error && (
              <Alert color="red" role="alert" title="Test impossible">
                {messageOf(test.error)}
              </Alert>
            )}
          </Stack>
        </form>
        {last ? <CheckResult check={last} /> : <Text c="dimmed">Aucun test n’a encore été lancé pour cette base.</Text>}
      </QueryState>
    </Stack>
  );
}

function CheckResult({ check }: { check: CasCheckFieldsFragment }) {
  const outcome = STATUS[check.outcome];
  return (
    <section aria-labelledby="result-title">
      <Group mb="xs">
        <Title order={2} id="result-title" size="h3">
          Dernier résultat
        </Title>
        <Badge color={outcome.color} variant="light">
          {outcome.label}
        </Badge>
        {check.outdated && (
          <Badge color="orange" variant="outline">
            Résultat périmé
          </Badge>
        )}
      </Group>
      <Text size="sm" mb="xs">
        Le {formatDateTime(check.checkedAt)}
        {check.checkedBy ? ` par ${check.checkedBy}` : ''} · protocole {check.protocol}
        {check.withCredentials ? ' · avec un compte de test' : ''}
        {check.outdated ? ' · les paramètres ont changé depuis : relancez le test.' : ''}
      </Text>
      <Table withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Étape</Table.Th>
            <Table.Th scope="col">État</Table.Th>
            <Table.Th scope="col">Durée</Table.Th>
            <Table.Th scope="col">Message</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {check.steps.map((step) => {
            const s = STATUS[step.status];
            return (
              <Table.Tr key={step.kind}>
                <Table.Td>{step.label}</Table.Td>
                <Table.Td>
                  <Badge color={s.color} variant="light">
                    {s.label}
                  </Badge>
                </Table.Td>
                <Table.Td>{formatDuration(step.durationMs)}</Table.Td>
                <Table.Td>{step.message}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </section>
  );
}
