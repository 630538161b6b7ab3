import { Alert, Anchor, Center, Loader, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, Navigate } from 'react-router-dom';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { MeQuery } from '@/features/auth';
import type { Role } from '@/gql/graphql';
import { request } from '@/lib/graphql';

/** The roles that see the operator's screens (issue 17). */
export const OPERATOR_ROLES: readonly Role[] = ['OPERATOR_ADMIN', 'PLATFORM_ADMIN'];

/** The roles that work tickets: the helpdesk's screens (issue 17). */
export const HELPDESK_ROLES: readonly Role[] = ['HELPDESK', 'OPERATOR_ADMIN', 'PLATFORM_ADMIN'];

function useMe() {
  return useQuery({ queryKey: ['me'], queryFn: () => request(MeQuery) });
}

/**
 * Lets through the people whose role may see a screen; the others get
 * « Accès refusé » before the screen's code or data is even asked for
 * (the API refuses or narrows them anyway).
 */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const me = useMe();
  if (me.isPending) {
    return (
      <Center py="xl">
        <Loader role="status" aria-label="Vérification de vos droits" />
      </Center>
    );
  }
  if (!me.data || !roles.includes(me.data.me.role)) return <AccessDenied />;
  return <>{children}</>;
}

function AccessDenied() {
  useDocumentTitle('Accès refusé');
  return (
    <>
      <Title order={1}>Accès refusé</Title>
      <Alert color="orange" mt="md" role="alert">
        Cette page n’est pas ouverte à votre rôle. <Anchor component={Link} to="/etablissements">Revenir à mes établissements</Anchor>
      </Alert>
    </>
  );
}

/** The first page after sign-in: the dashboard for the operator, the queue for the helpdesk, the establishments for the others. */
export function Home() {
  const me = useMe();
  if (me.isPending) {
    return (
      <Center py="xl">
        <Loader role="status" aria-label="Chargement de la page" />
      </Center>
    );
  }
  const role = me.data?.me.role;
  const home = role && OPERATOR_ROLES.includes(role) ? '/tableau-de-bord' : role === 'HELPDESK' ? '/assistance' : '/etablissements';
  return <Navigate to={home} replace />;
}
