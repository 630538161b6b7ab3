import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/errors';
import { CasRegistryPage } from './CasRegistryPage';

const request = vi.fn();
vi.mock('@/lib/graphql', () => ({ request: (...args: unknown[]) => request(...args) }));
const download = vi.fn();
vi.mock('@/lib/files', () => ({ download: (...args: unknown[]) => download(...args) }));

const service = (name: string, uai: string, baseId: string | null) => ({
  id: '1',
  baseId,
  name,
  fileName: `${name}-1.json`,
  uais: [uai],
  mode: 'IDENTITY',
  validation: 'SAML11',
});

function registry(overrides: Record<string, unknown> = {}) {
  return {
    tenantId: 't1',
    digest: 'a'.repeat(64),
    exportedAt: '2026-09-01T08:00:00Z',
    exportedBy: 'Opératrice',
    exportedServices: 2,
    services: [service('PRONOTE-0410017W', '0410017W', 'b1'), service('PRONOTE-0180005H', '0180005H', 'b2')],
    report: [{ baseId: 'b3', uai: '0690028F', level: 'SKIPPED', code: 'PUBLIC_URL_MISSING', message: 'Base 0690028F : l’adresse publique n’est pas renseignée.' }],
    diff: {
      added: [{ name: 'PRONOTE-0180005H', fileName: 'PRONOTE-0180005H-2.json', uais: ['0180005H'] }],
      removed: [{ name: 'PRONOTE-0370001A', fileName: 'PRONOTE-0370001A-3.json', uais: ['0370001A'] }],
      changed: [
        {
          name: 'PRONOTE-0410017W',
          fileName: 'PRONOTE-0410017W-1.json',
          fields: [{ field: 'serviceUrl', before: 'https://a.index-education.net/pronote/', after: 'https://b.index-education.net/pronote/' }],
        },
      ],
      filesToAdd: ['PRONOTE-0180005H-2.json'],
      filesToReplace: ['PRONOTE-0410017W-1.json'],
      filesToDelete: ['PRONOTE-0370001A-3.json'],
    },
    attributeMapping: [{ name: 'nom', source: 'sn' }],
    ...overrides,
  };
}

function answer(document: unknown, variables?: Record<string, unknown>) {
  const text = JSON.stringify(document);
  if (text.includes('RegistryTenants')) return Promise.resolve({ tenants: { nodes: [{ id: 't1', name: 'Région Centre' }] } });
  if (text.includes('RecordCasRegistryExport')) {
    if (variables?.digest !== 'f'.repeat(64)) {
      return Promise.reject(
        new ApiError({
          message: 'Le registre CAS a changé depuis son téléchargement (une base a été modifiée) : téléchargez-le de nouveau avant d’enregistrer son export.',
          extensions: { code: 'CONFLICT' },
        }),
      );
    }
    return Promise.resolve({
      recordCasRegistryExport: registry({
        exportedServices: 2,
        diff: { added: [], removed: [], changed: [], filesToAdd: [], filesToReplace: [], filesToDelete: [] },
      }),
    });
  }
  if (text.includes('SetCasRegistryAttributeMapping')) {
    return Promise.resolve({ setCasRegistryAttributeMapping: registry({ attributeMapping: variables?.mapping }) });
  }
  return Promise.resolve({ casRegistry: registry() });
}

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <CasRegistryPage />
      </QueryClientProvider>
    </MantineProvider>,
  );
}

beforeEach(() => {
  request.mockReset();
  request.mockImplementation(answer);
  download.mockReset();
  download.mockResolvedValue(new Headers({ 'X-Relais-Registry-Digest': 'f'.repeat(64) }));
});

