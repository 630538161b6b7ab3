import { Alert, Badge, Button, Checkbox, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import type { ImportEstablishmentsCsvMutation, ImportLineOutcome } from '@/gql/graphql';
import { messageOf } from '@/lib/errors';
import { count } from '@/lib/format';
import { request } from '@/lib/graphql';
import { ImportEstablishmentsMutation } from '../api';
import '../operations.css';
import { Notice } from '@/components/Notice';

type Report = ImportEstablishmentsCsvMutation['importEstablishments'];

/** The file's bytes, base64-encoded (the API decodes UTF-8 or Windows-1252 itself). */
export function toBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('lecture impossible'));
    reader.readAsDataURL(file);
  });
}

const OUTCOME: Record<ImportLineOutcome, { label: string; color: string }> = {
  CREATED: { label: 'À créer', color: 'blue' },
  UPDATED: { label: 'À modifier', color: 'violet' },
  UNCHANGED: { label: 'Inchangé', color: 'gray' },
  REJECTED: { label: 'Refusée', color: 'red' },
};

const COMMITTED: Record<ImportLineOutcome, string> = {
  CREATED: 'Créé',
  UPDATED: 'Modifié',
  UNCHANGED: 'Inchangé',
  REJECTED: 'Refusée',
};

/** Lines shown at once when every line is asked for. */
const SHOWN_LINES = 500;

