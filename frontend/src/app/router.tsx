import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, type ComponentType } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { RequireAuth } from '@/features/auth';
import { Layout } from './Layout';
import { HELPDESK_ROLES, Home, OPERATOR_ROLES, RequireRole } from './RequireRole';

// Routes are split per feature: the sign-in page loads none of the others.
function page<K extends string>(load: () => Promise<{ [key in K]: ComponentType }>, name: K) {
  const Component: ComponentType = lazy(async () => ({ default: (await load())[name] as ComponentType }));
  return (
    <Suspense
      fallback={
        <Center py="xl">
          <Loader role="status" aria-label="Chargement de la page" />
        </Center>
      }
    >
      <Component />
    </Suspense>
  );
}

export const router = createBrowserRouter([
  { path: '/connexion', element: page(() => import('@/features/auth/components/SignInPage'), 'SignInPage') },
  {
    path: '/',
    element: (
      <RequireAuth>
        <Layout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Home /> },
      {
        path: 'tableau-de-bord',
        element: <RequireRole roles={OPERATOR_ROLES}>{page(() => import('@/features/region/RegionDashboardPage'), 'RegionDashboardPage')}</RequireRole>,
      },
      {
        path: 'registre-cas',
        element: <RequireRole roles={OPERATOR_ROLES}>{page(() => import('@/features/cas-registry/CasRegistryPage'), 'CasRegistryPage')}</RequireRole>,
      },
      { path: 'etablissements', element: page(() => import('@/features/establishments/components/MyEstablishmentsPage'), 'MyEstablishmentsPage') },
      {
        path: 'bases',
        element: <RequireRole roles={OPERATOR_ROLES}>{page(() => import('@/features/bases/BasesPage'), 'BasesPage')}</RequireRole>,
      },
      { path: 'bases/:baseId', element: page(() => import('@/features/base/components/BasePage'), 'BasePage') },
      { path: 'bases/:baseId/diagnostics', element: page(() => import('@/features/diagnostics/DiagnosticsPage'), 'DiagnosticsPage') },
      { path: 'bases/:baseId/test', element: page(() => import('@/features/cas-test/CasTestPage'), 'CasTestPage') },
      { path: 'bases/:baseId/rapprochement', element: page(() => import('@/features/matching/MatchingPage'), 'MatchingPage') },
      { path: 'bases/:baseId/assistance', element: page(() => import('@/features/assistance/AssistancePage'), 'AssistancePage') },
      {
        path: 'modeles/mises-a-jour',
        element: <RequireRole roles={OPERATOR_ROLES}>{page(() => import('@/features/operations/model-updates/ModelUpdatesPage'), 'ModelUpdatesPage')}</RequireRole>,
      },
      {
        path: 'etablissements/import',
        element: <RequireRole roles={OPERATOR_ROLES}>{page(() => import('@/features/operations/establishment-import/EstablishmentImportPage'), 'EstablishmentImportPage')}</RequireRole>,
      },
      {
        path: 'etablissements/gestion',
        element: <RequireRole roles={OPERATOR_ROLES}>{page(() => import('@/features/establishment-admin/EstablishmentsAdminPage'), 'EstablishmentsAdminPage')}</RequireRole>,
      },
      {
        path: 'etablissements/gestion/:establishmentId',
        element: <RequireRole roles={OPERATOR_ROLES}>{page(() => import('@/features/establishment-admin/EstablishmentPage'), 'EstablishmentPage')}</RequireRole>,
      },
      {
        path: 'courriels',
        element: <RequireRole roles={OPERATOR_ROLES}>{page(() => import('@/features/operations/outbox/OutboxPage'), 'OutboxPage')}</RequireRole>,
      },
      {
        path: 'assistance',
        element: <RequireRole roles={HELPDESK_ROLES}>{page(() => import('@/features/helpdesk/queue/QueuePage'), 'QueuePage')}</RequireRole>,
      },
      {
        path: 'assistance/tableau-de-bord',
        element: <RequireRole roles={HELPDESK_ROLES}>{page(() => import('@/features/helpdesk/dashboard/HelpdeskDashboardPage'), 'HelpdeskDashboardPage')}</RequireRole>,
      },
      // The address the ticket's e-mails give (`/tickets/<id>`): the helpdesk works it, the school follows it.
      { path: 'tickets/:ticketId', element: page(() => import('@/features/helpdesk/ticket/TicketPage'), 'TicketPage') },
      {
        path: 'modeles',
        element: <RequireRole roles={OPERATOR_ROLES}>{page(() => import('@/features/models/ModelSourcesPage'), 'ModelSourcesPage')}</RequireRole>,
      },
      {
        path: 'modeles/:modelId',
        element: <RequireRole roles={OPERATOR_ROLES}>{page(() => import('@/features/models/ModelPage'), 'ModelPage')}</RequireRole>,
      },
      {
        path: 'utilisateurs',
        element: <RequireRole roles={OPERATOR_ROLES}>{page(() => import('@/features/users/UsersPage'), 'UsersPage')}</RequireRole>,
      },
      {
        path: 'echanges',
        element: <RequireRole roles={OPERATOR_ROLES}>{page(() => import('@/features/exchanges/ExchangesPage'), 'ExchangesPage')}</RequireRole>,
      },
      {
        path: 'journal',
        element: <RequireRole roles={OPERATOR_ROLES}>{page(() => import('@/features/audit/AuditJournalPage'), 'AuditJournalPage')}</RequireRole>,
      },
      { path: '*', element: page(() => import('./NotFound'), 'NotFound') },
    ],
  },
]);
