import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/errors';
import { operationOf, renderScreen } from '@/test/render';
import { ExchangesPage } from './ExchangesPage';

const request = vi.fn();
const upload = vi.fn();
const download = vi.fn();
vi.mock('@/lib/graphql', () => ({ request: (...args: unknown[]) => request(...args) }));
vi.mock('@/lib/files', () => ({ upload: (...args: unknown[]) => upload(...args), download: (...args: unknown[]) => download(...args) }));

const PRIVATE_PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7SECRETSECRET\n-----END PRIVATE KEY-----\n';
const PUBLIC_PEM = '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu0PUBLIC\n-----END PUBLIC KEY-----';
const GOOD_CSV = 'id_ent;nom;prenom;date_naissance;profil;uai\ne-1;MARTIN;Léa;14/03/2010;ELEVE;0410017W\n';
const BAD_CSV = 'id_ent;nom;prenom;date_naissance;profil;uai\ne-1;MARTIN;Léa;14/03/2010;ELEVE;0410017W\ne-2;;Paul;;ENSEIGNANT;0410017W\n';

type Settings = {
  partnerId: string | null;
  partnerName: string | null;
  indexEducationKeyFingerprint: string | null;
  partnerPublicKey: string | null;
  partnerKeyFingerprint: string | null;
  retentionAccountMatchingDays: number;
  retentionIdentifiersExportDays: number;
};
type Stored = { id: string; kind: string; fileName: string; establishmentId: string | null; size: number; sha256: string; summary: unknown; createdAt: string; expiresAt: string; downloadPath: string };

let role = 'OPERATOR_ADMIN';
let settings: Settings;
let files: Stored[];
let settingsError: ApiError | null;
let deleteError: ApiError | null;
// When set, the file list's answers wait for it (a slow refetch).
let listHeld: Promise<void> | null;

function report(over: Partial<{ committed: boolean; accounts: number; establishments: unknown[]; errors: string[] }> = {}) {
  return { importEntAccounts: { committed: false, accounts: 1, establishments: [{ uai: '0410017W', created: 1, updated: 0, unchanged: 0, removed: 0 }], errors: [], ...over } };
}

