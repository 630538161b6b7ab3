import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { SettingsFieldsFragment } from '@/gql/graphql';
import { SettingsEditor } from './SettingsEditor';

const settings: SettingsFieldsFragment = {
  delegations: { cas: true, wsFederation: false, eduConnect: false },
  espaces: [{ espace: 'ELEVES', label: 'Espace Élèves', delegation: 'CAS' }],
  casUrls: { shape: 'STANDARD', root: 'https://ent.exemple.fr/cas', loginUrl: 'https://ent.exemple.fr/cas/login', validationUrl: 'https://ent.exemple.fr/cas/samlValidate' },
  directAccess: 'WHEN_CAS_UNAVAILABLE',
  clientDirectAccess: true,
  commonIdentifierAttribute: null,
  firstConnection: { mode: 'PRONOTE_IDENTIFIER', label: 'Identifiant', pronoteIdentifierAttribute: 'idPronote', identity: null },
};

function renderEditor(readOnly: boolean) {
  render(
    <MantineProvider>
      <SettingsEditor settings={settings} version={1} locked={false} readOnly={readOnly} save={vi.fn()} reload={vi.fn()} />
    </MantineProvider>,
  );
}

describe('SettingsEditor for the helpdesk (read-only)', () => {
  it('shows the values in disabled fields and no control to change them', () => {
    renderEditor(true);
    expect(screen.queryByRole('button', { name: 'Enregistrer les paramètres' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Déléguer tous les espaces au CAS/ })).not.toBeInTheDocument();
    expect(screen.queryByText(/arrêter la publication/)).not.toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Délégations actives' })).toBeDisabled();
    expect(screen.getByDisplayValue('https://ent.exemple.fr/cas')).toBeDisabled();
  });

  it('keeps the controls for those who edit', () => {
    renderEditor(false);
    expect(screen.getByRole('button', { name: 'Enregistrer les paramètres' })).toBeEnabled();
    expect(screen.getByRole('group', { name: 'Délégations actives' })).toBeEnabled();
  });
});
