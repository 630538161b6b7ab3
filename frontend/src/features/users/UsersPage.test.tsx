import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/errors';
import { operationOf, renderScreen } from '@/test/render';
import { UsersPage } from './UsersPage';

const request = vi.fn();
vi.mock('@/lib/graphql', () => ({ request: (...args: unknown[]) => request(...args) }));

const at = '2026-12-04T10:00:00Z';
const alpha = { id: 't1', name: 'Alpha' };
type Account = { id: string; email: string; displayName: string; role: string; roleLabel: string; disabled: boolean; lastLoginAt: string | null; createdAt: string; tenant: typeof alpha };
let accounts: Account[];
let callerRole = 'OPERATOR_ADMIN';
let grants: { id: string; uai: string; name: string; commune: string | null }[];

beforeEach(() => {
  callerRole = 'OPERATOR_ADMIN';
  accounts = [
    { id: 'me', email: 'operateur@alpha.test', displayName: 'Odile Opératrice', role: 'OPERATOR_ADMIN', roleLabel: 'Administrateur de l’opérateur ENT', disabled: false, lastLoginAt: at, createdAt: at, tenant: alpha },
    { id: 'u1', email: 'ecole@alpha.test', displayName: 'Étienne École', role: 'SCHOOL_ADMIN', roleLabel: 'Administrateur d’établissement', disabled: false, lastLoginAt: null, createdAt: at, tenant: alpha },
  ];
  grants = [{ id: 'e1', uai: '0410017W', name: 'Lycée Augustin Thierry', commune: 'Blois' }];
  request.mockReset();
  request.mockImplementation((document: unknown, variables: Record<string, unknown>) => {
    const name = operationOf(document);
    switch (name) {
      case 'UsersCaller':
        return Promise.resolve({ me: { id: 'me', role: callerRole, tenant: callerRole === 'PLATFORM_ADMIN' ? null : alpha }, passwordRules: { minLength: 12, rules: ['Au moins 12 caractères.'] } });
      case 'UserTenants':
        return Promise.resolve({ tenants: { nodes: [alpha, { id: 't2', name: 'Beta' }] } });
      case 'UsersList':
        return Promise.resolve({ users: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: accounts.map((a) => ({ ...a })) } });
      case 'CreateOperatorUser': {
        const input = variables.input as { email: string; displayName: string; role: string; password: string; tenantId: string | null };
        if (input.password.length < 12) {
          return Promise.reject(new ApiError({ message: 'Le mot de passe doit compter au moins 12 caractères.', extensions: { code: 'VALIDATION', field: 'password' } }));
        }
        const created = { id: 'u2', email: input.email, displayName: input.displayName, role: input.role, roleLabel: 'Assistance', disabled: false, lastLoginAt: null, createdAt: at, tenant: alpha };
        accounts.push(created);
        return Promise.resolve({ createUser: { id: created.id, email: created.email, displayName: created.displayName } });
      }
      case 'SetUserDisabled': {
        const a = accounts.find((x) => x.id === variables.userId)!;
        a.disabled = variables.disabled as boolean;
        return Promise.resolve({ setUserDisabled: { id: a.id, disabled: a.disabled } });
      }
      case 'RequestUserPasswordReset':
        return Promise.resolve({ requestPasswordReset: true });
      case 'GrantedEstablishments':
        return Promise.resolve({ grantedEstablishments: grants.map((g) => ({ ...g })) });
      case 'EstablishmentLookup':
        if (variables.uai !== '0180005H') return Promise.reject(new ApiError({ message: 'Établissement introuvable.', extensions: { code: 'NOT_FOUND' } }));
        return Promise.resolve({ establishmentByUai: { id: 'e2', uai: '0180005H', name: 'Collège Jean Moulin', base: null } });
      case 'GrantEstablishmentToUser':
        grants.push({ id: 'e2', uai: '0180005H', name: 'Collège Jean Moulin', commune: null });
        return Promise.resolve({ grantEstablishment: true });
      case 'RevokeEstablishmentFromUser':
        grants = grants.filter((g) => g.id !== variables.establishmentId);
        return Promise.resolve({ revokeEstablishment: true });
      default:
        return Promise.reject(new Error(`unexpected ${name}`));
    }
  });
});

function calls(name: string) {
  return request.mock.calls.filter(([d]) => operationOf(d) === name).map(([, v]) => v);
}

