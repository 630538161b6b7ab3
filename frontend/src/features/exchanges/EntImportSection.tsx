import { Alert, Button, Checkbox, Group, Paper, Radio, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import type { DirectoryImportModeName, ImportEntAccountsMutation as ImportResult } from '@/gql/graphql';
import { establishmentByUai } from '@/lib/establishment-lookup';
import { fieldErrors, messageOf } from '@/lib/errors';
import { upload } from '@/lib/files';
import { count, formatNumber } from '@/lib/format';
import { ImportEntAccountsMutation } from './api';
import { Notice } from '@/components/Notice';
import { splitReportLine } from './report';

type Report = ImportResult['importEntAccounts'];

/** What was checked: the very file, mode and establishment the commit sends again. */
interface Checked {
  file: File;
  mode: DirectoryImportModeName;
  establishmentId: string | null;
  establishmentUai: string | null;
  report: Report;
}

/** Refused lines shown at once (the report says how many there are). */
const SHOWN_LINES = 500;

function totals(report: Report) {
  return report.establishments.reduce(
    (sum, e) => ({
      created: sum.created + e.created,
      updated: sum.updated + e.updated,
      unchanged: sum.unchanged + e.unchanged,
      removed: sum.removed + e.removed,
    }),
    { created: 0, updated: 0, unchanged: 0, removed: 0 },
  );
}

/**
 * « Import des comptes ENT » in two steps: a dry run (`dryRun: true`) whose
 * report lists each refused line with its reason, then the commit of the
 * same file — offered only when no line is refused (the API refuses the
 * whole file otherwise) and, in complete mode, once the removals are
 * confirmed.
 */
export function EntImportSection({ tenantId }: { tenantId: string | null }) {
  const fileId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<DirectoryImportModeName>('PARTIAL');
  const [uai, setUai] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [confirmRemoval, setConfirmRemoval] = useState(false);
  const [done, setDone] = useState<Report | null>(null);

  const dryRun = useMutation({
    mutationFn: async (chosen: File): Promise<Checked> => {
      const establishment = uai.trim() ? await establishmentByUai(uai, 'establishmentUai', tenantId) : null;
      const answer = await upload(ImportEntAccountsMutation, { file: chosen, establishmentId: establishment?.id ?? null, mode, dryRun: true }, setProgress);
      return { file: chosen, mode, establishmentId: establishment?.id ?? null, establishmentUai: establishment?.uai ?? null, report: answer.importEntAccounts };
    },
    onMutate: () => {
      setChecked(null);
      setDone(null);
      setConfirmRemoval(false);
    },
    onSuccess: setChecked,
    onSettled: () => setProgress(null),
  });
  const commit = useMutation({
    mutationFn: async (what: Checked) =>
      (await upload(ImportEntAccountsMutation, { file: what.file, establishmentId: what.establishmentId, mode: what.mode, dryRun: false }, setProgress))
        .importEntAccounts,
    onSuccess: (report) => {
      if (report.committed) {
        setDone(report);
        setChecked(null);
        setFile(null);
        if (input.current) input.current.value = '';
      } else {
        // Refused at the commit (the accounts changed meanwhile): the report says why.
        setChecked((previous) => previous && { ...previous, report });
      }
    },
    onSettled: () => setProgress(null),
  });

  /** Any change of what would be sent forgets the report: the commit sends only what was checked. */
  function changed() {
    setChecked(null);
    setDone(null);
    setConfirmRemoval(false);
    dryRun.reset();
    commit.reset();
  }

  const report = checked?.report;
  const refused = report ? report.errors.length : 0;
  const sum = report ? totals(report) : null;
  const removals = checked && checked.mode === 'COMPLETE' && sum ? sum.removed : 0;
  const blocked = !checked || refused > 0 || (removals > 0 && !confirmRemoval);
  const uaiError = fieldErrors(dryRun.error, ['establishmentUai']).establishmentUai;
  const lines = report ? report.errors.map(splitReportLine) : [];

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="exchanges-import">
      <Stack>
        <Title order={2} size="h3" id="exchanges-import">
          Import des comptes ENT
        </Title>
        <Text size="sm">
          Le fichier CSV de l’annuaire de l’ENT (colonnes <code>id_ent;nom;prenom;date_naissance;profil;uai</code>, puis au choix <code>code_postal</code>,{' '}
          <code>sexe</code>, <code>civilite</code>, <code>eleves</code>) alimente le fichier de rapprochement. L’import se fait en deux temps : la vérification
          montre chaque ligne refusée avec sa raison, puis l’import écrit — seulement quand aucune ligne n’est refusée.
        </Text>

        <Stack gap="xs" component="section" aria-labelledby="exchanges-import-step1">
          <Title order={3} size="h4" id="exchanges-import-step1">
            1. Vérifier le fichier
          </Title>
          <Radio.Group
            label="Mode d’import"
            value={mode}
            onChange={(v) => {
              setMode(v as DirectoryImportModeName);
              changed();
            }}
          >
            <Stack gap={4} mt={4}>
              <Radio value="PARTIAL" label="Partiel : ajoute les comptes du fichier et met à jour ceux qui existent" />
              <Radio value="COMPLETE" label="Complet : remplace les comptes de chaque établissement du fichier (les comptes absents du fichier sont supprimés)" />
            </Stack>
          </Radio.Group>
          <TextInput
            label="Établissement des lignes sans UAI (facultatif)"
            description="UAI de l’établissement auquel rattacher les comptes dont la colonne uai est vide."
            value={uai}
            onChange={(e) => {
              setUai(e.currentTarget.value);
              changed();
            }}
            error={uaiError}
            w={360}
          />
          <label htmlFor={fileId}>Fichier CSV des comptes ENT</label>
          <input
            id={fileId}
            ref={input}
            className="exchanges-file"
            type="file"
            accept=".csv,text/csv,text/plain"
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null);
              changed();
            }}
          />
          <Group>
            <Button onClick={() => file && dryRun.mutate(file)} disabled={!file} loading={dryRun.isPending}>
              Vérifier le fichier
            </Button>
          </Group>
          {progress !== null && <progress className="exchanges-progress" value={progress} max={1} aria-label="Envoi du fichier" />}
          {dryRun.error && !uaiError && (
            <Alert color="red" role="alert" title="Fichier refusé">
              {messageOf(dryRun.error)}
            </Alert>
          )}
        </Stack>

        {checked && report && sum && (
          <Stack gap="xs" component="section" aria-labelledby="exchanges-import-report">
            <Title order={3} size="h4" id="exchanges-import-report">
              Rapport de vérification de {checked.file.name}
            </Title>
            <Text size="sm">
              {count(report.accounts, 'compte lu', 'comptes lus')}, mode {checked.mode === 'COMPLETE' ? 'complet' : 'partiel'}
              {checked.establishmentUai ? `, lignes sans UAI rattachées à ${checked.establishmentUai}` : ''}.
            </Text>
            {refused > 0 ? (
              <>
                <Alert color="red" role="alert" title={count(refused, 'ligne refusée', 'lignes refusées')}>
                  L’import est impossible tant qu’une ligne est refusée : rien n’a été écrit. Corrigez le fichier d’après les raisons ci-dessous, choisissez-le de
                  nouveau et vérifiez-le.
                </Alert>
                <Table.ScrollContainer minWidth={600}>
                  <Table striped>
                    <Table.Caption>
                      {count(refused, 'ligne refusée', 'lignes refusées')}
                      {refused > SHOWN_LINES ? ` (les ${SHOWN_LINES} premières affichées)` : ''}
                    </Table.Caption>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">Ligne</Table.Th>
                        <Table.Th scope="col">Colonne</Table.Th>
                        <Table.Th scope="col">Raison</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {lines.slice(0, SHOWN_LINES).map((l, i) => (
                        <Table.Tr key={i}>
                          <Table.Td>{l.line ?? '—'}</Table.Td>
                          <Table.Td className="exchanges-mono">{l.column ?? '—'}</Table.Td>
                          <Table.Td>{l.reason}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </>
            ) : (
              <>
                <Notice title="Aucune ligne refusée">
                  Le fichier peut être importé : {count(sum.created, 'compte à créer', 'comptes à créer')}, {count(sum.updated, 'à modifier', 'à modifier')},{' '}
                  {count(sum.unchanged, 'inchangé', 'inchangés')}
                  {checked.mode === 'COMPLETE' ? `, ${count(sum.removed, 'à supprimer', 'à supprimer')}` : ''}.
                </Notice>
                <CountsTable report={report} complete={checked.mode === 'COMPLETE'} caption="Ce que l’import ferait, par établissement" />
              </>
            )}
          </Stack>
        )}

        <Stack gap="xs" component="section" aria-labelledby="exchanges-import-step2">
          <Title order={3} size="h4" id="exchanges-import-step2">
            2. Importer
          </Title>
          {!checked && !done && <Text size="sm">Vérifiez d’abord le fichier.</Text>}
          {removals > 0 && refused === 0 && (
            <Checkbox
              label={`Je confirme la suppression de ${count(removals, 'compte ENT absent', 'comptes ENT absents')} du fichier`}
              checked={confirmRemoval}
              onChange={(e) => setConfirmRemoval(e.currentTarget.checked)}
            />
          )}
          <Group>
            <Button onClick={() => checked && commit.mutate(checked)} disabled={blocked} loading={commit.isPending}>
              {report && refused === 0 ? `Importer ${count(report.accounts, 'compte', 'comptes')}` : 'Importer'}
            </Button>
          </Group>
          {commit.error && (
            <Alert color="red" role="alert" title="Import refusé">
              {messageOf(commit.error)}
            </Alert>
          )}
          {done && (
            <Stack gap="xs">
              <Notice title="Import terminé">
                {count(done.accounts, 'compte importé', 'comptes importés')} :{' '}
                {(() => {
                  const t = totals(done);
                  return `${count(t.created, 'créé', 'créés')}, ${count(t.updated, 'modifié', 'modifiés')}, ${count(t.unchanged, 'inchangé', 'inchangés')}, ${count(t.removed, 'supprimé', 'supprimés')}.`;
                })()}
              </Notice>
              <CountsTable report={done} complete caption="Comptes importés, par établissement" past />
            </Stack>
          )}
        </Stack>
      </Stack>
    </Paper>
  );
}

function CountsTable({ report, complete, caption, past = false }: { report: Report; complete: boolean; caption: string; past?: boolean }) {
  return (
    <Table.ScrollContainer minWidth={500}>
      <Table striped>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">UAI</Table.Th>
            <Table.Th scope="col">{past ? 'Créés' : 'À créer'}</Table.Th>
            <Table.Th scope="col">{past ? 'Modifiés' : 'À modifier'}</Table.Th>
            <Table.Th scope="col">Inchangés</Table.Th>
            {complete && <Table.Th scope="col">{past ? 'Supprimés' : 'À supprimer'}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.establishments.map((e) => (
            <Table.Tr key={e.uai}>
              <Table.Th scope="row" className="exchanges-mono">
                {e.uai}
              </Table.Th>
              <Table.Td>{formatNumber(e.created)}</Table.Td>
              <Table.Td>{formatNumber(e.updated)}</Table.Td>
              <Table.Td>{formatNumber(e.unchanged)}</Table.Td>
              {complete && <Table.Td>{formatNumber(e.removed)}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