export function EstablishmentImportPage() {
  useDocumentTitle('Importer des établissements');
  const client = useQueryClient();
  const fileId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<{ content: string; report: Report } | null>(null);
  const [done, setDone] = useState<Report | null>(null);
  const [everyLine, setEveryLine] = useState(false);

  const dryRun = useMutation({
    mutationFn: async (chosen: File) => {
      const content = await toBase64(chosen);
      const answer = await request(ImportEstablishmentsMutation, { input: { contentBase64: content, commit: false } });
      return { content, report: answer.importEstablishments };
    },
    onSuccess: (result) => {
      setChecked(result);
      setEveryLine(result.report.rejected === 0);
    },
  });
  const commit = useMutation({
    mutationFn: async (content: string) =>
      (await request(ImportEstablishmentsMutation, { input: { contentBase64: content, commit: true } })).importEstablishments,
    onSuccess: async (report) => {
      setDone(report);
      setChecked(null);
      setFile(null);
      if (input.current) input.current.value = '';
      await client.invalidateQueries();
    },
  });

  function choose(next: File | null) {
    setFile(next);
    setChecked(null);
    setDone(null);
    dryRun.reset();
    commit.reset();
  }

  const report = checked?.report;
  const blocked = report ? report.rejected > 0 : true;
  const lines = report ? (everyLine ? report.lines : report.lines.filter((l) => l.outcome === 'REJECTED')) : [];

  return (
    <Stack>
      <Title order={1}>Importer des établissements</Title>
      <Text>
        Un fichier CSV (UTF-8 ou Windows-1252, séparateur « ; » ou « , ») avec les colonnes <code>uai;nom;type;commune;code_postal;academie;etat</code>. Les
        établissements sont créés ou mis à jour d’après leur UAI. L’import se fait en deux temps : la vérification montre ce qui serait fait ligne par ligne,
        puis l’import écrit — seulement quand aucune ligne n’est refusée.
      </Text>

      <Stack gap="xs" component="section" aria-labelledby="import-step1">
        <Title order={2} id="import-step1" size="h3">
          1. Vérifier le fichier
        </Title>
        <label htmlFor={fileId}>Fichier CSV des établissements</label>
        <input
          id={fileId}
          ref={input}
          className="ops-file"
          type="file"
          accept=".csv,text/csv,text/plain"
          onChange={(e) => choose(e.currentTarget.files?.[0] ?? null)}
        />
        <Group>
          <Button onClick={() => file && dryRun.mutate(file)} disabled={!file} loading={dryRun.isPending}>
            Vérifier le fichier
          </Button>
        </Group>
        {dryRun.error && (
          <Alert color="red" role="alert" title="Fichier refusé">
            {messageOf(dryRun.error)}
          </Alert>
        )}
      </Stack>

      {report && (
        <Stack gap="xs" component="section" aria-labelledby="import-report">
          <Title order={2} id="import-report" size="h3">
            Rapport de vérification{file ? ` de ${file.name}` : ''}
          </Title>
          <Text size="sm">
            {report.encoding}, séparateur « {report.delimiter === '\t' ? 'tabulation' : report.delimiter} » : {count(report.created, 'établissement à créer', 'établissements à créer')},{' '}
            {count(report.updated, 'à modifier', 'à modifier')}, {count(report.unchanged, 'inchangé', 'inchangés')},{' '}
            {count(report.rejected, 'ligne refusée', 'lignes refusées')}.
          </Text>
          {report.rejected > 0 ? (
            <Alert color="red" role="alert" title={count(report.rejected, 'ligne refusée', 'lignes refusées')}>
              L’import est impossible tant qu’une ligne est refusée : corrigez le fichier d’après les raisons ci-dessous, choisissez-le de nouveau et vérifiez-le.
            </Alert>
          ) : (
            <Notice color="green" title="Aucune ligne refusée">
              Le fichier peut être importé.
            </Notice>
          )}
          <Checkbox label="Afficher toutes les lignes" checked={everyLine} onChange={(e) => setEveryLine(e.currentTarget.checked)} />
          <Table.ScrollContainer minWidth={600}>
            <Table striped>
              <Table.Caption>
                {everyLine ? count(report.lines.length, 'ligne du fichier', 'lignes du fichier') : count(lines.length, 'ligne refusée', 'lignes refusées')}
                {lines.length > SHOWN_LINES ? ` (les ${SHOWN_LINES} premières affichées)` : ''}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Ligne</Table.Th>
                  <Table.Th scope="col">UAI</Table.Th>
                  <Table.Th scope="col">Résultat</Table.Th>
                  <Table.Th scope="col">Raison</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {lines.slice(0, SHOWN_LINES).map((l) => (
                  <Table.Tr key={l.line}>
                    <Table.Td>{l.line}</Table.Td>
                    <Table.Td className="ops-mono">{l.uai ?? '—'}</Table.Td>
                    <Table.Td>
                      <Badge className="ops-badge" color={OUTCOME[l.outcome].color} variant="light">
                        {OUTCOME[l.outcome].label}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{l.reason ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}

      <Stack gap="xs" component="section" aria-labelledby="import-step2">
        <Title order={2} id="import-step2" size="h3">
          2. Importer
        </Title>
        {!report && !done && <Text size="sm">Vérifiez d’abord le fichier.</Text>}
        <Group>
          <Button onClick={() => checked && commit.mutate(checked.content)} disabled={blocked || !checked} loading={commit.isPending}>
            {report && !blocked ? `Importer ${count(report.created + report.updated + report.unchanged, 'ligne', 'lignes')}` : 'Importer'}
          </Button>
        </Group>
        {commit.error && (
          <Alert color="red" role="alert" title="Import refusé">
            {messageOf(commit.error)}
          </Alert>
        )}
        {done && (
          <Notice color="green" title="Import terminé">
            {count(done.created, 'établissement créé', 'établissements créés')}, {count(done.updated, 'modifié', 'modifiés')},{' '}
            {count(done.unchanged, 'inchangé', 'inchangés')}.
            <Text size="sm" mt={4}>
              {done.lines
                .filter((l) => l.outcome !== 'UNCHANGED')
                .slice(0, 20)
                .map((l) => `${l.uai ?? `ligne ${l.line}`} : ${COMMITTED[l.outcome]}`)
                .join(' · ')}
            </Text>
          </Notice>
        )}
      </Stack>
    </Stack>
  );
}
