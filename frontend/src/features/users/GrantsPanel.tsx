import { Alert, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { EmptyState, QueryState } from '@/components/QueryState';
import { messageOf } from '@/lib/errors';
import { establishmentByUai } from '@/lib/establishment-lookup';
import { request } from '@/lib/graphql';
import { GrantEstablishmentMutation, GrantedEstablishmentsQuery, RevokeEstablishmentMutation } from './api';
import { Notice } from '@/components/Notice';

interface Props {
  user: { id: string; displayName: string; email: string; tenantId: string | null };
  onClose: () => void;
}

/** The establishments a school administrator administers: add one by UAI, remove one. */
export function GrantsPanel({ user, onClose }: Props) {
  const client = useQueryClient();
  const key = ['users', 'grants', user.id];
  const grants = useQuery({ queryKey: key, queryFn: () => request(GrantedEstablishmentsQuery, { userId: user.id }) });
  const [uai, setUai] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const grant = useMutation({
    mutationFn: async () => {
      const found = await establishmentByUai(uai, 'uai', user.tenantId);
      await request(GrantEstablishmentMutation, { userId: user.id, establishmentId: found.id });
      return found;
    },
    onSuccess: async (e) => {
      setUai('');
      setDone(`${user.displayName} administre désormais ${e.uai} — ${e.name}.`);
      await client.invalidateQueries({ queryKey: key });
    },
    onMutate: () => setDone(null),
  });
  const revoke = useMutation({
    mutationFn: (e: { id: string; uai: string }) => request(RevokeEstablishmentMutation, { userId: user.id, establishmentId: e.id }),
    onSuccess: async (_, e) => {
      setDone(`${user.displayName} n’administre plus ${e.uai}.`);
      await client.invalidateQueries({ queryKey: key });
    },
    onMutate: () => setDone(null),
  });
  const rows = grants.data?.grantedEstablishments ?? [];

  function submit(event: FormEvent) {
    event.preventDefault();
    grant.mutate();
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="grants-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3" id="grants-title">
            Établissements de {user.displayName}
          </Title>
          <Button variant="subtle" size="xs" onClick={onClose}>
            Fermer
          </Button>
        </Group>
        <Text size="sm">Un administrateur d’établissement ne voit que les établissements qui lui sont confiés, et leurs bases.</Text>
        <div aria-live="polite">
          {done && (
            <Notice color="green">
              {done}
            </Notice>
          )}
        </div>
        {(grant.error ?? revoke.error) && (
          <Alert color="red" role="alert" title="Modification refusée">
            {messageOf(grant.error ?? revoke.error)}
          </Alert>
        )}
        <QueryState loading={grants.isPending} error={grants.error} notFound="Compte" retry={() => void grants.refetch()}>
          {rows.length === 0 ? (
            <EmptyState>Aucun établissement confié.</EmptyState>
          ) : (
            <Table>
              <Table.Caption>Établissements confiés à {user.email}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">UAI</Table.Th>
                  <Table.Th scope="col">Nom</Table.Th>
                  <Table.Th scope="col">Commune</Table.Th>
                  <Table.Th scope="col">Action</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>{e.uai}</Table.Td>
                    <Table.Td>{e.name}</Table.Td>
                    <Table.Td>{e.commune ?? '—'}</Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="outline"
                        color="red"
                        aria-label={`Retirer ${e.uai} à ${user.displayName}`}
                        loading={revoke.isPending && revoke.variables?.id === e.id}
                        onClick={() => revoke.mutate({ id: e.id, uai: e.uai })}
                      >
                        Retirer
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </QueryState>
        <form onSubmit={submit}>
          <Group align="end">
            <TextInput label="UAI de l’établissement à confier" value={uai} onChange={(e) => setUai(e.currentTarget.value)} placeholder="0410017W" required />
            <Button type="submit" loading={grant.isPending} disabled={uai.trim() === ''}>
              Confier l’établissement
            </Button>
          </Group>
        </form>
      </Stack>
    </Paper>
  );
}
