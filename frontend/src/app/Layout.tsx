import { AppShell, Burger, Button, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { NavLink as RouterLink, Outlet, useMatch, useNavigate } from 'react-router-dom';
import { MeQuery } from '@/features/auth';
import { request } from '@/lib/graphql';
import { signOut } from '@/lib/session';

export function Layout() {
  const [opened, { toggle }] = useDisclosure();
  const me = useQuery({ queryKey: ['me'], queryFn: () => request(MeQuery) });
  const client = useQueryClient();
  const navigate = useNavigate();
  const base = useMatch('/bases/:baseId/*');
  const baseId = base?.params.baseId;

  async function leave() {
    await signOut();
    client.clear();
    navigate('/connexion', { replace: true });
  }

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <a href="#contenu" className="skip-link">
        Aller au contenu
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Menu" />
            <Text fw={700} size="lg">
              Relais
            </Text>
          </Group>
          <Group>
            {me.data && (
              <Text size="sm">
                {me.data.me.displayName} · {me.data.me.roleLabel}
              </Text>
            )}
            <Button variant="outline" size="xs" onClick={() => void leave()}>
              Se déconnecter
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Navigation principale" component="nav">
        <NavLink component={RouterLink} to="/etablissements" label="Mes établissements" end />
        {baseId && (
          <>
            <NavLink component={RouterLink} to={`/bases/${baseId}`} label="Paramètres de la base" end />
            <NavLink component={RouterLink} to={`/bases/${baseId}/diagnostics`} label="Diagnostics" />
            <NavLink component={RouterLink} to={`/bases/${baseId}/test`} label="Tester l’authentification" />
          </>
        )}
      </AppShell.Navbar>
      <AppShell.Main id="contenu" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
