import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import { renderScreen } from '@/test/render';
import { HELPDESK_ROLES, Home, RequireRole } from './RequireRole';

const request = vi.fn();
vi.mock('@/lib/graphql', () => ({ request: (...args: unknown[]) => request(...args) }));

function signedInAs(role: string) {
  request.mockResolvedValue({ me: { id: 'u1', displayName: 'Camille', email: 'c@exemple.fr', role, roleLabel: role, tenant: null } });
}

function renderApp(at: string) {
  renderScreen(
    <Routes>
      <Route index element={<Home />} />
      <Route path="assistance" element={<RequireRole roles={HELPDESK_ROLES}>File d’attente de l’assistance</RequireRole>} />
      <Route path="etablissements" element={<p>Mes établissements</p>} />
      <Route path="tableau-de-bord" element={<p>Tableau de bord régional</p>} />
    </Routes>,
    at,
  );
}

describe('Écrans de l’assistance', () => {
  it('brings a helpdesk agent to the queue after signing in', async () => {
    signedInAs('HELPDESK');
    renderApp('/');
    expect(await screen.findByText('File d’attente de l’assistance')).toBeInTheDocument();
  });

  it('lets operator administrators into the queue', async () => {
    signedInAs('OPERATOR_ADMIN');
    renderApp('/assistance');
    expect(await screen.findByText('File d’attente de l’assistance')).toBeInTheDocument();
  });

  it('keeps the regional dashboard as the operator’s home', async () => {
    signedInAs('OPERATOR_ADMIN');
    renderApp('/');
    expect(await screen.findByText('Tableau de bord régional')).toBeInTheDocument();
  });

  it('refuses a school administrator without showing the queue', async () => {
    signedInAs('SCHOOL_ADMIN');
    renderApp('/assistance');
    expect(await screen.findByRole('heading', { name: 'Accès refusé' })).toBeInTheDocument();
    expect(screen.queryByText('File d’attente de l’assistance')).not.toBeInTheDocument();
  });
});