beforeEach(() => {
  role = 'OPERATOR_ADMIN';
  settingsError = null;
  deleteError = null;
  listHeld = null;
  settings = {
    partnerId: 'ENT-0001',
    partnerName: 'ENT de la région',
    indexEducationKeyFingerprint: 'a1b2c3d4e5f60718',
    partnerPublicKey: null,
    partnerKeyFingerprint: null,
    retentionAccountMatchingDays: 30,
    retentionIdentifiersExportDays: 90,
  };
  files = [
    {
      id: 'f1',
      kind: 'ACCOUNT_MATCHING',
      fileName: '0410017W.xml',
      establishmentId: 'e1',
      size: 2048,
      sha256: 'ab',
      summary: { accounts: 47, uais: ['0410017W'] },
      createdAt: '2026-12-01T10:00:00Z',
      expiresAt: '2026-12-31T10:00:00Z',
      downloadPath: '/files/f1/download',
    },
    {
      id: 'f2',
      kind: 'IDENTIFIERS_EXPORT',
      fileName: 'identifiants-pronote-0410017W.xml',
      establishmentId: 'e1',
      size: 512,
      sha256: 'cd',
      summary: { users: 12, withoutCasId: 3, exportUai: '0410017W' },
      createdAt: '2026-12-02T10:00:00Z',
      expiresAt: '2027-03-02T10:00:00Z',
      downloadPath: '/files/f2/download',
    },
  ];
  request.mockReset();
  upload.mockReset();
  download.mockReset();
  download.mockResolvedValue(new Headers());
  request.mockImplementation((document: unknown, variables: Record<string, unknown>) => {
    const name = operationOf(document);
    switch (name) {
      case 'ExchangesCaller':
        return Promise.resolve({ me: { id: 'me', role, tenant: role === 'PLATFORM_ADMIN' ? null : { id: 't1', name: 'Alpha' } } });
      case 'ExchangeTenants':
        return Promise.resolve({ tenants: { nodes: [{ id: 't1', name: 'Alpha' }, { id: 't2', name: 'Beta' }] } });
      case 'ExchangeSettingsOfTenant':
        if (settingsError) return Promise.reject(settingsError);
        return Promise.resolve({ exchangeSettings: { ...settings } });
      case 'UpdateExchangeSettings': {
        const input = variables.input as Record<string, unknown>;
        for (const field of ['retentionAccountMatchingDays', 'retentionIdentifiersExportDays']) {
          const days = input[field];
          if (typeof days === 'number' && (days < 1 || days > 3650)) {
            return Promise.reject(new ApiError({ message: 'La durée de conservation doit être comprise entre 1 et 3650 jours.', extensions: { code: 'VALIDATION', field } }));
          }
        }
        if (typeof input.partnerPrivateKeyPem === 'string') {
          if (!input.partnerPrivateKeyPem.includes('PRIVATE KEY')) {
            return Promise.reject(
              new ApiError({
                message: 'Clé RSA illisible : c’est une clé publique, une clé privée est attendue.',
                extensions: { code: 'VALIDATION', field: 'partnerPrivateKeyPem' },
              }),
            );
          }
          settings.partnerPublicKey = PUBLIC_PEM;
          settings.partnerKeyFingerprint = '0f1e2d3c4b5a6978';
        }
        if (typeof input.retentionAccountMatchingDays === 'number') settings.retentionAccountMatchingDays = input.retentionAccountMatchingDays;
        if (typeof input.retentionIdentifiersExportDays === 'number') settings.retentionIdentifiersExportDays = input.retentionIdentifiersExportDays;
        if (typeof input.partnerName === 'string') settings.partnerName = input.partnerName;
        return Promise.resolve({ updateExchangeSettings: { ...settings } });
      }
      case 'StoredFiles': {
        const kind = variables.kind as string | null;
        const answer = () => ({ storedFiles: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: files.filter((f) => !kind || f.kind === kind).map((f) => ({ ...f })) } });
        if (listHeld) return listHeld.then(answer);
        return Promise.resolve(answer());
      }
      case 'DeleteStoredFile':
        if (deleteError) return Promise.reject(deleteError);
        files = files.filter((f) => f.id !== variables.id);
        return Promise.resolve({ deleteStoredFile: variables.id });
      case 'EstablishmentLookup':
        if (variables.uai !== '0410017W') return Promise.reject(new ApiError({ message: 'Établissement introuvable.', extensions: { code: 'NOT_FOUND' } }));
        return Promise.resolve({ establishmentByUai: { id: 'e1', uai: '0410017W', name: 'Lycée Augustin Thierry', base: null } });
      default:
        return Promise.reject(new Error(`unexpected ${name}`));
    }
  });
  upload.mockImplementation(async (_document: unknown, variables: { file: File; dryRun: boolean }) => {
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(variables.file);
    });
    if (text.includes(';;Paul;')) {
      return report({ errors: ['ligne 3, colonne nom : Le nom est obligatoire.', 'ligne 3 : établissement 0450000A inconnu ou hors de votre périmètre'], establishments: [] });
    }
    return report({ committed: !variables.dryRun });
  });
});

function calls(name: string) {
  return request.mock.calls.filter(([d]) => operationOf(d) === name).map(([, v]) => v);
}

async function settingsRegion() {
  return screen.findByRole('region', { name: 'Paramètres d’échange avec Index-Education' });
}