describe('Registre CAS de l’ENT', () => {
  it('shows the state, the diff field by field and the files to add, replace and delete', async () => {
    renderPage();
    const state = await screen.findByRole('region', { name: 'État du registre' });
    expect(state).toHaveTextContent('par Opératrice : 2 services.');
    expect(state).toHaveTextContent('3 entrées modifiées depuis le dernier export');
    expect(state).toHaveTextContent('1 base sans service');
    const diff = screen.getByRole('region', { name: 'Modifications depuis le dernier export' });
    expect(within(diff).getByRole('list', { name: 'Services ajoutés' })).toHaveTextContent('PRONOTE-0180005H');
    expect(within(diff).getByRole('list', { name: 'Services supprimés' })).toHaveTextContent('PRONOTE-0370001A');
    const changed = within(diff).getByRole('table', { name: 'Services modifiés, champ par champ' });
    const row = within(changed).getByRole('row', { name: /PRONOTE-0410017W.*Adresse du service/ });
    expect(row).toHaveTextContent('https://a.index-education.net/pronote/');
    expect(row).toHaveTextContent('https://b.index-education.net/pronote/');
    const files = screen.getByRole('region', { name: 'Fichiers du registre Apereo CAS' });
    expect(within(files).getByRole('list', { name: 'À ajouter (1)' })).toHaveTextContent('PRONOTE-0180005H-2.json');
    expect(within(files).getByRole('list', { name: 'À remplacer (1)' })).toHaveTextContent('PRONOTE-0410017W-1.json');
    expect(within(files).getByRole('list', { name: 'À supprimer (1)' })).toHaveTextContent('PRONOTE-0370001A-3.json');
  });

  it('downloads the archive, then records the export with the archive’s digest', async () => {
    renderPage();
    const record = await screen.findByRole('button', { name: 'Enregistrer l’export' });
    expect(record).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Télécharger l’archive (tous les formats)' }));
    expect(download).toHaveBeenCalledWith('/cas-registry/archive?tenant=t1', 'registre-cas-pronote.zip');
    expect(await screen.findByLabelText('Empreinte de l’archive installée')).toHaveValue('f'.repeat(64));
    await userEvent.click(record);
    expect(await screen.findByRole('status')).toHaveTextContent('Export enregistré : 2 services.');
    const call = request.mock.calls.find(([document]) => JSON.stringify(document).includes('RecordCasRegistryExport'));
    expect(call?.[1]).toEqual({ tenantId: 't1', digest: 'f'.repeat(64) });
    expect(screen.getByRole('region', { name: 'État du registre' })).toHaveTextContent('0 entrée modifiée depuis le dernier export');
  });

  it('says in French that a stale digest is refused', async () => {
    renderPage();
    const field = await screen.findByLabelText('Empreinte de l’archive installée');
    await userEvent.type(field, '0'.repeat(64));
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer l’export' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Registre modifié entre-temps');
    expect(alert).toHaveTextContent('téléchargez-le de nouveau');
  });

  it('downloads one base’s service in each format', async () => {
    renderPage();
    await userEvent.selectOptions(await screen.findByLabelText('Service'), 'PRONOTE-0180005H');
    await userEvent.click(screen.getByRole('button', { name: 'Keycloak (JSON)' }));
    expect(download).toHaveBeenLastCalledWith('/bases/b2/cas-registry?format=keycloak', 'PRONOTE-0180005H.json');
    await userEvent.click(screen.getByRole('button', { name: 'django-cas-server (fixture)' }));
    expect(download).toHaveBeenLastCalledWith('/bases/b2/cas-registry?format=django', 'PRONOTE-0180005H.django.json');
    await userEvent.click(screen.getByRole('button', { name: 'Apereo CAS (JSON)' }));
    expect(download).toHaveBeenLastCalledWith('/bases/b2/cas-registry?format=apereo', 'PRONOTE-0180005H-1.json');
    await userEvent.click(screen.getByRole('button', { name: 'CSV générique' }));
    expect(download).toHaveBeenLastCalledWith('/bases/b2/cas-registry?format=csv', 'PRONOTE-0180005H.csv');
  });

  it('edits the ENT’s attribute names', async () => {
    renderPage();
    expect(await screen.findByLabelText('Nom dans l’ENT, ligne 1')).toHaveValue('sn');
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter une correspondance' }));
    await userEvent.type(screen.getByLabelText('Nom lu par PRONOTE, ligne 2'), 'prenom');
    await userEvent.type(screen.getByLabelText('Nom dans l’ENT, ligne 2'), 'givenName');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer les noms des attributs' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Noms des attributs enregistrés');
    const call = request.mock.calls.find(([document]) => JSON.stringify(document).includes('SetCasRegistryAttributeMapping'));
    expect(call?.[1]).toEqual({
      tenantId: 't1',
      mapping: [
        { name: 'nom', source: 'sn' },
        { name: 'prenom', source: 'givenName' },
      ],
    });
    expect(screen.getByLabelText('Nom lu par PRONOTE, ligne 2')).toHaveValue('prenom');
  });
});
