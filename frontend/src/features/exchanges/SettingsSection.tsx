import { Alert, Button, Checkbox, Code, CopyButton, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { QueryState } from '@/components/QueryState';
import type { ExchangeSettingsInput, ExchangeSettingsOfTenantQuery } from '@/gql/graphql';
import { fieldErrors, messageOf } from '@/lib/errors';
import { request } from '@/lib/graphql';
import { ExchangeSettingsQuery, UpdateExchangeSettingsMutation } from './api';
import { Notice } from '@/components/Notice';
import { parseDays } from './report';

type Settings = ExchangeSettingsOfTenantQuery['exchangeSettings'];

/** A key file's text (FileReader: what every browser and the test DOM have). */
function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('lecture impossible'));
    reader.readAsText(file);
  });
}

export function settingsKey(tenantId: string | null) {
  return ['exchanges', 'settings', tenantId] as const;
}

/** One save of the settings: only the fields given change; the answer replaces the cached settings. */
function useSave(tenantId: string | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: Omit<ExchangeSettingsInput, 'tenantId'>) =>
      (await request(UpdateExchangeSettingsMutation, { input: { ...input, tenantId } })).updateExchangeSettings,
    onSuccess: (saved) => client.setQueryData<ExchangeSettingsOfTenantQuery>(settingsKey(tenantId), { exchangeSettings: saved }),
  });
}

/** « Paramètres d’échange » : partner identity, Index-Education's key, the partner key pair, retention. */
export function SettingsSection({ tenantId }: { tenantId: string | null }) {
  const settings = useQuery({ queryKey: settingsKey(tenantId), queryFn: () => request(ExchangeSettingsQuery, { tenantId }) });
  const data = settings.data?.exchangeSettings;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="exchanges-settings">
      <Stack>
        <Title order={2} size="h3" id="exchanges-settings">
          Paramètres d’échange avec Index-Education
        </Title>
        <QueryState loading={settings.isPending} error={settings.error} retry={() => void settings.refetch()}>
          {data && (
            <Stack gap="lg">
              <PartnerForm tenantId={tenantId} settings={data} />
              <IndexEducationKeyForm tenantId={tenantId} settings={data} />
              <PartnerKeyPairForm tenantId={tenantId} settings={data} />
              <RetentionForm tenantId={tenantId} settings={data} />
            </Stack>
          )}
        </QueryState>
      </Stack>
    </Paper>
  );
}

function Saved({ children }: { children: string }) {
  return <Notice>{children}</Notice>;
}

function Refused({ error, fields }: { error: unknown; fields: readonly string[] }) {
  // A refusal that lands on a field is said there; anything else here.
  if (Object.keys(fieldErrors(error, fields)).length > 0) return null;
  return (
    <Alert color="red" role="alert" title="Enregistrement refusé">
      {messageOf(error)}
    </Alert>
  );
}

const PARTNER_FIELDS = ['partnerId', 'partnerName'] as const;

function PartnerForm({ tenantId, settings }: { tenantId: string | null; settings: Settings }) {
  const save = useSave(tenantId);
  const [partnerId, setPartnerId] = useState(settings.partnerId ?? '');
  const [partnerName, setPartnerName] = useState(settings.partnerName ?? '');
  const errors = fieldErrors(save.error, PARTNER_FIELDS);
  const [unchanged, setUnchanged] = useState(false);
  function submit(event: FormEvent) {
    event.preventDefault();
    // Only what changed is sent: a value never given stays unset.
    const input: { partnerId?: string; partnerName?: string } = {};
    if (partnerId !== (settings.partnerId ?? '')) input.partnerId = partnerId;
    if (partnerName !== (settings.partnerName ?? '')) input.partnerName = partnerName;
    setUnchanged(Object.keys(input).length === 0);
    if (Object.keys(input).length === 0) save.reset();
    else save.mutate(input);
  }
  return (
    <form onSubmit={submit} aria-labelledby="exchanges-partner">
      <Stack gap="xs">
        <Title order={3} size="h4" id="exchanges-partner">
          Partenaire
        </Title>
        <Group align="start" grow>
          <TextInput
            label="Identifiant partenaire"
            description="Donné par Index-Education (« Partenaire » du fichier de rapprochement)."
            value={partnerId}
            onChange={(e) => setPartnerId(e.currentTarget.value)}
            error={errors.partnerId}
          />
          <TextInput
            label="Nom du partenaire"
            description="Le nom de l’ENT dans les fichiers échangés avec PRONOTE."
            value={partnerName}
            onChange={(e) => setPartnerName(e.currentTarget.value)}
            error={errors.partnerName}
          />
        </Group>
        {save.error && <Refused error={save.error} fields={PARTNER_FIELDS} />}
        {save.isSuccess && <Saved>Identité du partenaire enregistrée.</Saved>}
        {unchanged && <Saved>Aucune modification à enregistrer.</Saved>}
        <Button type="submit" w="fit-content" loading={save.isPending}>
          Enregistrer le partenaire
        </Button>
      </Stack>
    </form>
  );
}