describe('Échanges — paramètres', () => {
  it('shows the keys by fingerprint and saves the retention', async () => {
    renderScreen(<ExchangesPage />, '/echanges');
    const region = await settingsRegion();
    expect(await within(region).findByText('a1b2c3d4e5f60718')).toBeInTheDocument();
    expect(within(region).getByText(/Aucune paire de clés enregistrée/)).toBeInTheDocument();
    const matching = within(region).getByLabelText('Fichiers de rapprochement (jours)');
    expect(matching).toHaveValue('30');
    await userEvent.clear(matching);
    await userEvent.type(matching, '45');
    await userEvent.click(within(region).getByRole('button', { name: 'Enregistrer la conservation' }));
    expect(await within(region).findByRole('status')).toHaveTextContent('Durées de conservation enregistrées.');
    expect(calls('UpdateExchangeSettings')).toEqual([{ input: { tenantId: null, retentionAccountMatchingDays: 45, retentionIdentifiersExportDays: 90 } }]);
  });

  it('shows the API’s French refusal of a retention on its field, and refuses what is no number without asking', async () => {
    renderScreen(<ExchangesPage />, '/echanges');
    const region = await settingsRegion();
    const exportsField = await within(region).findByLabelText('Exports d’identifiants PRONOTE (jours)');
    await userEvent.clear(exportsField);
    await userEvent.type(exportsField, '5000');
    await userEvent.click(within(region).getByRole('button', { name: 'Enregistrer la conservation' }));
    expect(await within(region).findByText('La durée de conservation doit être comprise entre 1 et 3650 jours.')).toBeInTheDocument();
    expect(exportsField).toHaveAttribute('aria-invalid', 'true');
    expect(within(region).queryByText('Durées de conservation enregistrées.')).not.toBeInTheDocument();
    expect(settings.retentionIdentifiersExportDays).toBe(90);

    await userEvent.clear(exportsField);
    await userEvent.type(exportsField, 'deux mois');
    await userEvent.click(within(region).getByRole('button', { name: 'Enregistrer la conservation' }));
    expect(await within(region).findByText('Indiquez un nombre entier de jours.')).toBeInTheDocument();
    expect(calls('UpdateExchangeSettings')).toHaveLength(1);
  });

  it('sends only the partner fields that changed', async () => {
    renderScreen(<ExchangesPage />, '/echanges');
    const region = await settingsRegion();
    await userEvent.click(await within(region).findByRole('button', { name: 'Enregistrer le partenaire' }));
    expect(await within(region).findByText('Aucune modification à enregistrer.')).toBeInTheDocument();
    expect(calls('UpdateExchangeSettings')).toHaveLength(0);
    const name = within(region).getByLabelText('Nom du partenaire');
    await userEvent.clear(name);
    await userEvent.type(name, 'NetO’Centre');
    await userEvent.click(within(region).getByRole('button', { name: 'Enregistrer le partenaire' }));
    expect(await within(region).findByText('Identité du partenaire enregistrée.')).toBeInTheDocument();
    expect(calls('UpdateExchangeSettings')).toEqual([{ input: { tenantId: null, partnerName: 'NetO’Centre' } }]);
  });

  it('uploads the partner key pair and never shows the private key again', async () => {
    renderScreen(<ExchangesPage />, '/echanges');
    const region = await settingsRegion();
    const input = await within(region).findByLabelText(/Fichier de la clé privée/);
    const button = within(region).getByRole('button', { name: 'Enregistrer la paire de clés' });
    expect(button).toBeDisabled();
    await userEvent.upload(input, new File([PRIVATE_PEM], 'partenaire.pem', { type: 'application/x-pem-file' }));
    await userEvent.click(button);
    expect(await within(region).findByText(/Paire de clés enregistrée \(empreinte 0f1e2d3c4b5a6978\)/)).toBeInTheDocument();
    expect(calls('UpdateExchangeSettings')).toEqual([{ input: { tenantId: null, partnerPrivateKeyPem: PRIVATE_PEM } }]);
    // The public key is shown to be given to Index-Education; nothing of the private one.
    expect(within(region).getByRole('figure', { name: 'Clé publique à transmettre à Index-Education' })).toHaveTextContent('MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu0PUBLIC');
    expect(document.body.textContent).not.toContain('SECRETSECRET');
    expect((input as HTMLInputElement).files).toHaveLength(0);
    for (const field of document.querySelectorAll('input, textarea')) expect((field as HTMLInputElement).value ?? '').not.toContain('SECRET');
    // Replacing the pair asks for a confirmation.
    const replace = within(region).getByRole('button', { name: 'Remplacer la paire de clés' });
    await userEvent.upload(within(region).getByLabelText(/Fichier de la clé privée/), new File([PRIVATE_PEM], 'autre.pem'));
    expect(replace).toBeDisabled();
    await userEvent.click(within(region).getByLabelText(/Je remplace la paire de clés actuelle/));
    expect(replace).toBeEnabled();
  });

  it('shows the API’s refusal of a key that is no private key, without echoing it', async () => {
    renderScreen(<ExchangesPage />, '/echanges');
    const region = await settingsRegion();
    await userEvent.upload(await within(region).findByLabelText(/Fichier de la clé privée/), new File([PUBLIC_PEM], 'publique.pem'));
    await userEvent.click(within(region).getByRole('button', { name: 'Enregistrer la paire de clés' }));
    expect(await within(region).findByText('Clé RSA illisible : c’est une clé publique, une clé privée est attendue.')).toBeInTheDocument();
    expect(document.body.textContent).not.toContain('u0PUBLIC');
    expect(within(region).queryByRole('status')).not.toBeInTheDocument();
    expect(within(region).getByRole('button', { name: 'Enregistrer la paire de clés' })).toBeDisabled();
  });

  it('shows the API’s message when the settings cannot be read', async () => {
    settingsError = new ApiError({ message: 'Vous n’avez pas accès à ces paramètres.', extensions: { code: 'FORBIDDEN' } });
    renderScreen(<ExchangesPage />, '/echanges');
    const region = await settingsRegion();
    expect(await within(region).findByRole('alert')).toHaveTextContent('Vous n’avez pas accès à ces paramètres.');
    expect(within(region).queryByRole('button', { name: /Enregistrer/ })).not.toBeInTheDocument();
  });

  it('lets a platform administrator choose the operator first', async () => {
    role = 'PLATFORM_ADMIN';
    renderScreen(<ExchangesPage />, '/echanges');
    expect(await screen.findByText('Choisissez l’opérateur dont vous gérez les échanges.')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Paramètres d’échange avec Index-Education' })).not.toBeInTheDocument();
    await screen.findByRole('option', { name: 'Beta' });
    await userEvent.selectOptions(screen.getByLabelText('Opérateur'), 't2');
    await settingsRegion();
    await waitFor(() => expect(calls('ExchangeSettingsOfTenant')).toEqual([{ tenantId: 't2' }]));
  });
});

async function importRegion() {
  return screen.findByRole('region', { name: 'Import des comptes ENT' });
}

describe('Échanges — import des comptes ENT', () => {
  it('shows each refused line with its reason and offers no import; a corrected file is checked then imported', async () => {
    renderScreen(<ExchangesPage />, '/echanges');
    const region = await importRegion();
    const importButton = within(region).getByRole('button', { name: 'Importer' });
    expect(importButton).toBeDisabled();
    await userEvent.upload(within(region).getByLabelText('Fichier CSV des comptes ENT'), new File([BAD_CSV], 'comptes.csv', { type: 'text/csv' }));
    await userEvent.click(within(region).getByRole('button', { name: 'Vérifier le fichier' }));
    const table = await within(region).findByRole('table', { name: '2 lignes refusées' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent(/3\s*nom\s*Le nom est obligatoire\./);
    expect(rows[1]).toHaveTextContent(/3\s*—\s*Établissement 0450000A inconnu ou hors de votre périmètre/);
    expect(within(region).getByRole('alert')).toHaveTextContent('L’import est impossible tant qu’une ligne est refusée');
    expect(within(region).getByRole('button', { name: 'Importer' })).toBeDisabled();
    expect(upload.mock.calls.map(([, v]) => (v as { dryRun: boolean }).dryRun)).toEqual([true]);

    const good = new File([GOOD_CSV], 'comptes-corriges.csv', { type: 'text/csv' });
    await userEvent.upload(within(region).getByLabelText('Fichier CSV des comptes ENT'), good);
    expect(within(region).queryByRole('table')).not.toBeInTheDocument();
    await userEvent.click(within(region).getByRole('button', { name: 'Vérifier le fichier' }));
    expect(await within(region).findByRole('status')).toHaveTextContent('Aucune ligne refusée');
    expect(within(region).getByRole('table', { name: 'Ce que l’import ferait, par établissement' })).toHaveTextContent('0410017W');
    await userEvent.click(within(region).getByRole('button', { name: 'Importer 1 compte' }));
    expect(await within(region).findByText('Import terminé')).toBeInTheDocument();
    expect(upload.mock.calls.map(([, v]) => v)).toEqual([
      expect.objectContaining({ dryRun: true, mode: 'PARTIAL', establishmentId: null }),
      expect.objectContaining({ dryRun: true, file: good }),
      expect.objectContaining({ dryRun: false, file: good, mode: 'PARTIAL', establishmentId: null }),
    ]);
  });

  it('forgets the report when the mode changes: the import sends only what was checked', async () => {
    renderScreen(<ExchangesPage />, '/echanges');
    const region = await importRegion();
    await userEvent.upload(within(region).getByLabelText('Fichier CSV des comptes ENT'), new File([GOOD_CSV], 'comptes.csv'));
    await userEvent.click(within(region).getByRole('button', { name: 'Vérifier le fichier' }));
    await within(region).findByRole('button', { name: 'Importer 1 compte' });
    await userEvent.click(within(region).getByLabelText(/^Complet/));
    expect(within(region).getByRole('button', { name: 'Importer' })).toBeDisabled();
    expect(within(region).getByText('Vérifiez d’abord le fichier.')).toBeInTheDocument();
  });

  it('asks to confirm the removals of a complete import', async () => {
    upload.mockImplementation(async (_d: unknown, v: { dryRun: boolean }) =>
      report({ committed: !v.dryRun, establishments: [{ uai: '0410017W', created: 1, updated: 0, unchanged: 3, removed: 2 }] }),
    );
    renderScreen(<ExchangesPage />, '/echanges');
    const region = await importRegion();
    await userEvent.click(within(region).getByLabelText(/^Complet/));
    await userEvent.upload(within(region).getByLabelText('Fichier CSV des comptes ENT'), new File([GOOD_CSV], 'comptes.csv'));
    await userEvent.click(within(region).getByRole('button', { name: 'Vérifier le fichier' }));
    expect(await within(region).findByRole('status')).toHaveTextContent('2 à supprimer');
    const button = within(region).getByRole('button', { name: 'Importer 1 compte' });
    expect(button).toBeDisabled();
    await userEvent.click(within(region).getByLabelText('Je confirme la suppression de 2 comptes ENT absents du fichier'));
    await userEvent.click(button);
    await within(region).findByText('Import terminé');
    expect(upload.mock.calls.at(-1)?.[1]).toMatchObject({ dryRun: false, mode: 'COMPLETE' });
  });

  it('shows the API’s refusal of the whole file and of an unknown establishment', async () => {
    upload.mockRejectedValue(new ApiError({ message: 'Fichier illisible : le fichier est vide.', extensions: { code: 'INVALID_FILE', reason: 'CSV_UNREADABLE' } }));
    renderScreen(<ExchangesPage />, '/echanges');
    const region = await importRegion();
    await userEvent.upload(within(region).getByLabelText('Fichier CSV des comptes ENT'), new File([''], 'vide.csv'));
    await userEvent.click(within(region).getByRole('button', { name: 'Vérifier le fichier' }));
    expect(await within(region).findByRole('alert')).toHaveTextContent('Fichier illisible : le fichier est vide.');
    expect(within(region).getByRole('button', { name: 'Importer' })).toBeDisabled();

    await userEvent.type(within(region).getByLabelText(/Établissement des lignes sans UAI/), '0999999Z');
    await userEvent.click(within(region).getByRole('button', { name: 'Vérifier le fichier' }));
    expect(await within(region).findByText('Aucun établissement de l’opérateur n’a l’UAI 0999999Z.')).toBeInTheDocument();
    expect(upload).toHaveBeenCalledTimes(1);
  });

  it('sends the establishment of the lines without UAI', async () => {
    renderScreen(<ExchangesPage />, '/echanges');
    const region = await importRegion();
    await userEvent.type(within(region).getByLabelText(/Établissement des lignes sans UAI/), '0410017w');
    await userEvent.upload(within(region).getByLabelText('Fichier CSV des comptes ENT'), new File([GOOD_CSV], 'comptes.csv'));
    await userEvent.click(within(region).getByRole('button', { name: 'Vérifier le fichier' }));
    expect(await within(region).findByText(/lignes sans UAI rattachées à 0410017W/)).toBeInTheDocument();
    expect(upload.mock.calls[0]?.[1]).toMatchObject({ establishmentId: 'e1', dryRun: true });
  });
});

async function filesTable() {
  return screen.findByRole('table', { name: /fichiers? affichés?/ });
}

describe('Échanges — fichiers conservés', () => {
  it('lists the files and downloads one', async () => {
    renderScreen(<ExchangesPage />, '/echanges');
    const table = await filesTable();
    expect(table).toHaveAccessibleName('2 fichiers affichés');
    const row = within(table).getByRole('row', { name: /^0410017W\.xml/ });
    expect(row).toHaveTextContent('Fichier de rapprochement (vers PRONOTE)');
    expect(row).toHaveTextContent('47 comptes ENT · 0410017W');
    expect(row).toHaveTextContent('2 Ko');
    await userEvent.click(within(row).getByRole('button', { name: 'Télécharger 0410017W.xml' }));
    expect(download).toHaveBeenCalledWith('/files/f1/download', '0410017W.xml');
  });

  it('shows a refused download', async () => {
    download.mockRejectedValue(new ApiError({ message: '', extensions: { code: 'NOT_FOUND' } }));
    renderScreen(<ExchangesPage />, '/echanges');
    const table = await filesTable();
    await userEvent.click(within(table).getByRole('button', { name: 'Télécharger 0410017W.xml' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Élément introuvable');
  });

  it('deletes a file only once confirmed', async () => {
    renderScreen(<ExchangesPage />, '/echanges');
    const table = await filesTable();
    await userEvent.click(within(table).getByRole('button', { name: 'Supprimer 0410017W.xml' }));
    const dialog = await screen.findByRole('dialog', { name: 'Supprimer 0410017W.xml ?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Annuler' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(calls('DeleteStoredFile')).toHaveLength(0);

    let release = () => {};
    listHeld = new Promise((resolve) => (release = resolve));
    await userEvent.click(within(table).getByRole('button', { name: 'Supprimer 0410017W.xml' }));
    await userEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Supprimer définitivement' }));
    expect(await screen.findByText('Le fichier 0410017W.xml est supprimé.')).toBeInTheDocument();
    // The notice never shows while the deleted row is still listed, even when the refetch is slow.
    expect(screen.queryByRole('button', { name: 'Supprimer 0410017W.xml' })).not.toBeInTheDocument();
    release();
    expect(calls('DeleteStoredFile')).toEqual([{ id: 'f1' }]);
    expect(await screen.findByRole('table', { name: '1 fichier affiché' })).not.toHaveTextContent('0410017W.xml ');
    expect(screen.queryByRole('button', { name: 'Supprimer 0410017W.xml' })).not.toBeInTheDocument();
  });

  it('keeps the file and says why when the deletion is refused', async () => {
    deleteError = new ApiError({ message: 'Le stockage des fichiers est indisponible.', extensions: { code: 'STORAGE_UNAVAILABLE' } });
    renderScreen(<ExchangesPage />, '/echanges');
    const table = await filesTable();
    await userEvent.click(within(table).getByRole('button', { name: 'Supprimer 0410017W.xml' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Supprimer définitivement' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Le stockage des fichiers est indisponible : rien n’a été enregistré');
    expect(within(table).getByRole('button', { name: 'Supprimer 0410017W.xml' })).toBeInTheDocument();
  });

  it('filters by kind and by establishment', async () => {
    renderScreen(<ExchangesPage />, '/echanges');
    await filesTable();
    await userEvent.selectOptions(screen.getByLabelText('Type de fichier'), 'IDENTIFIERS_EXPORT');
    await userEvent.type(screen.getByLabelText('UAI de l’établissement (facultatif)'), '0410017W');
    await userEvent.click(screen.getByRole('button', { name: 'Filtrer' }));
    expect(await screen.findByRole('table', { name: '1 fichier affiché pour 0410017W' })).toHaveTextContent('identifiants-pronote-0410017W.xml');
    expect(calls('StoredFiles').at(-1)).toEqual({ kind: 'IDENTIFIERS_EXPORT', establishmentId: 'e1', after: null });
    await userEvent.clear(screen.getByLabelText('UAI de l’établissement (facultatif)'));
    await userEvent.type(screen.getByLabelText('UAI de l’établissement (facultatif)'), '0000000A');
    await userEvent.click(screen.getByRole('button', { name: 'Filtrer' }));
    expect(await screen.findByText('Aucun établissement de l’opérateur n’a l’UAI 0000000A.')).toBeInTheDocument();
  });
});
