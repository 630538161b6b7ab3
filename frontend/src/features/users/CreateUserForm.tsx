import { Alert, Button, Group, List, NativeSelect, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { Role, UsersCallerQuery } from '@/gql/graphql';
import { fieldErrors, messageOf } from '@/lib/errors';
import { request } from '@/lib/graphql';
import { CreateUserMutation, UserTenantsQuery } from './api';
import { ROLE_LABELS, creatableRoles } from './roles';

const FIELDS = ['email', 'displayName', 'role', 'tenantId', 'password'] as const;

interface Props {
  caller: UsersCallerQuery;
  onCreated: (user: { id: string; email: string; displayName: string }) => void;
}

/** « Créer un compte »: the API checks the role, the address and the password rules; its message lands on the field. */
export function CreateUserForm({ caller, onCreated }: Props) {
  const roles = creatableRoles(caller.me.role);
  const platform = caller.me.role === 'PLATFORM_ADMIN';
  const tenants = useQuery({ queryKey: ['users', 'tenants'], queryFn: () => request(UserTenantsQuery), enabled: platform });
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>(roles[0] ?? 'SCHOOL_ADMIN');
  const [tenantId, setTenantId] = useState('');
  const [password, setPassword] = useState('');
  const create = useMutation({
    mutationFn: () =>
      request(CreateUserMutation, {
        input: { email, displayName, role, password, tenantId: platform && role !== 'PLATFORM_ADMIN' ? tenantId || null : null },
      }),
    onSuccess: (data) => {
      setEmail('');
      setDisplayName('');
      setPassword('');
      onCreated(data.createUser);
    },
  });
  const errors = fieldErrors(create.error, FIELDS);
  const general = create.error && Object.keys(errors).length === 0 ? messageOf(create.error) : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="create-user-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="create-user-title">
            Créer un compte
          </Title>
          <Group grow align="start">
            <TextInput label="Adresse e-mail" type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={errors.email} autoComplete="off" />
            <TextInput label="Nom affiché" required value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} error={errors.displayName} />
          </Group>
          <Group grow align="start">
            <NativeSelect
              label="Rôle"
              value={role}
              onChange={(e) => setRole(e.currentTarget.value as Role)}
              data={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
              error={errors.role}
            />
            {platform && role !== 'PLATFORM_ADMIN' && (
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
          <PasswordInput
            label="Mot de passe initial"
            description="À transmettre à la personne par un autre canal ; elle le change à sa première connexion, ou réinitialisez-le pour lui envoyer un lien."
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.password}
            autoComplete="new-password"
          />
          <Text size="sm" id="password-rules">
            Règles du mot de passe :
          </Text>
          <List size="sm" aria-labelledby="password-rules">
            {caller.passwordRules.rules.map((rule) => (
              <List.Item key={rule}>{rule}</List.Item>
            ))}
          </List>
          {general && (
            <Alert color="red" role="alert" title="Création refusée">
              {general}
            </Alert>
          )}
          <Button type="submit" w="fit-content" loading={create.isPending}>
            Créer le compte
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
