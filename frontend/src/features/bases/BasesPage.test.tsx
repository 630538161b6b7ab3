import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/errors';
import { operationOf, renderScreen } from '@/test/render';
import { BasesPage } from './BasesPage';

const request = vi.fn();
vi.mock('@/lib/graphql', () => ({ request: (...args: unknown[]) => request(...args) }));

type Base = { id: string; groupUai: string; schoolYear: string; pronoteVersion: number | null; publication: string; version: number; establishments: { id: string; uai: string; name: string }[] };
let bases: Base[];
const establishments: Record<string, { id: string; uai: string; name: string; base: { id: string; groupUai: string } | null }> = {
  '0410017W': { id: 'e1', uai: '0410017W', name: 'Lycée Augustin Thierry', base: { id: 'b1', groupUai: '0410017W' } },
  '0410036S': { id: 'e2', uai: '0410036S', name: 'Collège Louis Pasteur', base: null },
  '0410959Z': { id: 'e3', uai: '0410959Z', name: 'Lycée professionnel', base: null },
};

beforeEach(() => {
  bases = [
    { id: 'b1', groupUai: '0410017W', schoolYear: '2025-2026', pronoteVersion: 2025, publication: 'PUBLISHED', version: 4, establishments: [{ id: 'e1', uai: '0410017W', name: 'Lycée Augustin Thierry' }] },
    { id: 'b2', groupUai: '0180005H', schoolYear: '2026-2027', pronoteVersion: 2026, publication: 'PUBLISHED', version: 2, establishments: [] },
  ];
  request.mockReset();
  request.mockImplementation((document: unknown, variables: Record<string, unknown>) => {
    switch (operationOf(document)) {
      case 'RentreeProgress': {
        const year = (variables.schoolYear as string | null) ?? '2026-2027';
        const done = bases.filter((b) => b.schoolYear >= year).length;
        return Promise.resolve({ rentree: { schoolYear: year, done, toDo: bases.length - done } });
      }
      case 'BasesBeforeYear':
        return Promise.resolve({ bases: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: bases.filter((b) => b.schoolYear < (variables.schoolYear as string)).map((b) => ({ ...b })) } });
      case 'BasesFromYear':
        return Promise.resolve({ bases: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: bases.filter((b) => b.schoolYear >= (variables.schoolYear as string)).map((b) => ({ ...b })) } });
      case 'StartSchoolYearOfBase': {
        const b = bases.find((x) => x.id === variables.baseId)!;
        if (b.version !== variables.version) return Promise.reject(new ApiError({ message: 'La base a été modifiée entre-temps.', extensions: { code: 'CONFLICT' } }));
        b.schoolYear = variables.schoolYear as string;
        b.version += 1;
        return Promise.resolve({ startSchoolYear: { id: b.id, schoolYear: b.schoolYear, version: b.version } });
      }
      case 'EstablishmentLookup': {
        const e = establishments[variables.uai as string];
        return e ? Promise.resolve({ establishmentByUai: e }) : Promise.reject(new ApiError({ message: 'introuvable', extensions: { code: 'NOT_FOUND' } }));
      }
      case 'CreateBaseOfOperator': {
        const input = variables.input as { groupEstablishmentId: string; otherEstablishmentIds: string[]; fields: { schoolYear: string } };
        if (input.fields.schoolYear !== '2026-2027') {
          return Promise.reject(new ApiError({ message: 'L’année scolaire s’écrit 2026-2027.', extensions: { code: 'VALIDATION', field: 'fields.schoolYear' } }));
        }
        return Promise.resolve({ createBase: { id: 'b3', groupUai: '0410036S', establishments: [{ uai: '0410036S' }, { uai: '0410959Z' }] } });
      }
      case 'MoveEstablishmentToBase':
        return Promise.resolve({ moveEstablishment: { id: 'b1', groupUai: '0410017W', establishments: [{ uai: '0410017W' }, { uai: '0410036S' }] } });
      default:
        return Promise.reject(new Error('unexpected'));
    }
  });
});

function calls(name: string) {
  return request.mock.calls.filter(([d]) => operationOf(d) === name).map(([, v]) => v);
}

