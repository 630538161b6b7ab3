// The settings editor's form and its rules (docs/domain.md §2, the PRONOTE console's
// own): what can be chosen, what must be filled, how it becomes the API's
// input. Pure functions, tested in rules.test.ts.
import type {
  DelegationSettingsInput,
  DirectAccess,
  Espace,
  EspaceDelegation,
  FirstConnectionMode,
  Profile,
  SettingsFieldsFragment,
} from '@/gql/graphql';

export type Protocol = 'cas' | 'wsFederation' | 'eduConnect';
export type UrlShape = 'STANDARD' | 'CUSTOM';

export interface SettingsForm {
  delegations: Record<Protocol, boolean>;
  espaces: { espace: Espace; label: string; delegation: EspaceDelegation }[];
  casShape: UrlShape;
  casRoot: string;
  casLoginUrl: string;
  casValidationUrl: string;
  directAccess: DirectAccess;
  clientDirectAccess: boolean;
  commonIdentifier: string;
  mode: FirstConnectionMode;
  pronoteIdentifierAttribute: string;
  lastName: string;
  firstName: string;
  birthDate: string;
  postalCode: string;
  profile: string;
  profileValues: Record<Profile, string>;
}

export const PROTOCOLS: { key: Protocol; label: string; delegation: EspaceDelegation }[] = [
  { key: 'cas', label: 'CAS', delegation: 'CAS' },
  { key: 'wsFederation', label: 'WS-Federation', delegation: 'WS_FEDERATION' },
  { key: 'eduConnect', label: 'ÉduConnect', delegation: 'EDU_CONNECT' },
];

export const DELEGATION_LABELS: Record<EspaceDelegation, string> = {
  CAS: 'CAS',
  WS_FEDERATION: 'WS-Federation',
  EDU_CONNECT: 'ÉduConnect',
  AUCUNE: 'Aucune',
};

export const PROFILES: { profile: Profile; label: string }[] = [
  { profile: 'ELEVE', label: 'Élève' },
  { profile: 'PARENT', label: 'Parent' },
  { profile: 'PROFESSEUR', label: 'Professeur' },
  { profile: 'PERSONNEL', label: 'Personnel' },
  { profile: 'INSPECTEUR', label: 'Inspecteur' },
  { profile: 'MAITRE_DE_STAGE', label: 'Maître de stage' },
];

export const MODES: { value: FirstConnectionMode; label: string }[] = [
  { value: 'IDENTITY', label: 'Avec l’identité de l’utilisateur' },
  { value: 'PRONOTE_IDENTIFIER', label: 'Avec l’identifiant PRONOTE transmis par le CAS' },
  { value: 'DOUBLE_AUTHENTICATION', label: 'Avec une double authentification (CAS puis PRONOTE)' },
  { value: 'REFUSE_ACCESS', label: 'Refuser l’accès aux utilisateurs inconnus' },
];

export const DIRECT_ACCESS: { value: DirectAccess; label: string }[] = [
  { value: 'OFF', label: 'Non' },
  { value: 'ALWAYS', label: 'Toujours' },
  { value: 'WHEN_CAS_UNAVAILABLE', label: 'Uniquement si le serveur CAS ne répond pas' },
];

const emptyProfiles = (): Record<Profile, string> => ({
  ELEVE: '',
  PARENT: '',
  PROFESSEUR: '',
  PERSONNEL: '',
  INSPECTEUR: '',
  MAITRE_DE_STAGE: '',
});

export function fromSettings(settings: SettingsFieldsFragment): SettingsForm {
  const identity = settings.firstConnection.identity;
  const profileValues = emptyProfiles();
  for (const entry of identity?.profileValues ?? []) profileValues[entry.profile] = entry.values.join(';');
  const urls = settings.casUrls;
  return {
    delegations: { ...settings.delegations },
    espaces: settings.espaces.map(({ espace, label, delegation }) => ({ espace, label, delegation })),
    casShape: urls?.shape ?? 'STANDARD',
    casRoot: urls?.root ?? '',
    casLoginUrl: urls?.shape === 'CUSTOM' ? urls.loginUrl : '',
    casValidationUrl: urls?.shape === 'CUSTOM' ? urls.validationUrl : '',
    directAccess: settings.directAccess,
    clientDirectAccess: settings.clientDirectAccess,
    commonIdentifier: settings.commonIdentifierAttribute ?? '',
    mode: settings.firstConnection.mode,
    pronoteIdentifierAttribute: settings.firstConnection.pronoteIdentifierAttribute ?? '',
    lastName: identity?.lastName ?? '',
    firstName: identity?.firstName ?? '',
    birthDate: identity?.birthDate ?? '',
    postalCode: identity?.postalCode ?? '',
    profile: identity?.profile ?? '',
    profileValues,
  };
}

