import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/errors';
import { operationOf, renderScreen } from '@/test/render';
import { ModelSourcesPage } from './ModelSourcesPage';

const request = vi.fn();
vi.mock('@/lib/graphql', () => ({ request: (...args: unknown[]) => request(...args) }));

const at = '2026-12-04T10:00:00Z';
let feedFails = false;

beforeEach(() => {
  feedFails = false;
  request.mockReset();
  request.mockImplementation((document: unknown, variables: Record<string, unknown>) => {
    switch (operationOf(document)) {
      case 'ModelSources':
        return Promise.resolve({
          modelSources: [
            { id: 's1', name: 'Flux régional', kind: 'FEED', url: 'https://modeles.ent-region.fr/liste.xml', cron: '0 0 3 * * *', offeredToAll: false, lastFetchedAt: at, lastSuccessAt: null, lastError: 'Le serveur a répondu 503.' },
            { id: 's2', name: 'Modèles de l’opérateur', kind: 'OWN', url: null, cron: null, offeredToAll: false, lastFetchedAt: null, lastSuccessAt: null, lastError: null },
          ],
          models: [
            { id: 'm1', sourceId: 's1', name: 'ENT Région', location: 'Centre-Val de Loire', revision: 3, updatedAt: at },
            { id: 'm2', sourceId: 's2', name: 'ENT Maison', location: 'Loir-et-Cher', revision: 1, updatedAt: at },
          ],
        });
      case 'ModelUsageCounts':
        return Promise.resolve({ modelUsage: [{ model: { id: 'm1' }, bases: 12, pendingUpdates: 4 }] });
      case 'RefreshModelFeedNow':
        if (feedFails) return Promise.reject(new ApiError({ message: 'Le flux est inaccessible : le serveur a répondu 503.', extensions: { code: 'UPSTREAM' } }));
        expect(variables.id).toBe('s1');
        return Promise.resolve({ refreshModelFeed: { newVersion: true, added: [], changed: ['ENT Région'], withdrawn: [], basesWithPendingUpdate: 12 } });
      case 'CatalogVersions':
        return Promise.resolve({ catalogVersions: [{ id: 'v2', models: 1, added: 0, changed: 1, withdrawn: 0, createdAt: at }] });
      default:
        return Promise.reject(new Error('unexpected'));
    }
  });
});

describe('Modèles', () => {
  it('shows a feed’s address, cron, last fetch and last error, and the models with their usage', async () => {
    renderScreen(<ModelSourcesPage />, '/modeles');
    const feed = await screen.findByRole('region', { name: 'Flux régional' });
    expect(within(feed).getByText('https://modeles.ent-region.fr/liste.xml')).toBeInTheDocument();
    expect(within(feed).getByText('0 0 3 * * *')).toBeInTheDocument();
    expect(within(feed).getByText('Le serveur a répondu 503.')).toBeInTheDocument();
    const row = (await within(feed).findByRole('link', { name: 'ENT Région' })).closest('tr')!;
    await within(row).findByText('12');
    expect(row).toHaveTextContent('4');
    expect(within(feed).getByRole('link', { name: 'ENT Région' })).toHaveAttribute('href', '/modeles/m1');
    // The last fetch to the second, so that a fetch a few seconds after the previous one shows as new.
    const fetched = within(feed).getByText('Dernière lecture').closest('tr')!.querySelector('time')!;
    expect(fetched).toHaveAttribute('datetime', at);
    expect(fetched.textContent).toMatch(/^4 décembre 2026 à \d{2}:00:00$/);
    expect(within(feed).getByText('Dernière lecture réussie').closest('tr')).toHaveTextContent('Jamais');
    const own = screen.getByRole('region', { name: 'Modèles de l’opérateur' });
    expect(within(own).queryByRole('button', { name: /Actualiser maintenant/ })).not.toBeInTheDocument();
  });

  it('refreshes a feed now and reports what changed, or why it failed', async () => {
    renderScreen(<ModelSourcesPage />, '/modeles');
    const feed = await screen.findByRole('region', { name: 'Flux régional' });
    await userEvent.click(within(feed).getByRole('button', { name: 'Actualiser maintenant Flux régional' }));
    // A status, announced politely: not an alert.
    expect(await within(feed).findByRole('status')).toHaveTextContent(/^Nouvelle version : 0 ajouté\(s\), 1 modifié\(s\), 0 retiré\(s\) ; 12 bases ont une mise à jour en attente\.$/);
    expect(within(feed).queryByRole('alert')).not.toBeInTheDocument();
    feedFails = true;
    await userEvent.click(within(feed).getByRole('button', { name: 'Actualiser maintenant Flux régional' }));
    expect(await within(feed).findByText(/Le flux est inaccessible : le serveur a répondu 503. Le catalogue garde sa dernière bonne version./)).toBeInTheDocument();
  });

  it('opens the catalog versions of a source on demand', async () => {
    renderScreen(<ModelSourcesPage />, '/modeles');
    const feed = await screen.findByRole('region', { name: 'Flux régional' });
    expect(request.mock.calls.some(([d]) => operationOf(d) === 'CatalogVersions')).toBe(false);
    await userEvent.click(within(feed).getByRole('button', { name: 'Versions du catalogue' }));
    const table = await within(feed).findByRole('table', { name: /Versions du catalogue de « Flux régional »/ });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
  });
});
