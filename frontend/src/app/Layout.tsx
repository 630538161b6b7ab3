import { Button, Group, NavLink, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { NavLink as RouterLink, Outlet, useMatch } from 'react-router-dom';
import { MeQuery } from '@/features/auth';
import { request } from '@/lib/graphql';
import { useLiveState } from '@/lib/live';
import { signOut } from '@/lib/session';
import { ReadOnlyProvider } from '@/components/ReadOnly';
import { HELPDESK_ROLES, OPERATOR_ROLES } from './RequireRole';

export function Layout() {
  const me = useQuery({ queryKey: ['me'], queryFn: () => request(MeQuery) });
  const client = useQueryClient();
  const base = useMatch('/bases/:baseId/*');
  const baseId = base?.params.baseId;
  const live = useLiveState();

  async function leave() {
    await signOut();
    client.clear();
  }

  return (
    <div className="shell">
      <a href="#contenu" className="skip-link">
        Aller au contenu
      </a>
      <header className="shell-header">
        <Group justify="space-between">
          <Text fw={700} size="lg">
            Relais
          </Text>
          <Group>
            <Text size="xs" role="status">
              {live === 'live' && 'Mises à jour en direct'}
              {live === 'polling' && 'Mises à jour toutes les 15 secondes'}
            </Text>
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
      </header>
      <nav className="shell-nav" aria-label="Navigation principale">
        {me.data && OPERATOR_ROLES.includes(me.data.me.role) && <NavLink component={RouterLink} to="/tableau-de-bord" label="Tableau de bord régional" />}
        {me.data && OPERATOR_ROLES.includes(me.data.me.role) && <NavLink component={RouterLink} to="/registre-cas" label="Registre CAS de l’ENT" />}
        <NavLink component={RouterLink} to="/etablissements" label="Mes établissements" end />
        {me.data && HELPDESK_ROLES.includes(me.data.me.role) && (
          <>
            <NavLink component={RouterLink} to="/assistance" label="File d’attente de l’assistance" end />
            <NavLink component={RouterLink} to="/assistance/tableau-de-bord" label="Tableau de bord de l’assistance" />
          </>
        )}
        {me.data && OPERATOR_ROLES.includes(me.data.me.role) && (
          <>
            <NavLink component={RouterLink} to="/bases" label="Bases" end />
            <NavLink component={RouterLink} to="/modeles" label="Modèles" end />
            <NavLink component={RouterLink} to="/modeles/mises-a-jour" label="Mises à jour de modèles" />
            <NavLink component={RouterLink} to="/etablissements/gestion" label="Gestion des établissements" />
            <NavLink component={RouterLink} to="/etablissements/import" label="Importer des établissements" />
            <NavLink component={RouterLink} to="/courriels" label="Courriels" />
            <NavLink component={RouterLink} to="/echanges" label="Échanges" />
            <NavLink component={RouterLink} to="/utilisateurs" label="Utilisateurs" />
            <NavLink component={RouterLink} to="/journal" label="Journal d’audit" />
          </>
        )}
        {baseId && (
          <>
            <NavLink component={RouterLink} to={`/bases/${baseId}`} label="Paramètres de la base" end />
            <NavLink component={RouterLink} to={`/bases/${baseId}/diagnostics`} label="Diagnostics" />
            <NavLink component={RouterLink} to={`/bases/${baseId}/test`} label="Tester l’authentification" />
            <NavLink component={RouterLink} to={`/bases/${baseId}/rapprochement`} label="Rapprochement" />
            <NavLink component={RouterLink} to={`/bases/${baseId}/assistance`} label="Assistance" />
          </>
        )}
      </nav>
      <main className="shell-main" id="contenu" tabIndex={-1}>
        <ReadOnlyProvider value={me.data ? me.data.me.role === 'HELPDESK' : true}>
          <Outlet />
        </ReadOnlyProvider>
      </main>
    </div>
  );
}
