import { Alert, Anchor, Badge, Button, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { EmptyState, QueryState } from '@/components/QueryState';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import type { UsersListQuery } from '@/gql/graphql';
import { messageOf } from '@/lib/errors';
import { count, formatDateTime, searchKey } from '@/lib/format';
import { request } from '@/lib/graphql';
import { RequestPasswordResetMutation, SetUserDisabledMutation, UsersCallerQuery, UsersListQuery as UsersList } from './api';
import { CreateUserForm } from './CreateUserForm';
import { GrantsPanel } from './GrantsPanel';
import { ROLE_LABELS } from './roles';
import './users.css';
import { Notice } from '@/components/Notice';

type Account = UsersListQuery['users']['nodes'][number];

/** « Utilisateurs »: the accounts of the operator, their role and state; create, disable, reset a password, grants. */
export function UsersPage() {
  useDocumentTitle('Utilisateurs');
  const [params, setParams] = useSearchParams();
  const selected = params.get('compte');
  const client = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [role, setRole] = useState('');
  const caller = useQuery({ queryKey: ['users', 'caller'], queryFn: () => request(UsersCallerQuery) });
  const list = useInfiniteQuery({
    queryKey: ['users', 'list'],
    queryFn: ({ pageParam }) => request(UsersList, { after: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.users.pageInfo.hasNextPage ? last.users.pageInfo.endCursor : undefined),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['users', 'list'] });
  const disable = useMutation({
    mutationFn: (a: Account) => request(SetUserDisabledMutation, { userId: a.id, disabled: !a.disabled }),
    onMutate: () => setNotice(null),
    onSuccess: async (_, a) => {
      setNotice(
        a.disabled
          ? `Le compte de ${a.displayName} est réactivé : la personne peut de nouveau se connecter.`
          : `Le compte de ${a.displayName} est désactivé : ses sessions sont fermées et elle ne peut plus se connecter.`,
      );
      await refresh();
    },
  });
  const reset = useMutation({
    mutationFn: (a: Account) => request(RequestPasswordResetMutation, { userId: a.id }),
    onMutate: () => setNotice(null),
    onSuccess: (_, a) =>
      setNotice(
        `Un lien pour choisir un nouveau mot de passe est envoyé à ${a.email}. Il ne sert qu’une fois ; le mot de passe actuel reste valable jusqu’à son usage.`,
      ),
  });

  const all = list.data?.pages.flatMap((p) => p.users.nodes) ?? [];
  const key = searchKey(search.trim());
  const rows = all.filter((a) => (!role || a.role === role) && (!key || searchKey(`${a.displayName} ${a.email}`).includes(key)));
  const chosen = all.find((a) => a.id === selected) ?? null;
  const actionError = disable.error ?? reset.error;

  function choose(id: string | null) {
    setNotice(null);
    setParams(id ? { compte: id } : {}, { replace: true });
  }

  return (
    <Stack>
      <Title order={1}>Utilisateurs</Title>
      <Text>
        Les comptes de l’opérateur : administrateurs, assistance et administrateurs d’établissement. Un compte désactivé ne peut plus se connecter ; ce que la
        personne a fait reste dans le journal d’audit.
      </Text>
      {caller.data && (
        <CreateUserForm
          caller={caller.data}
          onCreated={(u) => {
            setNotice(`Le compte de ${u.displayName} (${u.email}) est créé.`);
            void refresh();
            setParams({ compte: u.id }, { replace: true });
          }}
        />
      )}
      <div aria-live="polite">
        {notice && (
          <Notice color="green">
            {notice}
          </Notice>
        )}
      </div>
      {actionError && (
        <Alert color="red" role="alert" title="Action refusée">
          {messageOf(actionError)}
        </Alert>
      )}
      {chosen?.role === 'SCHOOL_ADMIN' && (
        <GrantsPanel
          key={chosen.id}
          user={{ id: chosen.id, displayName: chosen.displayName, email: chosen.email, tenantId: chosen.tenant?.id ?? null }}
          onClose={() => choose(null)}
        />
      )}
      <Group align="end">
        <TextInput label="Rechercher un compte" description="Nom ou adresse" value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
        <NativeSelect
          label="Filtrer par rôle"
          value={role}
          onChange={(e) => setRole(e.currentTarget.value)}
          data={[{ value: '', label: 'Tous' }, ...Object.entries(ROLE_LABELS).map(([value, label]) => ({ value, label }))]}
        />
      </Group>
      <QueryState loading={list.isPending} error={list.error} retry={() => void list.refetch()}>
        {rows.length === 0 ? (
          <EmptyState>Aucun compte ne correspond.</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={1000}>
            <Table striped>
              <Table.Caption>
                {count(rows.length, 'compte affiché', 'comptes affichés')}
                {list.hasNextPage ? ' (d’autres suivent)' : ''}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Nom</Table.Th>
                  <Table.Th scope="col">Adresse</Table.Th>
                  <Table.Th scope="col">Rôle</Table.Th>
                  <Table.Th scope="col">État</Table.Th>
                  <Table.Th scope="col">Dernière connexion</Table.Th>
                  <Table.Th scope="col">Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((a) => {
                  const self = a.id === caller.data?.me.id;
                  return (
                    <Table.Tr key={a.id} aria-current={a.id === selected ? 'true' : undefined} className={a.id === selected ? 'users-selected' : undefined}>
                      <Table.Td>
                        {a.displayName}
                        {self && (
                          <Text size="xs" c="dimmed">
                            vous
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{a.email}</Table.Td>
                      <Table.Td>
                        {a.roleLabel}
                        {a.tenant && caller.data?.me.role === 'PLATFORM_ADMIN' && (
                          <Text size="xs" c="dimmed">
                            {a.tenant.name}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={a.disabled ? 'gray' : 'green'} className="users-badge">
                          {a.disabled ? 'Désactivé' : 'Actif'}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{a.lastLoginAt ? formatDateTime(a.lastLoginAt) : 'Jamais'}</Table.Td>
                      <Table.Td>
                        <Group gap="xs">
                          {!self && (
                            <Button
                              size="xs"
                              variant="outline"
                              color={a.disabled ? 'blue' : 'red'}
                              aria-label={`${a.disabled ? 'Réactiver' : 'Désactiver'} le compte de ${a.displayName}`}
                              loading={disable.isPending && disable.variables?.id === a.id}
                              onClick={() => disable.mutate(a)}
                            >
                              {a.disabled ? 'Réactiver' : 'Désactiver'}
                            </Button>
                          )}
                          {!a.disabled && (
                            <Button
                              size="xs"
                              variant="outline"
                              aria-label={`Réinitialiser le mot de passe de ${a.displayName}`}
                              loading={reset.isPending && reset.variables?.id === a.id}
                              onClick={() => reset.mutate(a)}
                            >
                              Réinitialiser le mot de passe
                            </Button>
                          )}
                          {a.role === 'SCHOOL_ADMIN' && (
                            <Button size="xs" variant="subtle" aria-label={`Établissements de ${a.displayName}`} onClick={() => choose(a.id)}>
                              Établissements
                            </Button>
                          )}
                          <Anchor underline="always" component={Link} size="sm" to={`/journal?type=USER&objet=${a.id}`} aria-label={`Journal du compte de ${a.displayName}`}>
                            Journal
                          </Anchor>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {list.hasNextPage && (
          <Button variant="outline" w="fit-content" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            Afficher les comptes suivants
          </Button>
        )}
      </QueryState>
    </Stack>
  );
}
