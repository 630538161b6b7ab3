import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { OPERATOR_ROLES, RequireRole } from '@/app/RequireRole';
import { ApiError } from '@/lib/errors';
import { operationOf, renderScreen } from '@/test/render';
import { EstablishmentPage } from './EstablishmentPage';
import { EstablishmentsAdminPage } from './EstablishmentsAdminPage';

const request = vi.fn();
vi.mock('@/lib/graphql', () => ({ request: (...args: unknown[]) => request(...args) }));

const alpha = { id: 't1', name: 'Alpha' };
const at = '2026-12-04T10:00:00Z';
type Row = {
  id: string;
  uai: string;
  uaiChecksumAcknowledged: boolean;
  name: string;
  kind: string;
  kindLabel: string;
  commune: string | null;
  postalCode: string | null;
  academy: string | null;
  status: 'OPEN' | 'CLOSED';
  updatedAt: string;
  tenant: typeof alpha;
  base: { id: string; groupUai: string } | null;
};
let rows: Row[];
let grants: Record<string, string[]>;
let role: string;

const accounts = [
  { id: 'op', email: 'operateur@alpha.test', displayName: 'Odile Opératrice', role: 'OPERATOR_ADMIN', disabled: false },
  { id: 'u1', email: 'ecole@alpha.test', displayName: 'Étienne École', role: 'SCHOOL_ADMIN', disabled: false },
  { id: 'u2', email: 'sarah@alpha.test', displayName: 'Sarah Principale', role: 'SCHOOL_ADMIN', disabled: false },
];

function row(id: string, uai: string, name: string, extra: Partial<Row> = {}): Row {
  return { id, uai, uaiChecksumAcknowledged: false, name, kind: 'LYCEE', kindLabel: 'Lycée', commune: 'Blois', postalCode: '41000', academy: 'Orléans-Tours', status: 'OPEN', updatedAt: at, tenant: alpha, base: null, ...extra };
}

