import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { operationOf, renderScreen } from '@/test/screen';
import { EstablishmentImportPage, toBase64 } from './EstablishmentImportPage';

const request = vi.fn();
vi.mock('@/lib/graphql', () => ({ request: (...args: unknown[]) => request(...args) }));

const BAD = 'uai;nom;type;commune;code_postal;academie;etat\n0410017W;Lycée Augustin Thierry;LYCEE;Blois;41000;Orléans-Tours;OUVERT\n0410018X;;COLLEGE;Blois;41000;Orléans-Tours;OUVERT\n';
const GOOD = BAD.replace('0410018X;;', '0410018X;Collège Rabelais;');

function report(content: string, commit: boolean) {
  const text = atob(content);
  const bad = text.includes('0410018X;;');
  return {
    importEstablishments: {
      committed: commit,
      encoding: 'UTF-8',
      delimiter: ';',
      created: bad ? 1 : 2,
      updated: 0,
      unchanged: 0,
      rejected: bad ? 1 : 0,
      lines: [
        { line: 2, uai: '0410017W', outcome: 'CREATED', reason: null },
        bad
          ? { line: 3, uai: '0410018X', outcome: 'REJECTED', reason: 'Le nom de l’établissement est obligatoire.' }
          : { line: 3, uai: '0410018X', outcome: 'CREATED', reason: null },
      ],
    },
  };
}

beforeEach(() => {
  request.mockReset();
  request.mockImplementation((document: unknown, variables: { input: { contentBase64: string; commit: boolean } }) => {
    if (operationOf(document) !== 'ImportEstablishmentsCsv') return Promise.reject(new Error('unexpected'));
    return Promise.resolve(report(variables.input.contentBase64, variables.input.commit));
  });
});

describe('Importer des établissements', () => {
  it('encodes any bytes in base64', async () => {
    expect(await toBase64(new Blob([new Uint8Array([0xe9, 0x3b, 0x0a])]))).toBe('6TsK');
  });

  it('shows the dry run line by line and refuses the commit until the file is fixed', async () => {
    renderScreen(<EstablishmentImportPage />);
    const file = screen.getByLabelText('Fichier CSV des établissements');
    await userEvent.upload(file, new File([BAD], 'etablissements.csv', { type: 'text/csv' }));
    await userEvent.click(screen.getByRole('button', { name: 'Vérifier le fichier' }));
    const rejected = await screen.findByRole('table', { name: '1 ligne refusée' });
    expect(within(rejected).getByText('Le nom de l’établissement est obligatoire.')).toBeInTheDocument();
    expect(within(rejected).getByText('3')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('L’import est impossible tant qu’une ligne est refusée');
    expect(screen.getByRole('button', { name: 'Importer' })).toBeDisabled();
    expect(request.mock.calls.every(([, v]) => v.input.commit === false)).toBe(true);

    await userEvent.upload(file, new File([GOOD], 'etablissements.csv', { type: 'text/csv' }));
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Vérifier le fichier' }));
    await screen.findByRole('table', { name: '2 lignes du fichier' });
    await userEvent.click(screen.getByRole('button', { name: 'Importer 2 lignes' }));
    expect(await screen.findByText('Import terminé')).toBeInTheDocument();
    expect(screen.getByText(/2 établissements créés/)).toBeInTheDocument();
    const last = request.mock.calls.at(-1)!;
    expect(last[1].input.commit).toBe(true);
    expect(new TextDecoder().decode(Uint8Array.from(atob(last[1].input.contentBase64), (c) => c.charCodeAt(0)))).toBe(GOOD);
  });
});
