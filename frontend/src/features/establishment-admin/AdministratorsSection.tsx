import { Alert, Anchor, Button, Group, Modal, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { Notice } from '@/components/Notice';
import { EmptyState, QueryState } from '@/components/QueryState';
import type { EstablishmentTenantAccountsQuery } from '@/gql/graphql';
import { messageOf } from '@/lib/errors';
import { count } from '@/lib/format';
import { request } from '@/lib/graphql';
import { EstablishmentAdministratorsQuery, GrantManagedEstablishmentMutation, RevokeManagedEstablishmentMutation, TenantAccountsQuery } from './api';

type Account = EstablishmentTenantAccountsQuery['users']['nodes'][number];

interface Props {
  establishment: { id: string; uai: string; name: string; tenant?: { id: string } | null };
}

/** Every account of the operator, page after page (the school administrators are among them). */
async function allAccounts(tenantId: string | null): Promise<Account[]> {
  const accounts: Account[] = [];
  let after: string | null = null;
  for (;;) {
    const page: EstablishmentTenantAccountsQuery = await request(TenantAccountsQuery, { tenantId, after });
    accounts.push(...page.users.nodes);
    if (!page.users.pageInfo.hasNextPage || !page.users.pageInfo.endCursor) return accounts;
    after = page.users.pageInfo.endCursor;
  }
}

/**
 * The school administrators an establishment is granted to
 * (`establishmentAdministrators`, one query): grant it to one of the
 * operator's school administrators, revoke with a confirmation.
 */
export function AdministratorsSection({ establishment: e }: Props) {
  const client = useQueryClient();
  const tenantId = e.tenant?.id ?? null;
  const accounts = useQuery({ queryKey: ['establishment-admin', 'accounts', tenantId], queryFn: () => allAccounts(tenantId) });
  const administratorsKey = ['establishment-admin', 'administrators', e.id];
  const administrators = useQuery({
    queryKey: administratorsKey,
    queryFn: () => request(EstablishmentAdministratorsQuery, { establishmentId: e.id }),
  });
  const granted: Account[] = administrators.data?.establishmentAdministrators ?? [];
  const grantedIds = new Set(granted.map((a) => a.id));
  const candidates = (accounts.data ?? []).filter((a) => a.role === 'SCHOOL_ADMIN' && !a.disabled && !grantedIds.has(a.id));
  const [chosen, setChosen] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<Account | null>(null);

  async function refresh(userId: string) {
    await Promise.all([client.invalidateQueries({ queryKey: administratorsKey }), client.invalidateQueries({ queryKey: ['users', 'grants', userId] })]);
  }
  const grant = useMutation({
    mutationFn: (a: Account) => request(GrantManagedEstablishmentMutation, { userId: a.id, establishmentId: e.id }),
    onMutate: () => setNotice(null),
    onSuccess: async (_, a) => {
      setChosen('');
      setNotice(`${a.displayName} administre désormais ${e.uai} — ${e.name}.`);
      await refresh(a.id);
    },
  });
  const revoke = useMutation({
    mutationFn: (a: Account) => request(RevokeManagedEstablishmentMutation, { userId: a.id, establishmentId: e.id }),
    onMutate: () => setNotice(null),
    onSuccess: async (_, a) => {
      setRevoking(null);
      setNotice(`${a.displayName} n’administre plus ${e.uai}.`);
      await refresh(a.id);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const account = candidates.find((a) => a.id === chosen);
    if (account) grant.mutate(account);
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="administrators-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="administrators-title">
          Administrateurs d’établissement
        </Title>
        <Text size="sm">Un administrateur d’établissement ne voit que les établissements qui lui sont confiés, et leurs bases.</Text>
        <div aria-live="polite">{notice && <Notice color="green">{notice}</Notice>}</div>
        {grant.error && (
          <Alert color="red" role="alert" title="Attribution refusée">
            {messageOf(grant.error)}
          </Alert>
        )}
        <QueryState
          loading={accounts.isPending || administrators.isPending}
          error={accounts.error ?? administrators.error}
          retry={() => void Promise.all([accounts.refetch(), administrators.refetch()])}
        >
          {granted.length === 0 ? (
            <EmptyState>L’établissement n’est confié à aucun administrateur d’établissement.</EmptyState>
          ) : (
            <Table>
              <Table.Caption>
                {count(granted.length, 'administrateur', 'administrateurs')} de {e.uai}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Nom</Table.Th>
                  <Table.Th scope="col">Adresse e-mail</Table.Th>
                  <Table.Th scope="col">Compte</Table.Th>
                  <Table.Th scope="col">Action</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {granted.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>{a.displayName}</Table.Td>
                    <Table.Td>{a.email}</Table.Td>
                    <Table.Td>{a.disabled ? 'Désactivé' : 'Actif'}</Table.Td>
                    <Table.Td>
                      <Button size="xs" variant="outline" color="red" aria-label={`Retirer ${e.uai} à ${a.displayName}`} onClick={() => setRevoking(a)}>
                        Retirer
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {candidates.length === 0 ? (
            <Text size="sm">
              Aucun autre administrateur d’établissement actif chez l’opérateur : <Anchor component={Link} to="/utilisateurs" underline="always">créez son compte dans Utilisateurs</Anchor>.
            </Text>
          ) : (
            <form onSubmit={submit}>
              <Group align="end">
                <NativeSelect
                  label="Administrateur d’établissement"
                  value={chosen}
                  onChange={(event) => setChosen(event.currentTarget.value)}
                  data={[{ value: '', label: 'Choisir un compte' }, ...candidates.map((a) => ({ value: a.id, label: `${a.displayName} (${a.email})` }))]}
                />
                <Button type="submit" loading={grant.isPending} disabled={chosen === ''}>
                  Confier l’établissement
                </Button>
              </Group>
            </form>
          )}
        </QueryState>
      </Stack>
      <Modal
        opened={revoking !== null}
        onClose={() => setRevoking(null)}
        title={revoking ? `Retirer ${e.uai} à ${revoking.displayName} ?` : ''}
        lockScroll={false}
        closeButtonProps={{ 'aria-label': 'Fermer la fenêtre' }}
      >
        {revoking && (
          <Stack gap="sm">
            <Text size="sm">
              {revoking.displayName} ne verra plus {e.name} ni sa base dans Relais. Vous pourrez lui confier l’établissement de nouveau.
            </Text>
            {revoke.error && (
              <Alert color="red" role="alert" title="Retrait refusé">
                {messageOf(revoke.error)}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRevoking(null)} data-autofocus>
                Annuler
              </Button>
              <Button color="red" loading={revoke.isPending} onClick={() => revoke.mutate(revoking)}>
                Retirer l’accès
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Paper>
  );
}