describe('Utilisateurs', () => {
  it('lists the accounts with role and state; nobody disables their own account', async () => {
    renderScreen(<UsersPage />, '/utilisateurs');
    const table = await screen.findByRole('table', { name: /2 comptes affichés/ });
    const school = within(table).getByText('Étienne École').closest('tr')!;
    expect(school).toHaveTextContent('Administrateur d’établissement');
    expect(school).toHaveTextContent('Actif');
    expect(school).toHaveTextContent('Jamais');
    expect(within(table).queryByRole('button', { name: 'Désactiver le compte de Odile Opératrice' })).not.toBeInTheDocument();
  });

  it('creates an account with a role; the API’s refusal lands on the field', async () => {
    renderScreen(<UsersPage />, '/utilisateurs');
    await screen.findByRole('table');
    const form = screen.getByRole('region', { name: 'Créer un compte' });
    expect(within(form).getByRole('option', { name: 'Assistance' })).toBeInTheDocument();
    expect(within(form).queryByRole('option', { name: 'Administrateur de la plateforme' })).not.toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/Adresse e-mail/), 'jeanne@alpha.test');
    await userEvent.type(screen.getByLabelText(/Nom affiché/), 'Jeanne Assistance');
    await userEvent.selectOptions(within(form).getByLabelText('Rôle'), 'HELPDESK');
    await userEvent.type(screen.getByLabelText(/Mot de passe initial/), 'court');
    await userEvent.click(screen.getByRole('button', { name: 'Créer le compte' }));
    expect(await screen.findByText('Le mot de passe doit compter au moins 12 caractères.')).toBeInTheDocument();
    await userEvent.clear(screen.getByLabelText(/Mot de passe initial/));
    await userEvent.type(screen.getByLabelText(/Mot de passe initial/), 'un mot de passe solide');
    await userEvent.click(screen.getByRole('button', { name: 'Créer le compte' }));
    expect(await screen.findByText('Le compte de Jeanne Assistance (jeanne@alpha.test) est créé.')).toBeInTheDocument();
    expect(calls('CreateOperatorUser').at(-1)).toEqual({ input: { email: 'jeanne@alpha.test', displayName: 'Jeanne Assistance', role: 'HELPDESK', password: 'un mot de passe solide', tenantId: null } });
    expect(await screen.findByRole('table', { name: /3 comptes affichés/ })).toBeInTheDocument();
  });

  it('disables an account and sends a password reset link', async () => {
    renderScreen(<UsersPage />, '/utilisateurs');
    await screen.findByRole('table');
    await userEvent.click(screen.getByRole('button', { name: 'Réinitialiser le mot de passe de Étienne École' }));
    expect(await screen.findByText(/Un lien pour choisir un nouveau mot de passe est envoyé à ecole@alpha.test/)).toBeInTheDocument();
    expect(calls('RequestUserPasswordReset')).toEqual([{ userId: 'u1' }]);
    await userEvent.click(screen.getByRole('button', { name: 'Désactiver le compte de Étienne École' }));
    expect(await screen.findByText(/Le compte de Étienne École est désactivé/)).toBeInTheDocument();
    const row = (await screen.findByText('Désactivé')).closest('tr')!;
    expect(row).toHaveTextContent('Étienne École');
    expect(within(row).getByRole('button', { name: 'Réactiver le compte de Étienne École' })).toBeInTheDocument();
    expect(within(row).queryByRole('button', { name: /Réinitialiser/ })).not.toBeInTheDocument();
  });

  it('grants and revokes a school administrator’s establishments', async () => {
    renderScreen(<UsersPage />, '/utilisateurs');
    await screen.findByRole('table');
    await userEvent.click(screen.getByRole('button', { name: 'Établissements de Étienne École' }));
    const panel = await screen.findByRole('region', { name: 'Établissements de Étienne École' });
    expect(await within(panel).findByText('Lycée Augustin Thierry')).toBeInTheDocument();
    await userEvent.type(within(panel).getByLabelText(/UAI de l’établissement à confier/), '0000000A');
    await userEvent.click(within(panel).getByRole('button', { name: 'Confier l’établissement' }));
    expect(await within(panel).findByText('Aucun établissement de l’opérateur n’a l’UAI 0000000A.')).toBeInTheDocument();
    await userEvent.clear(within(panel).getByLabelText(/UAI de l’établissement à confier/));
    await userEvent.type(within(panel).getByLabelText(/UAI de l’établissement à confier/), '0180005H');
    await userEvent.click(within(panel).getByRole('button', { name: 'Confier l’établissement' }));
    expect(await within(panel).findByText('Étienne École administre désormais 0180005H — Collège Jean Moulin.')).toBeInTheDocument();
    expect(calls('GrantEstablishmentToUser')).toEqual([{ userId: 'u1', establishmentId: 'e2' }]);
    expect(await within(panel).findByText('Collège Jean Moulin')).toBeInTheDocument();
    await userEvent.click(within(panel).getByRole('button', { name: 'Retirer 0410017W à Étienne École' }));
    expect(await within(panel).findByText('Étienne École n’administre plus 0410017W.')).toBeInTheDocument();
    expect(within(panel).queryByText('Lycée Augustin Thierry')).not.toBeInTheDocument();
  });

  it('lets a platform administrator name the operator, and create another platform administrator without one', async () => {
    callerRole = 'PLATFORM_ADMIN';
    renderScreen(<UsersPage />, '/utilisateurs');
    const form = await screen.findByRole('region', { name: 'Créer un compte' });
    await within(form).findByRole('option', { name: 'Beta' });
    await userEvent.type(within(form).getByLabelText(/Adresse e-mail/), 'paul@beta.test');
    await userEvent.type(within(form).getByLabelText(/Nom affiché/), 'Paul');
    await userEvent.selectOptions(within(form).getByLabelText('Opérateur', { exact: false }), 't2');
    await userEvent.type(within(form).getByLabelText(/Mot de passe initial/), 'un mot de passe solide');
    await userEvent.click(within(form).getByRole('button', { name: 'Créer le compte' }));
    await screen.findByText(/Le compte de Paul \(paul@beta.test\) est créé/);
    expect(calls('CreateOperatorUser').at(-1)).toMatchObject({ input: { role: 'SCHOOL_ADMIN', tenantId: 't2' } });
    await userEvent.selectOptions(within(form).getByLabelText('Rôle'), 'PLATFORM_ADMIN');
    expect(within(form).queryByLabelText('Opérateur', { exact: false })).not.toBeInTheDocument();
  });
});
