import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  List,
  NativeSelect,
  Radio,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { SettingsFieldsFragment } from '@/gql/graphql';
import { ApiError, isConflict, messageOf } from '@/lib/errors';
import {
  DELEGATION_LABELS,
  DIRECT_ACCESS,
  MODES,
  PROFILES,
  PROTOCOLS,
  allToCas,
  choicesFor,
  differences,
  espacesUsing,
  formFieldOf,
  fromSettings,
  setProtocol,
  toInput,
  usesCas,
  validate,
  type SettingsForm,
} from './rules';

export interface Saved {
  settings: SettingsFieldsFragment;
  version: number;
}

interface Props {
  settings: SettingsFieldsFragment;
  version: number;
  /** Settings can only change while the base is not published (docs/domain.md §2). */
  locked: boolean;
  /** The person only reads (the helpdesk): the values, no control to change them. */
  readOnly?: boolean;
  save: (input: ReturnType<typeof toInput>, version: number) => Promise<void>;
  /** Reads the base again (after a conflict). */
  reload: () => Promise<Saved | undefined>;
}

interface Conflict {
  theirs: SettingsForm;
  version: number;
  changed: string[];
}

export function SettingsEditor({ settings, version, locked: published, readOnly = false, save, reload }: Props) {
  const locked = published || readOnly;
  const [form, setForm] = useState<SettingsForm>(() => fromSettings(settings));
  const [baseVersion, setBaseVersion] = useState(version);
  const [touched, setTouched] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const conflictRef = useRef<HTMLDivElement>(null);

  // A newer version read by someone else's action (model applied, reload)
  // replaces the form only while the person has not typed anything.
  useEffect(() => {
    if (!touched && !conflict) {
      setForm(fromSettings(settings));
      setBaseVersion(version);
    }
  }, [settings, version, touched, conflict]);

  useEffect(() => {
    if (conflict) conflictRef.current?.focus();
  }, [conflict]);

  const errors = useMemo(() => validate(form), [form]);
  const shown = { ...(submitted || touched ? errors : {}), ...serverErrors };
  const choices = choicesFor(form);
  const disabled = locked || busy;

  function change(next: SettingsForm) {
    setForm(next);
    setTouched(true);
    setSaved(false);
    setServerErrors({});
  }
  function set<K extends keyof SettingsForm>(key: K, value: SettingsForm[K]) {
    change({ ...form, [key]: value });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    setFormError(null);
    if (Object.keys(errors).length > 0) return;
    setBusy(true);
    try {
      await save(toInput(form), baseVersion);
      setTouched(false);
      setSubmitted(false);
      setSaved(true);
    } catch (error) {
      if (isConflict(error) && (error.field === 'version' || !error.field)) {
        const latest = await reload();
        if (latest) {
          const theirs = fromSettings(latest.settings);
          setConflict({ theirs, version: latest.version, changed: differences(form, theirs) });
        }
      } else if (error instanceof ApiError && error.field) {
        const field = formFieldOf(error.field);
        if (field === 'form') setFormError(error.message);
        else setServerErrors({ [field]: error.message });
      } else {
        setFormError(messageOf(error));
      }
    } finally {
      setBusy(false);
    }
  }

  function keepMine() {
    if (!conflict) return;
    setBaseVersion(conflict.version);
    setConflict(null);
  }
  function takeTheirs() {
    if (!conflict) return;
    setForm(conflict.theirs);
    setBaseVersion(conflict.version);
    setTouched(false);
    setConflict(null);
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="settings-title">
      <Stack>
        <Title order={2} id="settings-title">
          Délégation d’authentification
        </Title>
        {published && !readOnly && (
          <Alert color="orange" title="Base publiée">
            Vous devez arrêter la publication de la base pour pouvoir modifier ces paramètres.
          </Alert>
        )}
        {conflict && (
          <Alert color="red" title="Paramètres modifiés entre-temps" role="alert" ref={conflictRef} tabIndex={-1}>
            <Stack gap="xs">
              <Text>
                Une autre personne a modifié ces paramètres entre-temps (version {conflict.version}). Vos saisies sont conservées ci-dessous.
              </Text>
              {conflict.changed.length > 0 ? (
                <>
                  <Text fw={600}>Ses valeurs diffèrent des vôtres pour :</Text>
                  <List size="sm">
                    {conflict.changed.map((label) => (
                      <List.Item key={label}>{label}</List.Item>
                    ))}
                  </List>
                  <TheirValues theirs={conflict.theirs} />
                </>
              ) : (
                <Text>Ses valeurs sont identiques aux vôtres.</Text>
              )}
              <Group>
                <Button onClick={keepMine}>Garder mes valeurs</Button>
                <Button variant="outline" onClick={takeTheirs}>
                  Recharger ses valeurs
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {formError && (
          <Alert color="red" title="Enregistrement impossible" role="alert">
            {formError}
          </Alert>
        )}

        <Fieldset legend="Délégations actives" disabled={disabled} id="field-delegations">
          <Group>
            {PROTOCOLS.map((p) => {
              const used = espacesUsing(form, p.key);
              return (
                <Checkbox
                  key={p.key}
                  label={p.label}
                  checked={form.delegations[p.key]}
                  disabled={disabled || (form.delegations[p.key] && used > 0)}
                  description={form.delegations[p.key] && used > 0 ? `Utilisée par ${used} espace${used > 1 ? 's' : ''}` : undefined}
                  onChange={(e) => change(setProtocol(form, p.key, e.currentTarget.checked))}
                />
              );
            })}
          </Group>
        </Fieldset>

        <Fieldset legend="Espaces délégués" disabled={disabled} id="field-espaces">
          <Stack gap="xs">
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Espace</Table.Th>
                  <Table.Th scope="col">Authentification</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {form.espaces.map((e, index) => (
                  <Table.Tr key={e.espace}>
                    <Table.Td>
                      <label htmlFor={`espace-${e.espace}`}>{e.label}</label>
                    </Table.Td>
                    <Table.Td>
                      <NativeSelect
                        id={`espace-${e.espace}`}
                        value={e.delegation}
                        disabled={disabled}
                        error={shown[`espace.${e.espace}`]}
                        data={choices.map((value) => ({ value, label: DELEGATION_LABELS[value] }))}
                        onChange={(event) => {
                          const espaces = form.espaces.slice();
                          espaces[index] = { ...e, delegation: event.currentTarget.value as typeof e.delegation };
                          set('espaces', espaces);
                        }}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {shown.espaces && (
              <Text c="red.9" size="sm" role="alert">
                {shown.espaces}
              </Text>
            )}
            {!readOnly && (
              <Button variant="light" w="fit-content" disabled={disabled} onClick={() => change(allToCas(form))}>
                Déléguer tous les espaces au CAS (conseillé)
              </Button>
            )}
          </Stack>
        </Fieldset>

        {usesCas(form) && (
          <Fieldset legend="Adresses du serveur CAS" disabled={disabled}>
            <Stack>
              <Radio.Group
                label="Forme des adresses"
                value={form.casShape}
                onChange={(value) => set('casShape', value as SettingsForm['casShape'])}
              >
                <Stack gap={4} mt={4}>
                  <Radio value="STANDARD" label="Standard : une adresse racine (PRONOTE ajoute /login et /samlValidate)" disabled={disabled} />
                  <Radio value="CUSTOM" label="Les adresses d’authentification et de validation sont différentes" disabled={disabled} />
                </Stack>
              </Radio.Group>
              {form.casShape === 'STANDARD' ? (
                <TextInput
                  id="field-casRoot"
                  label="Adresse du serveur CAS"
                  placeholder="https://ent.exemple.fr/cas"
                  required
                  value={form.casRoot}
                  error={shown.casRoot}
                  onChange={(e) => set('casRoot', e.currentTarget.value)}
                />
              ) : (
                <div className="form-grid">
                  <TextInput
                    id="field-casLoginUrl"
                  label="Adresse d’authentification"
                    placeholder="https://ent.exemple.fr/cas/login"
                    required
                    value={form.casLoginUrl}
                    error={shown.casLoginUrl}
                    onChange={(e) => set('casLoginUrl', e.currentTarget.value)}
                  />
                  <TextInput
                    id="field-casValidationUrl"
                  label="Adresse de validation"
                    placeholder="https://ent.exemple.fr/cas/samlValidate"
                    required
                    value={form.casValidationUrl}
                    error={shown.casValidationUrl}
                    onChange={(e) => set('casValidationUrl', e.currentTarget.value)}
                  />
                </div>
              )}
            </Stack>
          </Fieldset>
        )}

        <Fieldset legend="Accès direct" disabled={disabled}>
          <Stack>
            <NativeSelect
              id="field-directAccess"
                  label="Autoriser l’authentification directe par PRONOTE.net"
              value={form.directAccess}
              data={DIRECT_ACCESS}
              onChange={(e) => set('directAccess', e.currentTarget.value as SettingsForm['directAccess'])}
            />
            <Switch
              label="Le client PRONOTE peut s’authentifier sans interroger le serveur CAS"
              checked={form.clientDirectAccess}
              disabled={disabled}
              onChange={(e) => set('clientDirectAccess', e.currentTarget.checked)}
            />
          </Stack>
        </Fieldset>

        <Fieldset legend="Identification" disabled={disabled} id="field-identification">
          <Stack>
            <TextInput
              id="field-commonIdentifier"
                  label="Identifiant commun (attribut CAS)"
              description="Vide : le sujet CAS (Subject) identifie les utilisateurs."
              value={form.commonIdentifier}
              error={shown.commonIdentifier}
              onChange={(e) => set('commonIdentifier', e.currentTarget.value)}
            />
            <Radio.Group
              label="Mode d’identification à la première connexion"
              value={form.mode}
              onChange={(value) => set('mode', value as SettingsForm['mode'])}
            >
              <Stack gap={4} mt={4}>
                {MODES.map((m) => (
                  <Radio key={m.value} value={m.value} label={m.label} disabled={disabled} />
                ))}
              </Stack>
            </Radio.Group>
            {form.mode === 'PRONOTE_IDENTIFIER' && (
              <TextInput
                id="field-pronoteIdentifierAttribute"
                  label="Attribut portant l’identifiant PRONOTE"
                placeholder="idPronote"
                required
                value={form.pronoteIdentifierAttribute}
                error={shown.pronoteIdentifierAttribute}
                onChange={(e) => set('pronoteIdentifierAttribute', e.currentTarget.value)}
              />
            )}
            {form.mode === 'IDENTITY' && (
              <Stack>
                <div className="form-grid">
                  <TextInput label="Attribut du nom" required value={form.lastName} error={shown.lastName} onChange={(e) => set('lastName', e.currentTarget.value)} />
                  <TextInput label="Attribut du prénom" required value={form.firstName} error={shown.firstName} onChange={(e) => set('firstName', e.currentTarget.value)} />
                  <TextInput
                    label="Attribut de la date de naissance"
                    required
                    value={form.birthDate}
                    error={shown.birthDate}
                    onChange={(e) => set('birthDate', e.currentTarget.value)}
                  />
                  <TextInput
                    label="Attribut du code postal (facultatif)"
                    value={form.postalCode}
                    error={shown.postalCode}
                    onChange={(e) => set('postalCode', e.currentTarget.value)}
                  />
                  <TextInput label="Attribut du profil" required value={form.profile} error={shown.profile} onChange={(e) => set('profile', e.currentTarget.value)} />
                </div>
                <Fieldset legend="Valeurs de l’attribut du profil, séparées par « ; »" variant="unstyled">
                  <div className="form-grid">
                    {PROFILES.map(({ profile, label }) => (
                      <TextInput
                        key={profile}
                        label={`Profil ${label}`}
                        value={form.profileValues[profile]}
                        error={shown[`profileValues.${profile}`]}
                        onChange={(e) => set('profileValues', { ...form.profileValues, [profile]: e.currentTarget.value })}
                      />
                    ))}
                  </div>
                  {shown.profileValues && (
                    <Text c="red.9" size="sm" role="alert" mt="xs">
                      {shown.profileValues}
                    </Text>
                  )}
                </Fieldset>
              </Stack>
            )}
          </Stack>
        </Fieldset>

        {!readOnly && (
          <Group>
            <Button type="submit" disabled={locked} loading={busy}>
              Enregistrer les paramètres
            </Button>
            {touched && !locked && (
              <Button variant="subtle" onClick={() => { setForm(fromSettings(settings)); setTouched(false); setSubmitted(false); }}>
                Annuler mes modifications
              </Button>
            )}
            {saved && (
              <Text c="green.9" role="status">
                Paramètres enregistrés.
              </Text>
            )}
          </Group>
        )}
      </Stack>
    </form>
  );
}

function TheirValues({ theirs }: { theirs: SettingsForm }) {
  const cas = theirs.casShape === 'STANDARD' ? theirs.casRoot : `${theirs.casLoginUrl} / ${theirs.casValidationUrl}`;
  return (
    <Table withTableBorder>
      <Table.Caption>Valeurs enregistrées par l’autre personne</Table.Caption>
      <Table.Tbody>
        <Table.Tr>
          <Table.Th scope="row">Adresse du serveur CAS</Table.Th>
          <Table.Td>{cas || '—'}</Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th scope="row">Espaces délégués au CAS</Table.Th>
          <Table.Td>{theirs.espaces.filter((e) => e.delegation === 'CAS').length} sur {theirs.espaces.length}</Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th scope="row">Mode d’identification</Table.Th>
          <Table.Td>{MODES.find((m) => m.value === theirs.mode)?.label}</Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th scope="row">Authentification directe</Table.Th>
          <Table.Td>{DIRECT_ACCESS.find((d) => d.value === theirs.directAccess)?.label}</Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}