const IE_FIELDS = ['indexEducationPublicKeyPem'] as const;

function IndexEducationKeyForm({ tenantId, settings }: { tenantId: string | null; settings: Settings }) {
  const save = useSave(tenantId);
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const error = fieldErrors(save.error, IE_FIELDS).indexEducationPublicKeyPem;
  function choose(next: File | null) {
    setFile(next);
    save.reset();
  }
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    save.mutate(
      { indexEducationPublicKeyPem: await readText(file) },
      {
        onSuccess: () => {
          setFile(null);
          if (input.current) input.current.value = '';
        },
      },
    );
  }
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="exchanges-ie-key">
      <Stack gap="xs">
        <Title order={3} size="h4" id="exchanges-ie-key">
          Clé publique d’Index-Education
        </Title>
        <Text size="sm">
          Elle scelle le fichier de rapprochement envoyé à PRONOTE.{' '}
          {settings.indexEducationKeyFingerprint ? (
            <>
              Clé enregistrée, empreinte <Code>{settings.indexEducationKeyFingerprint}</Code>.
            </>
          ) : (
            <strong>Aucune clé enregistrée : le fichier de rapprochement ne peut pas être produit.</strong>
          )}
        </Text>
        <label htmlFor={inputId}>{settings.indexEducationKeyFingerprint ? 'Remplacer par la clé du fichier (PEM)' : 'Fichier de la clé (PEM)'}</label>
        <input
          id={inputId}
          ref={input}
          className="exchanges-file"
          type="file"
          accept=".pem,.pub,.key,.txt,application/x-pem-file,text/plain"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${inputId}-error` : undefined}
          onChange={(e) => choose(e.currentTarget.files?.[0] ?? null)}
        />
        {error && (
          <Text id={`${inputId}-error`} c="red.9" size="sm" role="alert">
            {error}
          </Text>
        )}
        {save.error && <Refused error={save.error} fields={IE_FIELDS} />}
        {save.isSuccess && <Saved>{`Clé publique d’Index-Education enregistrée (empreinte ${settings.indexEducationKeyFingerprint ?? '—'}).`}</Saved>}
        <Button type="submit" w="fit-content" disabled={!file} loading={save.isPending}>
          Enregistrer la clé d’Index-Education
        </Button>
      </Stack>
    </form>
  );
}

const PAIR_FIELDS = ['partnerPrivateKeyPem'] as const;

/**
 * The operator's key pair: the private key's file is read only when it is
 * sent and is kept nowhere in the page; Relais stores it sealed and answers
 * the public key and its fingerprint.
 */
function PartnerKeyPairForm({ tenantId, settings }: { tenantId: string | null; settings: Settings }) {
  const save = useSave(tenantId);
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [replace, setReplace] = useState(false);
  const existing = Boolean(settings.partnerKeyFingerprint);
  const error = fieldErrors(save.error, PAIR_FIELDS).partnerPrivateKeyPem;
  function forget() {
    setFile(null);
    setReplace(false);
    if (input.current) input.current.value = '';
  }
  function choose(next: File | null) {
    setFile(next);
    save.reset();
  }
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file || (existing && !replace)) return;
    const pem = await readText(file);
    // Whatever the answer, the file is forgotten: a refused key is chosen again.
    forget();
    save.mutate({ partnerPrivateKeyPem: pem });
  }
  function downloadPublicKey() {
    if (!settings.partnerPublicKey) return;
    const url = URL.createObjectURL(new Blob([`${settings.partnerPublicKey.trim()}\n`], { type: 'application/x-pem-file' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'cle-publique-partenaire.pem';
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="exchanges-pair">
      <Stack gap="xs">
        <Title order={3} size="h4" id="exchanges-pair">
          Paire de clés du partenaire
        </Title>
        <Text size="sm">
          PRONOTE chiffre ses exports d’identifiants avec la clé publique du partenaire ; Relais les ouvre avec la clé privée. La clé privée est conservée
          chiffrée et n’est plus jamais affichée : seule l’empreinte de la clé publique l’identifie.
        </Text>
        {existing ? (
          <Stack gap={4}>
            <Text size="sm">
              Paire de clés enregistrée, empreinte <Code>{settings.partnerKeyFingerprint}</Code>.
            </Text>
            {settings.partnerPublicKey && (
              <>
                <figure className="exchanges-figure" aria-labelledby="exchanges-public-key">
                  <Text component="figcaption" size="sm" fw={600} id="exchanges-public-key">
                    Clé publique à transmettre à Index-Education
                  </Text>
                  <Code block className="exchanges-pem">
                    {settings.partnerPublicKey.trim()}
                  </Code>
                </figure>
                <Group gap="xs">
                  <CopyButton value={settings.partnerPublicKey.trim()}>
                    {({ copied, copy }) => (
                      <Button size="xs" variant="light" onClick={copy}>
                        {copied ? 'Clé publique copiée' : 'Copier la clé publique'}
                      </Button>
                    )}
                  </CopyButton>
                  <Button size="xs" variant="light" onClick={downloadPublicKey}>
                    Télécharger la clé publique
                  </Button>
                </Group>
              </>
            )}
          </Stack>
        ) : (
          <Text size="sm" fw={600}>
            Aucune paire de clés enregistrée : les exports de PRONOTE ne peuvent pas être reçus.
          </Text>
        )}
        <label htmlFor={inputId}>Fichier de la clé privée (PEM, non chiffrée : « BEGIN PRIVATE KEY » ou « BEGIN RSA PRIVATE KEY »)</label>
        <input
          id={inputId}
          ref={input}
          className="exchanges-file"
          type="file"
          accept=".pem,.key,.txt,application/x-pem-file,text/plain"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${inputId}-error` : undefined}
          onChange={(e) => choose(e.currentTarget.files?.[0] ?? null)}
        />
        {error && (
          <Text id={`${inputId}-error`} c="red.9" size="sm" role="alert">
            {error}
          </Text>
        )}
        {existing && (
          <Checkbox
            label="Je remplace la paire de clés actuelle : les exports chiffrés avec l’ancienne clé publique ne pourront plus être ouverts"
            checked={replace}
            onChange={(e) => setReplace(e.currentTarget.checked)}
          />
        )}
        {save.error && <Refused error={save.error} fields={PAIR_FIELDS} />}
        {save.isSuccess && (
          <Saved>{`Paire de clés enregistrée (empreinte ${settings.partnerKeyFingerprint ?? '—'}). La clé privée ne sera plus affichée ; transmettez la clé publique à Index-Education.`}</Saved>
        )}
        <Button type="submit" w="fit-content" disabled={!file || (existing && !replace)} loading={save.isPending}>
          {existing ? 'Remplacer la paire de clés' : 'Enregistrer la paire de clés'}
        </Button>
      </Stack>
    </form>
  );
}