/** The delegations an espace may be given: « Aucune » and the active protocols. */
export function choicesFor(form: SettingsForm): EspaceDelegation[] {
  return ['AUCUNE', ...PROTOCOLS.filter((p) => form.delegations[p.key]).map((p) => p.delegation)];
}

/** How many espaces a protocol serves (a protocol in use cannot be turned off). */
export function espacesUsing(form: SettingsForm, protocol: Protocol): number {
  const delegation = PROTOCOLS.find((p) => p.key === protocol)?.delegation;
  return form.espaces.filter((e) => e.delegation === delegation).length;
}

export function usesCas(form: SettingsForm): boolean {
  return form.delegations.cas || form.espaces.some((e) => e.delegation === 'CAS');
}

/** Delegates every espace to CAS (the advised choice). */
export function allToCas(form: SettingsForm): SettingsForm {
  return {
    ...form,
    delegations: { ...form.delegations, cas: true },
    espaces: form.espaces.map((e) => ({ ...e, delegation: 'CAS' })),
  };
}

export function setProtocol(form: SettingsForm, protocol: Protocol, active: boolean): SettingsForm {
  if (!active && espacesUsing(form, protocol) > 0) return form;
  return { ...form, delegations: { ...form.delegations, [protocol]: active } };
}

function httpsError(value: string): string | null {
  const trimmed = value.trim();
  if (!trimmed) return 'Indiquez l’adresse.';
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return 'Adresse invalide : saisissez une adresse complète, par exemple https://ent.exemple.fr/cas.';
  }
  if (url.protocol !== 'https:') return 'L’adresse du serveur CAS doit commencer par https://.';
  return null;
}

const ATTRIBUTE = /^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/;

function attributeError(value: string, required: boolean): string | null {
  const trimmed = value.trim();
  if (!trimmed) return required ? 'Indiquez le nom de l’attribut.' : null;
  if (!ATTRIBUTE.test(trimmed)) return 'Nom d’attribut invalide : lettres, chiffres, « _ », « - », « . », « : », 64 caractères au plus.';
  return null;
}

function profileValueError(raw: string): string | null {
  const values = raw.split(';').map((v) => v.trim()).filter(Boolean);
  if (values.length > 50) return 'Indiquez au plus 50 valeurs par profil.';
  for (const value of values) {
    if ([...value].length > 64) return `La valeur « ${value.slice(0, 20)}… » doit compter de 1 à 64 caractères.`;
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(value)) return `La valeur « ${value} » contient un caractère interdit.`;
  }
  return null;
}

/** Inline validation: field name → French message. Empty when the form can be saved. */
export function validate(form: SettingsForm): Record<string, string> {
  const errors: Record<string, string> = {};
  const put = (field: string, message: string | null) => {
    if (message) errors[field] = message;
  };
  for (const e of form.espaces) {
    const protocol = PROTOCOLS.find((p) => p.delegation === e.delegation);
    if (protocol && !form.delegations[protocol.key]) {
      errors[`espace.${e.espace}`] = `${e.label} est délégué à ${protocol.label}, mais la délégation ${protocol.label} n’est pas activée.`;
    }
  }
  if (usesCas(form)) {
    if (form.casShape === 'STANDARD') put('casRoot', httpsError(form.casRoot));
    else {
      put('casLoginUrl', httpsError(form.casLoginUrl));
      put('casValidationUrl', httpsError(form.casValidationUrl));
    }
  }
  put('commonIdentifier', attributeError(form.commonIdentifier, false));
  if (form.mode === 'PRONOTE_IDENTIFIER') put('pronoteIdentifierAttribute', attributeError(form.pronoteIdentifierAttribute, true));
  if (form.mode === 'IDENTITY') {
    put('lastName', attributeError(form.lastName, true));
    put('firstName', attributeError(form.firstName, true));
    put('birthDate', attributeError(form.birthDate, true));
    put('postalCode', attributeError(form.postalCode, false));
    put('profile', attributeError(form.profile, true));
    for (const { profile } of PROFILES) put(`profileValues.${profile}`, profileValueError(form.profileValues[profile]));
    const any = PROFILES.some(({ profile }) => form.profileValues[profile].trim().replace(/;/g, '') !== '');
    if (!any && !errors.profileValues) {
      errors.profileValues = `Indiquez, pour au moins un profil, les valeurs de l’attribut « ${form.profile || 'profil'} » qui le désignent (ex. National_1 pour les élèves).`;
    }
  }
  return errors;
}

