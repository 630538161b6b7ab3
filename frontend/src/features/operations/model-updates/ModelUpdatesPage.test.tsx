import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { operationOf, renderScreen } from '@/test/screen';
import { ModelUpdatesPage } from './ModelUpdatesPage';

const request = vi.fn();
vi.mock('@/lib/graphql', () => ({ request: (...args: unknown[]) => request(...args) }));

function base(i: number, model: 'm1' | 'm2', publication = 'STOPPED') {
  const uai = `04100${String(i).padStart(2, '0')}X`;
  return {
    baseId: `b${i}`,
    groupUai: uai,
    version: 2,
    publication,
    establishments: [`${uai} — Collège n° ${i}`],
    modelId: model,
    modelName: model === 'm1' ? 'ENT Centre' : 'ENT Loire',
    fromRevision: 1,
    toRevision: 2,
    withdrawn: false,
    changes: ['Adresses du serveur CAS'],
  };
}

let pending: ReturnType<typeof base>[] = [];
const sent: { baseId: string; expectedVersion: number }[][] = [];

beforeEach(() => {
  pending = [...Array.from({ length: 30 }, (_, i) => base(i, 'm1')), base(30, 'm2'), base(31, 'm2', 'PUBLISHED')];
  sent.length = 0;
  request.mockReset();
  request.mockImplementation((document: unknown, variables: { after?: string | null; items?: { baseId: string; expectedVersion: number }[] }) => {
    const name = operationOf(document);
    if (name === 'PendingModelUpdates') {
      // Two pages of the API.
      const first = !variables.after;
      return Promise.resolve({
        pendingModelUpdates: {
          pageInfo: { hasNextPage: first, endCursor: first ? 'c1' : null },
          nodes: first ? pending.slice(0, 20) : pending.slice(20),
        },
      });
    }
    if (name === 'ApplyModelUpdates') {
      sent.push(variables.items!);
      const outcomes = variables.items!.map(({ baseId }) =>
        baseId === 'b7'
          ? { baseId, groupUai: '0410007X', status: 'REFUSED', code: 'CONFLICT', message: 'Arrêtez la publication de la base avant de modifier ses paramètres.', version: 3 }
          : { baseId, groupUai: pending.find((b) => b.baseId === baseId)!.groupUai, status: 'APPLIED', code: null, message: null, version: 3 },
      );
      pending = pending.filter((b) => !variables.items!.some((i) => i.baseId === b.baseId) || b.baseId === 'b7');
      return Promise.resolve({ applyModelUpdates: outcomes });
    }
    return Promise.reject(new Error(`unexpected ${name}`));
  });
});

describe('Mises à jour de modèles en attente', () => {
  it('lists every page, filters by model and selects the bases shown', async () => {
    renderScreen(<ModelUpdatesPage />);
    expect(await screen.findByRole('table', { name: '32 bases avec une mise à jour en attente' })).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Modèle'), 'm2');
    const table = screen.getByRole('table', { name: '2 bases affichées sur 32' });
    expect(within(table).getByText('0410031X — Collège n° 31')).toBeInTheDocument();
    expect(within(table).getByText('Publiée')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Sélectionner les 2 bases affichées' }));
    expect(screen.getByText('2 bases sélectionnées')).toBeInTheDocument();
    expect(screen.getByText(/1 base sélectionnée est publiée/)).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Rechercher par UAI ou nom'), 'n° 30');
    expect(screen.getByRole('table', { name: '1 base affichée sur 32' })).toBeInTheDocument();
  });

  it('applies to the selection in batches and shows the outcome of each base, the refused one included', async () => {
    renderScreen(<ModelUpdatesPage />);
    await screen.findByRole('table', { name: '32 bases avec une mise à jour en attente' });
    await userEvent.selectOptions(screen.getByLabelText('Modèle'), 'm1');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Sélectionner les 30 bases affichées' }));
    await userEvent.click(screen.getByRole('button', { name: 'Appliquer la mise à jour aux bases sélectionnées' }));
    const result = await screen.findByRole('table', { name: 'Résultat par base' });
    // 30 bases: three requests of 10, each with the version read.
    expect(sent.map((batch) => batch.length)).toEqual([10, 10, 10]);
    expect(sent[0]![0]).toEqual({ baseId: 'b0', expectedVersion: 2 });
    expect(within(result).getAllByRole('row')).toHaveLength(31);
    expect(screen.getByText(/29 bases mises à jour, 1 base refusée/)).toBeInTheDocument();
    const refused = within(result).getByText('0410007X').closest('tr')!;
    expect(refused).toHaveTextContent('Refusée');
    expect(refused).toHaveTextContent('Arrêtez la publication');
    // The list is read again: the refused base is still waiting.
    expect(await screen.findByRole('table', { name: '1 base affichée sur 3' })).toBeInTheDocument();
    expect(screen.getByText('0 base sélectionnée')).toBeInTheDocument();
  });
});