const RETENTION_FIELDS = ['retentionAccountMatchingDays', 'retentionIdentifiersExportDays'] as const;
const NOT_DAYS = 'Indiquez un nombre entier de jours.';

function RetentionForm({ tenantId, settings }: { tenantId: string | null; settings: Settings }) {
  const save = useSave(tenantId);
  const [matching, setMatching] = useState(String(settings.retentionAccountMatchingDays));
  const [exports, setExports] = useState(String(settings.retentionIdentifiersExportDays));
  const [typed, setTyped] = useState<Record<string, string>>({});
  const errors = { ...fieldErrors(save.error, RETENTION_FIELDS), ...typed };
  function submit(event: FormEvent) {
    event.preventDefault();
    const a = parseDays(matching);
    const b = parseDays(exports);
    const wrong: Record<string, string> = {};
    if (a === null) wrong.retentionAccountMatchingDays = NOT_DAYS;
    if (b === null) wrong.retentionIdentifiersExportDays = NOT_DAYS;
    setTyped(wrong);
    if (a === null || b === null) {
      save.reset();
      return;
    }
    save.mutate(
      { retentionAccountMatchingDays: a, retentionIdentifiersExportDays: b },
      {
        onSuccess: (saved) => {
          setMatching(String(saved.retentionAccountMatchingDays));
          setExports(String(saved.retentionIdentifiersExportDays));
        },
      },
    );
  }
  return (
    <form onSubmit={submit} aria-labelledby="exchanges-retention" noValidate>
      <Stack gap="xs">
        <Title order={3} size="h4" id="exchanges-retention">
          Conservation des fichiers
        </Title>
        <Text size="sm">Les fichiers sont supprimés automatiquement à la fin de leur durée de conservation, comptée depuis leur création.</Text>
        <Group align="start" grow>
          <TextInput
            label="Fichiers de rapprochement (jours)"
            inputMode="numeric"
            value={matching}
            onChange={(e) => setMatching(e.currentTarget.value)}
            error={errors.retentionAccountMatchingDays}
          />
          <TextInput
            label="Exports d’identifiants PRONOTE (jours)"
            inputMode="numeric"
            value={exports}
            onChange={(e) => setExports(e.currentTarget.value)}
            error={errors.retentionIdentifiersExportDays}
          />
        </Group>
        {save.error && <Refused error={save.error} fields={RETENTION_FIELDS} />}
        {save.isSuccess && <Saved>Durées de conservation enregistrées.</Saved>}
        <Button type="submit" w="fit-content" loading={save.isPending}>
          Enregistrer la conservation
        </Button>
      </Stack>
    </form>
  );
}
