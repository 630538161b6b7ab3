import { MantineProvider } from '@mantine/core';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { SettingsFieldsFragment } from '@/gql/graphql';
import { ApiError } from '@/lib/errors';
import { SettingsEditor } from './SettingsEditor';

const ESPACES = ['PAGE_COMMUNE', 'DIRECTION', 'PROFESSEURS', 'VIE_SCOLAIRE', 'PARENTS', 'ACCOMPAGNANTS', 'ELEVES', 'ENTREPRISE', 'ACADEMIE'] as const;
const LABELS = ['Page commune', 'Espace Direction', 'Espace Professeurs', 'Espace Vie scolaire', 'Espace Parents', 'Espace Accompagnant', 'Espace Élèves', 'Espace Entreprise', 'Espace Académie'];

function settings(root = 'https://ent.exemple.fr/cas'): SettingsFieldsFragment {
  return {
    delegations: { cas: true, wsFederation: false, eduConnect: false },
    espaces: ESPACES.map((espace, i) => ({ espace, label: LABELS[i]!, delegation: 'CAS' as const })),
    casUrls: { shape: 'STANDARD', root, loginUrl: `${root}/login`, validationUrl: `${root}/samlValidate` },
    directAccess: 'WHEN_CAS_UNAVAILABLE',
    clientDirectAccess: true,
    commonIdentifierAttribute: null,
    firstConnection: { mode: 'PRONOTE_IDENTIFIER', label: 'Identifiant', pronoteIdentifierAttribute: 'idPronote', identity: null },
  };
}

function renderEditor(props: Partial<Parameters<typeof SettingsEditor>[0]> = {}) {
  const save = vi.fn().mockResolvedValue(undefined);
  const reload = vi.fn().mockResolvedValue(undefined);
  render(
    <MantineProvider>
      <SettingsEditor settings={settings()} version={3} locked={false} save={save} reload={reload} {...props} />
    </MantineProvider>,
  );
  return { save, reload };
}

describe('SettingsEditor', () => {
  it('cannot be changed while the base is published', () => {
    renderEditor({ locked: true });
    expect(screen.getByText(/arrêter la publication de la base pour pouvoir modifier/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Enregistrer les paramètres' })).toBeDisabled();
  });

  it('does not offer an inactive protocol to an espace', () => {
    renderEditor();
    const select = screen.getByLabelText('Espace Élèves');
    const options = within(select).getAllByRole('option').map((o) => o.textContent);
    expect(options).toEqual(['Aucune', 'CAS']);
  });

  it('shows the error under the field and does not save', async () => {
    const { save } = renderEditor();
    const user = userEvent.setup();
    const root = screen.getByLabelText(/Adresse du serveur CAS/);
    await user.clear(root);
    await user.type(root, 'http://ent.exemple.fr/cas');
    await user.click(screen.getByRole('button', { name: 'Enregistrer les paramètres' }));
    expect(screen.getByText('L’adresse du serveur CAS doit commencer par https://.')).toBeInTheDocument();
    expect(root).toHaveAttribute('aria-invalid', 'true');
    expect(save).not.toHaveBeenCalled();
  });

  it('saves the settings with the version read', async () => {
    const { save } = renderEditor();
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Espace Parents'), 'AUCUNE');
    await user.click(screen.getByRole('button', { name: 'Enregistrer les paramètres' }));
    expect(save).toHaveBeenCalledTimes(1);
    const [input, version] = save.mock.calls[0]!;
    expect(version).toBe(3);
    expect(input.espaces.find((e: { espace: string }) => e.espace === 'PARENTS').delegation).toBe('AUCUNE');
    expect(await screen.findByText('Paramètres enregistrés.')).toBeInTheDocument();
  });

  it('shows a stale version as « modifié entre-temps » and keeps the person’s input', async () => {
    const save = vi
      .fn()
      .mockRejectedValueOnce(new ApiError({ message: 'Modifié entre-temps', extensions: { code: 'CONFLICT', field: 'version' } }))
      .mockResolvedValue(undefined);
    const reload = vi.fn().mockResolvedValue({ settings: settings('https://autre.exemple.fr/cas'), version: 4 });
    renderEditor({ save, reload });
    const user = userEvent.setup();
    const root = screen.getByLabelText(/Adresse du serveur CAS/);
    await user.clear(root);
    await user.type(root, 'https://mien.exemple.fr/cas');
    await user.click(screen.getByRole('button', { name: 'Enregistrer les paramètres' }));
    expect(await screen.findByText('Paramètres modifiés entre-temps')).toBeInTheDocument();
    expect(screen.getByText('https://autre.exemple.fr/cas')).toBeInTheDocument();
    expect(root).toHaveValue('https://mien.exemple.fr/cas');
    await user.click(screen.getByRole('button', { name: 'Garder mes valeurs' }));
    await user.click(screen.getByRole('button', { name: 'Enregistrer les paramètres' }));
    expect(save).toHaveBeenLastCalledWith(expect.objectContaining({ casUrls: { root: 'https://mien.exemple.fr/cas' } }), 4);
  });

  it('puts an API field error on its field', async () => {
    const save = vi.fn().mockRejectedValue(new ApiError({ message: 'Attribut inconnu de cet ENT.', extensions: { code: 'VALIDATION', field: 'settings.firstConnection.pronoteIdentifierAttribute' } }));
    renderEditor({ save });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Enregistrer les paramètres' }));
    expect(await screen.findByText('Attribut inconnu de cet ENT.')).toBeInTheDocument();
    expect(screen.getByLabelText(/Attribut portant l’identifiant PRONOTE/)).toHaveAttribute('aria-invalid', 'true');
  });
});