beforeEach(() => {
  role = 'OPERATOR_ADMIN';
  rows = [row('e1', '0410017W', 'Lycée Augustin Thierry', { base: { id: 'b1', groupUai: '0410017W' } }), row('e2', '0180005H', 'Collège Jean Moulin', { kind: 'COLLEGE', kindLabel: 'Collège', commune: 'Bourges' })];
  grants = { u1: ['e1'], u2: [] };
  request.mockReset();
  request.mockImplementation((document: unknown, variables: Record<string, unknown>) => {
    const name = operationOf(document);
    switch (name) {
      case 'Me':
        return Promise.resolve({ me: { id: 'op', displayName: 'Odile', email: 'o@alpha.test', role, roleLabel: role, tenant: alpha } });
      case 'EstablishmentAdminCaller':
        return Promise.resolve({ me: { id: 'op', role, tenant: role === 'PLATFORM_ADMIN' ? null : alpha } });
      case 'EstablishmentAdminTenants':
        return Promise.resolve({ tenants: { nodes: [alpha, { id: 't2', name: 'Beta' }] } });
      case 'ManagedEstablishments': {
        const filter = variables.filter as { uaiPrefix?: string; name?: string } | null;
        const found = rows.filter((r) => !filter || (filter.uaiPrefix ? r.uai.startsWith(filter.uaiPrefix) : r.name.toLowerCase().includes((filter.name ?? '').toLowerCase())));
        return Promise.resolve({ establishments: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: found.map((r) => ({ ...r })) } });
      }
      case 'ManagedEstablishment': {
        const found = rows.find((r) => r.id === variables.id);
        if (!found) return Promise.reject(new ApiError({ message: 'Introuvable.', extensions: { code: 'NOT_FOUND' } }));
        return Promise.resolve({ establishment: { ...found } });
      }
      case 'CreateManagedEstablishment': {
        const input = variables.input as { uai: string; acknowledgeChecksumMismatch: boolean; name: string; kind: string; postalCode: string | null };
        if (input.uai === '0410017A' && !input.acknowledgeChecksumMismatch) {
          return Promise.reject(
            new ApiError({
              message: 'Le code UAI 0410017A a une lettre de contrôle incorrecte : la lettre attendue est W. Vérifiez le code ; s’il figure tel quel dans l’annuaire officiel, confirmez-le explicitement.',
              extensions: { code: 'VALIDATION', field: 'uai' },
            }),
          );
        }
        if (input.postalCode && !/^[0-9]{5}$/.test(input.postalCode)) {
          return Promise.reject(new ApiError({ message: 'Le code postal doit compter 5 chiffres (ex. 45000).', extensions: { code: 'VALIDATION', field: 'postalCode' } }));
        }
        const created = row('e3', input.uai, input.name, { uaiChecksumAcknowledged: input.acknowledgeChecksumMismatch, kind: input.kind, kindLabel: 'Collège' });
        rows.push(created);
        return Promise.resolve({ createEstablishment: { id: created.id, uai: created.uai, name: created.name } });
      }
      case 'UpdateManagedEstablishment': {
        const input = variables.input as { name: string; postalCode: string | null; status: 'OPEN' | 'CLOSED'; commune: string | null };
        if (input.postalCode && !/^[0-9]{5}$/.test(input.postalCode)) {
          return Promise.reject(new ApiError({ message: 'Le code postal doit compter 5 chiffres (ex. 45000).', extensions: { code: 'VALIDATION', field: 'input.postalCode' } }));
        }
        const r = rows.find((x) => x.id === variables.id)!;
        Object.assign(r, { name: input.name, postalCode: input.postalCode, status: input.status, commune: input.commune });
        return Promise.resolve({ updateEstablishment: { ...r } });
      }
      case 'EstablishmentTenantAccounts':
        return Promise.resolve({ users: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: accounts } });
      case 'EstablishmentAdministrators':
        return Promise.resolve({
          establishmentAdministrators: accounts.filter((a) => (grants[a.id] ?? []).includes(variables.establishmentId as string)),
        });
      case 'GrantManagedEstablishment':
        grants[variables.userId as string]!.push(variables.establishmentId as string);
        return Promise.resolve({ grantEstablishment: true });
      case 'RevokeManagedEstablishment':
        grants[variables.userId as string] = grants[variables.userId as string]!.filter((id) => id !== variables.establishmentId);
        return Promise.resolve({ revokeEstablishment: true });
      default:
        return Promise.reject(new Error(`unexpected ${name}`));
    }
  });
});

function calls(name: string) {
  return request.mock.calls.filter(([d]) => operationOf(d) === name).map(([, v]) => v as Record<string, unknown>);
}

function renderApp(at: string) {
  return renderScreen(
    <Routes>
      <Route path="/etablissements/gestion" element={<RequireRole roles={OPERATOR_ROLES}><EstablishmentsAdminPage /></RequireRole>} />
      <Route path="/etablissements/gestion/:establishmentId" element={<RequireRole roles={OPERATOR_ROLES}><EstablishmentPage /></RequireRole>} />
    </Routes>,
    at,
  );
}

