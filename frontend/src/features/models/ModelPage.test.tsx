import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/errors';
import { operationOf, renderScreen } from '@/test/render';
import { ModelPage } from './ModelPage';

const request = vi.fn();
vi.mock('@/lib/graphql', () => ({ request: (...args: unknown[]) => request(...args) }));

const at = '2026-12-04T10:00:00Z';
const steps = (ok: boolean) => [
  { kind: 'LOGIN_PAGE', label: 'Page de connexion', status: 'OK', message: 'Page trouvée.' },
  { kind: 'ATTRIBUTES', label: 'Attributs', status: ok ? 'OK' : 'FAILED', message: ok ? 'Attributs présents.' : 'L’attribut dateNaissance manque.' },
];
let accounts: { profile: string; profileLabel: string; login: string; casIdentifier: string; passwordSet: boolean; updatedAt: string }[];

function detail() {
  return {
    entModel: { id: 'm1', sourceId: 's1', name: 'ENT Région', location: 'Centre-Val de Loire', description: null, revision: 3, withdrawn: false, updatedAt: at, testAccounts: accounts, validation: null },
    modelRevisions: [
      { revision: 3, createdAt: at },
      { revision: 2, createdAt: at },
      { revision: 1, createdAt: at },
    ],
  };
}

beforeEach(() => {
  accounts = [];
  request.mockReset();
  request.mockImplementation((document: unknown, variables: Record<string, unknown>) => {
    switch (operationOf(document)) {
      case 'ModelDetail':
        return Promise.resolve(detail());
      case 'ModelUsageCounts':
        return Promise.resolve({ modelUsage: [{ model: { id: 'm1' }, bases: 12, pendingUpdates: 4 }] });
      case 'ModelRevisionDiff':
        return Promise.resolve({
          modelRevisionDiff: [
            { client: null, field: 'NAME', label: 'Nom', old: `ENT Région r${variables.from}`, new: `ENT Région r${variables.to}`, summary: `nom ${variables.from}→${variables.to}` },
            { client: 'PRONOTE_CLIENT', field: 'CAS_URLS', label: 'Adresse du serveur CAS', old: `https://cas-r${variables.from}.fr/cas`, new: `https://cas-r${variables.to}.fr/cas`, summary: `client ${variables.from}→${variables.to}` },
            { client: 'PRONOTE_NET', field: 'CAS_URLS', label: 'Adresse du serveur CAS', old: `https://cas-r${variables.from}.fr/cas`, new: `https://cas-r${variables.to}.fr/cas`, summary: `net ${variables.from}→${variables.to}` },
          ],
        });
      case 'SetModelTestAccountsOfModel': {
        const [input] = variables.accounts as { profile: string; casIdentifier: string; password: string }[];
        if (!input!.password) return Promise.reject(new ApiError({ message: 'Le mot de passe du compte de test est obligatoire.', extensions: { code: 'VALIDATION', field: 'accounts.0.password' } }));
        accounts = [{ profile: input!.profile, profileLabel: 'Élève', login: 'PronoteEleve', casIdentifier: input!.casIdentifier, passwordSet: true, updatedAt: at }];
        return Promise.resolve({ setModelTestAccounts: accounts });
      }
      case 'ValidateModelNow':
        return Promise.resolve({
          validateModel: {
            revision: 3, validatedAt: at, validatedBy: 'operateur@alpha.test', passed: false, serviceUrl: 'https://pronote.test/',
            accounts: [
              { profile: 'ELEVE', profileLabel: 'Élève', login: 'PronoteEleve', declaredIdentifier: 'e-123', returnedIdentifier: 'e-123', passed: true, steps: steps(true) },
              { profile: 'PARENT', profileLabel: 'Parent', login: 'PronoteParent', declaredIdentifier: 'p-456', returnedIdentifier: null, passed: false, steps: steps(false) },
            ],
          },
        });
      default:
        return Promise.reject(new Error('unexpected'));
    }
  });
});

function renderModel() {
  return renderScreen(
    <Routes>
      <Route path="/modeles/:modelId" element={<ModelPage />} />
    </Routes>,
    '/modeles/m1',
  );
}

describe('Un modèle', () => {
  it('shows its usage and the diff between the last two revisions, then two others', async () => {
    renderModel();
    expect(await screen.findByRole('heading', { name: 'ENT Région', level: 1 })).toBeInTheDocument();
    expect(await screen.findByText(/Appliqué à 12 bases, dont 4 avec une mise à jour en attente/)).toBeInTheDocument();
    const diff = await screen.findByRole('table', { name: 'Ce qui change de la révision 2 à la révision 3' });
    expect(diff).toHaveTextContent('https://cas-r2.fr/cas');
    expect(diff).toHaveTextContent('https://cas-r3.fr/cas');
    // The same field changed for both clients: each row says which one.
    const rows = within(diff).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').slice(0, 2).map((c) => c.textContent));
    expect(rows).toEqual([
      ['Le modèle', 'Nom'],
      ['Client PRONOTE', 'Adresse du serveur CAS'],
      ['PRONOTE.net', 'Adresse du serveur CAS'],
    ]);
    await userEvent.selectOptions(screen.getByLabelText('Comparer la révision'), '1');
    expect(await screen.findByRole('table', { name: 'Ce qui change de la révision 1 à la révision 3' })).toHaveTextContent('https://cas-r1.fr/cas');
    await userEvent.selectOptions(screen.getByLabelText('à la révision'), '1');
    expect(screen.getByText('Choisissez deux révisions différentes.')).toBeInTheDocument();
  });

  it('records a test account and never shows its password again', async () => {
    renderModel();
    const section = await screen.findByRole('region', { name: 'Comptes de test' });
    expect(within(section).getByText('Aucun compte de test enregistré.')).toBeInTheDocument();
    await userEvent.selectOptions(within(section).getByLabelText('Profil'), 'ELEVE');
    await userEvent.type(within(section).getByLabelText(/Identifiant CAS déclaré/), 'e-123');
    await userEvent.type(within(section).getByLabelText(/^Mot de passe/), 'secret-eleve');
    await userEvent.click(within(section).getByRole('button', { name: 'Enregistrer le compte de test' }));
    expect(await within(section).findByRole('status')).toHaveTextContent('Le compte de test Élève est enregistré ; son mot de passe ne sera plus affiché.');
    expect(within(section).queryByRole('alert')).not.toBeInTheDocument();
    const row = (await within(section).findByText('e-123')).closest('tr')!;
    expect(row).toHaveTextContent('Enregistré');
    expect(section).not.toHaveTextContent('secret-eleve');
  });

  it('validates the model and shows each account’s result with the failing step', async () => {
    renderModel();
    const section = await screen.findByRole('region', { name: 'Validation du modèle' });
    await userEvent.click(within(section).getByRole('button', { name: 'Valider le modèle' }));
    // The outcome is a status (a kept result must not interrupt on opening the page), titled.
    const verdict = await within(section).findByRole('status');
    expect(verdict).toHaveTextContent(/^Modèle non validéRévision 3, le .* par operateur@alpha\.test, sur https:\/\/pronote\.test\/\.$/);
    expect(within(section).queryByRole('alert')).not.toBeInTheDocument();
    const table = within(section).getByRole('table', { name: 'Résultat de chaque compte de test' });
    const parent = within(table).getByText('Parent').closest('tr')!;
    expect(parent).toHaveTextContent('Échec');
    expect(parent).toHaveTextContent('Attributs : L’attribut dateNaissance manque.');
    expect(within(table).getByText('Élève').closest('tr')).toHaveTextContent('Réussi');
  });
});