describe('Bases', () => {
  it('shows the rentrée progress and moves a base to the year', async () => {
    renderScreen(<BasesPage />, '/bases');
    const section = await screen.findByRole('region', { name: 'Rentrée' });
    expect(await within(section).findByText(/1 base a fait la rentrée 2026-2027 sur 2 ; 1 reste à faire/)).toBeInTheDocument();
    const table = await within(section).findByRole('table', { name: /1 base encore sur une année antérieure à 2026-2027/ });
    expect(table).toHaveTextContent('0410017W Lycée Augustin Thierry');
    await userEvent.type(within(section).getByLabelText(/Version de PRONOTE de la rentrée/), '2026');
    await userEvent.click(within(table).getByRole('button', { name: 'Faire la rentrée 2026-2027 de la base 0410017W' }));
    expect(await within(section).findByText(/La base 0410017W passe en 2026-2027/)).toBeInTheDocument();
    expect(calls('StartSchoolYearOfBase')).toEqual([{ baseId: 'b1', version: 4, schoolYear: '2026-2027', pronoteVersion: 2026 }]);
    expect(await within(section).findByText('Toutes les bases ont fait leur rentrée 2026-2027.')).toBeInTheDocument();
    expect(within(section).getByText(/2 bases ont fait la rentrée 2026-2027 sur 2/)).toBeInTheDocument();
    await userEvent.click(within(section).getByRole('button', { name: 'Bases ayant fait la rentrée 2026-2027' }));
    const doneTable = await within(section).findByRole('table', { name: '2 bases ont fait la rentrée 2026-2027' });
    expect(within(doneTable).getByRole('link', { name: '0410017W' })).toHaveAttribute('href', '/bases/b1');
    expect(calls('BasesFromYear')).toEqual([{ schoolYear: '2026-2027', after: null }]);
  });

  it('creates the base of a cité scolaire; an unknown UAI or a bad year lands on its field', async () => {
    renderScreen(<BasesPage />, '/bases');
    const form = await screen.findByRole('region', { name: 'Créer une base' });
    await userEvent.type(within(form).getByLabelText(/UAI de l’établissement principal/), '0410036s');
    await userEvent.type(within(form).getByLabelText(/Autres établissements de la cité scolaire/), '0410959Z, 0999999X');
    await userEvent.type(within(form).getByLabelText(/Année scolaire/), '2026');
    await userEvent.click(within(form).getByRole('button', { name: 'Créer la base' }));
    expect(await within(form).findByText('Aucun établissement de l’opérateur n’a l’UAI 0999999X.')).toBeInTheDocument();
    await userEvent.clear(within(form).getByLabelText(/Autres établissements de la cité scolaire/));
    await userEvent.type(within(form).getByLabelText(/Autres établissements de la cité scolaire/), '0410959Z');
    await userEvent.click(within(form).getByRole('button', { name: 'Créer la base' }));
    expect(await within(form).findByText('L’année scolaire s’écrit 2026-2027.')).toBeInTheDocument();
    await userEvent.clear(within(form).getByLabelText(/Année scolaire/));
    await userEvent.type(within(form).getByLabelText(/Année scolaire/), '2026-2027');
    await userEvent.click(within(form).getByRole('button', { name: 'Créer la base' }));
    expect(await within(form).findByText(/La base 0410036S est créée \(0410036S, 0410959Z\), non publiée/)).toBeInTheDocument();
    expect(calls('CreateBaseOfOperator').at(-1)).toMatchObject({ input: { groupEstablishmentId: 'e2', otherEstablishmentIds: ['e3'] } });
    expect(within(form).getByRole('link', { name: 'Ouvrir la base' })).toHaveAttribute('href', '/bases/b3');
  });

  it('moves an establishment to the base of another, and refuses a target without a base', async () => {
    renderScreen(<BasesPage />, '/bases');
    const form = await screen.findByRole('region', { name: 'Déplacer un établissement' });
    await userEvent.type(within(form).getByLabelText(/UAI de l’établissement à déplacer/), '0410036S');
    await userEvent.type(within(form).getByLabelText(/UAI d’un établissement de la base d’accueil/), '0410959Z');
    await userEvent.click(within(form).getByRole('button', { name: 'Déplacer l’établissement' }));
    expect(await within(form).findByText('0410959Z n’est servi par aucune base : créez d’abord sa base.')).toBeInTheDocument();
    expect(calls('MoveEstablishmentToBase')).toEqual([]);
    await userEvent.clear(within(form).getByLabelText(/UAI d’un établissement de la base d’accueil/));
    await userEvent.type(within(form).getByLabelText(/UAI d’un établissement de la base d’accueil/), '0410017W');
    await userEvent.click(within(form).getByRole('button', { name: 'Déplacer l’établissement' }));
    expect(await within(form).findByText('0410036S est désormais servi par la base 0410017W : 0410017W, 0410036S.')).toBeInTheDocument();
    expect(calls('MoveEstablishmentToBase')).toEqual([{ establishmentId: 'e2', baseId: 'b1' }]);
  });

  it('rolls the rentrée of every base shown, reporting a base changed meanwhile without forcing it', async () => {
    bases = [
      { id: 'b1', groupUai: '0410017W', schoolYear: '2025-2026', pronoteVersion: 2025, publication: 'PUBLISHED', version: 4, establishments: [] },
      { id: 'b3', groupUai: '0410036S', schoolYear: '2025-2026', pronoteVersion: 2025, publication: 'STOPPED', version: 1, establishments: [] },
      { id: 'b4', groupUai: '0410959Z', schoolYear: '2024-2025', pronoteVersion: 2024, publication: 'STOPPED', version: 7, establishments: [] },
    ];
    renderScreen(<BasesPage />, '/bases');
    const section = await screen.findByRole('region', { name: 'Rentrée' });
    const roll = await within(section).findByRole('button', { name: 'Faire la rentrée 2026-2027 des 3 bases affichées' });
    bases[1]!.version = 2; // someone changed 0410036S since the list was read
    await userEvent.click(roll);
    await within(section).findByText('Rentrée terminée');
    const outcome = section.querySelector('[aria-live="polite"] .mantine-Alert-root') ?? section;
    expect(outcome).toHaveTextContent('2 bases passent en 2026-2027 ; 1 base est laissée telle quelle :');
    expect(outcome).toHaveTextContent('0410036S — La base a été modifiée entre-temps.');
    expect(within(section).getByLabelText('Rentrée 2026-2027 : 3 sur 3')).toHaveAttribute('value', '3');
    expect(calls('StartSchoolYearOfBase').map((v) => (v as { baseId: string }).baseId)).toEqual(['b1', 'b3', 'b4']);
    expect(bases.map((b) => b.schoolYear)).toEqual(['2026-2027', '2025-2026', '2026-2027']);
  });
});