describe('Gestion des établissements', () => {
  it('lists the establishments and searches by UAI or by name through the API’s filter', async () => {
    renderApp('/etablissements/gestion');
    const table = await screen.findByRole('table', { name: /2 établissements affichés/ });
    const thierry = within(table).getByText('0410017W').closest('tr')!;
    expect(thierry).toHaveTextContent('Lycée Augustin Thierry');
    expect(thierry).toHaveTextContent('Ouvert');
    expect(within(thierry).getByRole('link', { name: 'Lycée Augustin Thierry (0410017W)' })).toHaveAttribute('href', '/etablissements/gestion/e1');
    await userEvent.type(screen.getByLabelText(/Rechercher un établissement/), '018');
    await userEvent.click(screen.getByRole('button', { name: 'Rechercher' }));
    expect(await screen.findByRole('table', { name: /1 établissement affiché pour « 018 »/ })).toBeInTheDocument();
    expect(calls('ManagedEstablishments').at(-1)).toEqual({ filter: { uaiPrefix: '018' }, after: null });
    await userEvent.clear(screen.getByLabelText(/Rechercher un établissement/));
    await userEvent.type(screen.getByLabelText(/Rechercher un établissement/), 'inconnu');
    await userEvent.click(screen.getByRole('button', { name: 'Rechercher' }));
    expect(await screen.findByText('Aucun établissement ne correspond à « inconnu ».')).toBeInTheDocument();
    expect(calls('ManagedEstablishments').at(-1)).toEqual({ filter: { name: 'inconnu' }, after: null });
  });

  it('creates an establishment: a wrong check letter is refused, then kept once acknowledged', async () => {
    renderApp('/etablissements/gestion');
    await screen.findByRole('table');
    await userEvent.click(screen.getByRole('button', { name: 'Créer un établissement' }));
    const form = screen.getByRole('region', { name: 'Créer un établissement' });
    expect(within(form).queryByRole('checkbox')).not.toBeInTheDocument();
    await userEvent.type(within(form).getByLabelText(/Code UAI/), '0410017A');
    await userEvent.type(within(form).getByLabelText(/^Nom/), 'Collège du Nord');
    await userEvent.selectOptions(within(form).getByLabelText('Type d’établissement'), 'COLLEGE');
    await userEvent.click(within(form).getByRole('button', { name: 'Créer l’établissement' }));
    const uai = within(form).getByLabelText(/Code UAI/);
    expect(await within(form).findByText(/a une lettre de contrôle incorrecte : la lettre attendue est W/)).toBeInTheDocument();
    expect(uai).toHaveAttribute('aria-invalid', 'true');
    expect(calls('CreateManagedEstablishment')).toHaveLength(1);
    const acknowledge = within(form).getByRole('checkbox', { name: /Le code 0410017A figure tel quel dans l’annuaire officiel/ });
    await userEvent.click(acknowledge);
    await userEvent.click(within(form).getByRole('button', { name: 'Créer l’établissement' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Collège du Nord' })).toBeInTheDocument();
    expect(screen.getByText('L’établissement 0410017A — Collège du Nord est créé.').closest('[role="status"]')).not.toBeNull();
    expect(screen.getByText(/il a été confirmé tel que l’annuaire officiel l’écrit/)).toBeInTheDocument();
    expect(calls('CreateManagedEstablishment').at(-1)).toEqual({
      input: { uai: '0410017A', acknowledgeChecksumMismatch: true, tenantId: null, status: 'OPEN', name: 'Collège du Nord', kind: 'COLLEGE', commune: null, postalCode: null, academy: null },
    });
  });

  it('does not offer the acknowledgement for another refusal; the API’s message lands on its field', async () => {
    renderApp('/etablissements/gestion');
    await screen.findByRole('table');
    await userEvent.click(screen.getByRole('button', { name: 'Créer un établissement' }));
    const form = screen.getByRole('region', { name: 'Créer un établissement' });
    await userEvent.type(within(form).getByLabelText(/Code UAI/), '0180006J');
    await userEvent.type(within(form).getByLabelText(/^Nom/), 'École');
    await userEvent.type(within(form).getByLabelText(/Code postal/), '4100');
    await userEvent.click(within(form).getByRole('button', { name: 'Créer l’établissement' }));
    expect(await within(form).findByText('Le code postal doit compter 5 chiffres (ex. 45000).')).toBeInTheDocument();
    expect(within(form).getByLabelText(/Code postal/)).toHaveAttribute('aria-invalid', 'true');
    expect(within(form).getByLabelText(/Code UAI/)).not.toHaveAttribute('aria-invalid', 'true');
    expect(within(form).queryByRole('checkbox')).not.toBeInTheDocument();
    expect(rows).toHaveLength(2);
  });

  it('lets a platform administrator name the operator', async () => {
    role = 'PLATFORM_ADMIN';
    renderApp('/etablissements/gestion');
    await screen.findByRole('table');
    await userEvent.click(screen.getByRole('button', { name: 'Créer un établissement' }));
    const form = screen.getByRole('region', { name: 'Créer un établissement' });
    await within(form).findByRole('option', { name: 'Beta' });
    await userEvent.selectOptions(within(form).getByLabelText(/Opérateur/), 't2');
    await userEvent.type(within(form).getByLabelText(/Code UAI/), '0180006J');
    await userEvent.type(within(form).getByLabelText(/^Nom/), 'École');
    await userEvent.click(within(form).getByRole('button', { name: 'Créer l’établissement' }));
    await screen.findByRole('heading', { level: 1, name: 'École' });
    expect(calls('CreateManagedEstablishment').at(-1)).toMatchObject({ input: { tenantId: 't2', uai: '0180006J' } });
  });

  it('edits an establishment; a refused value is shown on its field', async () => {
    renderApp('/etablissements/gestion/e2');
    await screen.findByRole('heading', { level: 1, name: 'Collège Jean Moulin' });
    const form = screen.getByRole('region', { name: 'Modifier l’établissement' });
    expect(within(form).getByLabelText(/^Nom/)).toHaveValue('Collège Jean Moulin');
    await userEvent.clear(within(form).getByLabelText(/Code postal/));
    await userEvent.type(within(form).getByLabelText(/Code postal/), '180');
    await userEvent.click(within(form).getByRole('button', { name: 'Enregistrer les modifications' }));
    expect(await within(form).findByText('Le code postal doit compter 5 chiffres (ex. 45000).')).toBeInTheDocument();
    expect(within(form).getByLabelText(/Code postal/)).toHaveAttribute('aria-invalid', 'true');
    await userEvent.clear(within(form).getByLabelText(/Code postal/));
    await userEvent.type(within(form).getByLabelText(/Code postal/), '18000');
    await userEvent.clear(within(form).getByLabelText(/^Nom/));
    await userEvent.type(within(form).getByLabelText(/^Nom/), 'Collège Jean-Moulin');
    await userEvent.click(within(form).getByRole('button', { name: 'Enregistrer les modifications' }));
    expect(await screen.findByText('Les modifications de l’établissement sont enregistrées.')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { level: 1, name: 'Collège Jean-Moulin' })).toBeInTheDocument();
    expect(calls('UpdateManagedEstablishment').at(-1)).toEqual({
      id: 'e2',
      input: { name: 'Collège Jean-Moulin', kind: 'COLLEGE', commune: 'Bourges', postalCode: '18000', academy: 'Orléans-Tours', status: 'OPEN' },
    });
  });

  it('closes only after a confirmation that says what closing means, then reopens', async () => {
    renderApp('/etablissements/gestion/e1');
    await screen.findByRole('heading', { level: 1, name: 'Lycée Augustin Thierry' });
    const status = screen.getByRole('region', { name: 'Ouverture' });
    await userEvent.click(within(status).getByRole('button', { name: 'Fermer l’établissement' }));
    let dialog = await screen.findByRole('dialog', { name: 'Fermer l’établissement 0410017W — Lycée Augustin Thierry ?' });
    expect(dialog).toHaveTextContent(/il reste dans Relais, avec sa base, ses administrateurs d’établissement et son historique, et peut être rouvert/);
    expect(dialog).toHaveTextContent(/Tant que la base 0410017W le dessert/);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Annuler' }));
    expect(calls('UpdateManagedEstablishment')).toHaveLength(0);
    await userEvent.click(within(status).getByRole('button', { name: 'Fermer l’établissement' }));
    dialog = await screen.findByRole('dialog', { name: /Fermer l’établissement 0410017W/ });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Fermer l’établissement' }));
    expect(await screen.findByText('L’établissement 0410017W est fermé.')).toBeInTheDocument();
    expect(calls('UpdateManagedEstablishment')).toEqual([
      { id: 'e1', input: { name: 'Lycée Augustin Thierry', kind: 'LYCEE', commune: 'Blois', postalCode: '41000', academy: 'Orléans-Tours', status: 'CLOSED' } },
    ]);
    await userEvent.click(await within(status).findByRole('button', { name: 'Rouvrir l’établissement' }));
    expect(await screen.findByText('L’établissement 0410017W est rouvert.')).toBeInTheDocument();
    expect(calls('UpdateManagedEstablishment').at(-1)).toMatchObject({ input: { status: 'OPEN' } });
    expect(await within(status).findByRole('button', { name: 'Fermer l’établissement' })).toBeInTheDocument();
  });

  it('grants the establishment to one of the operator’s school administrators and revokes after a confirmation', async () => {
    renderApp('/etablissements/gestion/e1');
    const section = await screen.findByRole('region', { name: 'Administrateurs d’établissement' });
    const table = await within(section).findByRole('table', { name: '1 administrateur de 0410017W' });
    expect(table).toHaveTextContent('Étienne École');
    const select = within(section).getByLabelText('Administrateur d’établissement');
    expect(within(select).queryByRole('option', { name: /Odile/ })).not.toBeInTheDocument();
    expect(within(select).queryByRole('option', { name: /Étienne/ })).not.toBeInTheDocument();
    await userEvent.selectOptions(select, 'u2');
    await userEvent.click(within(section).getByRole('button', { name: 'Confier l’établissement' }));
    expect(await within(section).findByText('Sarah Principale administre désormais 0410017W — Lycée Augustin Thierry.')).toBeInTheDocument();
    expect(calls('GrantManagedEstablishment')).toEqual([{ userId: 'u2', establishmentId: 'e1' }]);
    expect(await within(section).findByRole('table', { name: '2 administrateurs de 0410017W' })).toBeInTheDocument();

    await userEvent.click(within(section).getByRole('button', { name: 'Retirer 0410017W à Étienne École' }));
    let dialog = await screen.findByRole('dialog', { name: 'Retirer 0410017W à Étienne École ?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Annuler' }));
    expect(calls('RevokeManagedEstablishment')).toHaveLength(0);
    await userEvent.click(within(section).getByRole('button', { name: 'Retirer 0410017W à Étienne École' }));
    dialog = await screen.findByRole('dialog', { name: 'Retirer 0410017W à Étienne École ?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Retirer l’accès' }));
    expect(await within(section).findByText('Étienne École n’administre plus 0410017W.')).toBeInTheDocument();
    expect(calls('RevokeManagedEstablishment')).toEqual([{ userId: 'u1', establishmentId: 'e1' }]);
    expect(await within(section).findByRole('table', { name: '1 administrateur de 0410017W' })).not.toHaveTextContent('Étienne École');
  });

  it('says « introuvable » for an establishment the API does not show', async () => {
    renderApp('/etablissements/gestion/nope');
    expect(await screen.findByText('Établissement introuvable')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Modifier l’établissement' })).not.toBeInTheDocument();
  });

  it('refuses a school administrator, and asks the API for no establishment', async () => {
    role = 'SCHOOL_ADMIN';
    for (const path of ['/etablissements/gestion', '/etablissements/gestion/e1']) {
      const { unmount } = renderApp(path);
      expect(await screen.findByRole('heading', { name: 'Accès refusé' })).toBeInTheDocument();
      expect(screen.queryByRole('table')).not.toBeInTheDocument();
      unmount();
    }
    expect(request.mock.calls.map(([d]) => operationOf(d)).filter((n) => n !== 'Me')).toEqual([]);
  });
});