const orNull = (value: string) => (value.trim() ? value.trim() : null);

export function toInput(form: SettingsForm): DelegationSettingsInput {
  const cas = usesCas(form);
  return {
    delegations: { ...form.delegations },
    espaces: form.espaces.map(({ espace, delegation }) => ({ espace, delegation })),
    casUrls: !cas
      ? null
      : form.casShape === 'STANDARD'
        ? { root: form.casRoot.trim() }
        : { loginUrl: form.casLoginUrl.trim(), validationUrl: form.casValidationUrl.trim() },
    directAccess: form.directAccess,
    clientDirectAccess: form.clientDirectAccess,
    commonIdentifierAttribute: orNull(form.commonIdentifier),
    firstConnection: {
      mode: form.mode,
      pronoteIdentifierAttribute: form.mode === 'PRONOTE_IDENTIFIER' ? orNull(form.pronoteIdentifierAttribute) : null,
      ...(form.mode === 'IDENTITY'
        ? {
            lastName: orNull(form.lastName),
            firstName: orNull(form.firstName),
            birthDate: orNull(form.birthDate),
            postalCode: orNull(form.postalCode),
            profile: orNull(form.profile),
            profileValues: PROFILES.filter(({ profile }) => form.profileValues[profile].trim()).map(({ profile }) => ({
              profile,
              values: form.profileValues[profile],
            })),
          }
        : { profileValues: [] }),
    },
  };
}

/** Where an API field error (`extensions.field`) goes in the form. */
export function formFieldOf(apiField: string): string {
  const last = apiField.split('.').pop() ?? apiField;
  const map: Record<string, string> = {
    espaces: 'espaces',
    casUrls: 'casRoot',
    root: 'casRoot',
    loginUrl: 'casLoginUrl',
    validationUrl: 'casValidationUrl',
    commonIdentifierAttribute: 'commonIdentifier',
    profileValues: 'profileValues',
    pronoteIdentifierAttribute: 'pronoteIdentifierAttribute',
    lastName: 'lastName',
    firstName: 'firstName',
    birthDate: 'birthDate',
    postalCode: 'postalCode',
    profile: 'profile',
  };
  return map[last] ?? 'form';
}

/** The fields where the other person's saved values differ from the form (conflict). */
export function differences(mine: SettingsForm, theirs: SettingsForm): string[] {
  const labels: [keyof SettingsForm, string][] = [
    ['delegations', 'Délégations actives'],
    ['espaces', 'Espaces délégués'],
    ['casShape', 'Forme des adresses CAS'],
    ['casRoot', 'Adresse du serveur CAS'],
    ['casLoginUrl', 'Adresse d’authentification'],
    ['casValidationUrl', 'Adresse de validation'],
    ['directAccess', 'Authentification directe par PRONOTE.net'],
    ['clientDirectAccess', 'Authentification directe du client'],
    ['commonIdentifier', 'Identifiant commun'],
    ['mode', 'Mode d’identification'],
    ['pronoteIdentifierAttribute', 'Attribut de l’identifiant PRONOTE'],
    ['lastName', 'Attribut du nom'],
    ['firstName', 'Attribut du prénom'],
    ['birthDate', 'Attribut de la date de naissance'],
    ['postalCode', 'Attribut du code postal'],
    ['profile', 'Attribut du profil'],
    ['profileValues', 'Valeurs des profils'],
  ];
  return labels.filter(([key]) => JSON.stringify(mine[key]) !== JSON.stringify(theirs[key])).map(([, label]) => label);
}
