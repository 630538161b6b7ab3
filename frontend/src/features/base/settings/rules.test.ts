import { describe, expect, it } from 'vitest';
import type { SettingsFieldsFragment } from '@/gql/graphql';
import { allToCas, choicesFor, differences, fromSettings, setProtocol, toInput, validate } from './rules';

const ESPACES = ['PAGE_COMMUNE', 'DIRECTION', 'PROFESSEURS', 'VIE_SCOLAIRE', 'PARENTS', 'ACCOMPAGNANTS', 'ELEVES', 'ENTREPRISE', 'ACADEMIE'] as const;

function settings(overrides: Partial<SettingsFieldsFragment> = {}): SettingsFieldsFragment {
  return {
    delegations: { cas: true, wsFederation: false, eduConnect: false },
    espaces: ESPACES.map((espace) => ({ espace, label: `Espace ${espace}`, delegation: 'CAS' as const })),
    casUrls: { shape: 'STANDARD', root: 'https://ent.exemple.fr/cas', loginUrl: 'https://ent.exemple.fr/cas/login', validationUrl: 'https://ent.exemple.fr/cas/samlValidate' },
    directAccess: 'WHEN_CAS_UNAVAILABLE',
    clientDirectAccess: true,
    commonIdentifierAttribute: null,
    firstConnection: {
      mode: 'IDENTITY',
      label: 'Identité',
      pronoteIdentifierAttribute: null,
      identity: {
        lastName: 'sn',
        firstName: 'givenName',
        birthDate: 'dateNaissance',
        postalCode: null,
        profile: 'profil',
        profileValues: [{ profile: 'ELEVE', label: 'Élève', values: ['National_1'] }],
      },
    },
    ...overrides,
  };
}

describe('settings editor rules', () => {
  it('accepts complete settings and turns them into the API input', () => {
    const form = fromSettings(settings());
    expect(validate(form)).toEqual({});
    const input = toInput(form);
    expect(input.casUrls).toEqual({ root: 'https://ent.exemple.fr/cas' });
    expect(input.firstConnection.profileValues).toEqual([{ profile: 'ELEVE', values: 'National_1' }]);
  });

  it('offers an espace only the active protocols', () => {
    const form = fromSettings(settings());
    expect(choicesFor(form)).toEqual(['AUCUNE', 'CAS']);
    const withEdu = setProtocol(form, 'eduConnect', true);
    expect(choicesFor(withEdu)).toEqual(['AUCUNE', 'CAS', 'EDU_CONNECT']);
  });

  it('keeps a protocol active while an espace uses it', () => {
    const form = fromSettings(settings());
    expect(setProtocol(form, 'cas', false).delegations.cas).toBe(true);
    const none = { ...form, espaces: form.espaces.map((e) => ({ ...e, delegation: 'AUCUNE' as const })) };
    expect(setProtocol(none, 'cas', false).delegations.cas).toBe(false);
  });

  it('asks for an https CAS address when CAS is used', () => {
    const form = { ...fromSettings(settings()), casRoot: 'http://ent.exemple.fr/cas' };
    expect(validate(form).casRoot).toMatch(/https:\/\//);
    expect(validate({ ...form, casRoot: '' }).casRoot).toBe('Indiquez l’adresse.');
    const custom = { ...form, casShape: 'CUSTOM' as const, casLoginUrl: 'https://a/login', casValidationUrl: 'pas une adresse' };
    const errors = validate(custom);
    expect(errors.casLoginUrl).toBeUndefined();
    expect(errors.casValidationUrl).toMatch(/Adresse invalide/);
  });

  it('needs no CAS address when nothing uses CAS', () => {
    const base = fromSettings(settings());
    const form = {
      ...base,
      delegations: { cas: false, wsFederation: false, eduConnect: true },
      espaces: base.espaces.map((e) => ({ ...e, delegation: 'EDU_CONNECT' as const })),
      casRoot: '',
    };
    expect(validate(form)).toEqual({});
    expect(toInput(form).casUrls).toBeNull();
  });

  it('asks the identity mode for its attributes and at least one profile value', () => {
    const base = fromSettings(settings());
    const form = { ...base, firstName: '', profileValues: { ...base.profileValues, ELEVE: ' ; ' } };
    const errors = validate(form);
    expect(errors.firstName).toBe('Indiquez le nom de l’attribut.');
    expect(errors.profileValues).toMatch(/au moins un profil/);
  });

  it('asks the PRONOTE identifier mode for its attribute only', () => {
    const form = { ...fromSettings(settings()), mode: 'PRONOTE_IDENTIFIER' as const, firstName: '' };
    expect(validate(form)).toEqual({ pronoteIdentifierAttribute: 'Indiquez le nom de l’attribut.' });
    expect(validate({ ...form, pronoteIdentifierAttribute: 'idPronote' })).toEqual({});
  });

  it('refuses a profile value longer than 64 characters', () => {
    const base = fromSettings(settings());
    const form = { ...base, profileValues: { ...base.profileValues, PARENT: 'x'.repeat(65) } };
    expect(validate(form)['profileValues.PARENT']).toMatch(/1 à 64 caractères/);
  });

  it('delegates every espace to CAS in one action', () => {
    const base = fromSettings(settings());
    const none = { ...base, delegations: { cas: false, wsFederation: false, eduConnect: false }, espaces: base.espaces.map((e) => ({ ...e, delegation: 'AUCUNE' as const })) };
    const all = allToCas(none);
    expect(all.delegations.cas).toBe(true);
    expect(all.espaces.every((e) => e.delegation === 'CAS')).toBe(true);
  });

  it('names the fields where the other person saved different values', () => {
    const mine = fromSettings(settings());
    const theirs = { ...mine, casRoot: 'https://autre.exemple.fr/cas', directAccess: 'ALWAYS' as const };
    expect(differences(mine, theirs)).toEqual(['Adresse du serveur CAS', 'Authentification directe par PRONOTE.net']);
  });
});
