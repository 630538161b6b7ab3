import {
  Alert,
  Badge,
  Button,
  Checkbox,
  FileInput,
  Group,
  Paper,
  Progress,
  Radio,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import { EmptyState, QueryState } from '@/components/QueryState';
import { useReadOnly } from '@/components/ReadOnly';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import type { MatchingQuery as MatchingResult, Population } from '@/gql/graphql';
import { ApiError, messageOf } from '@/lib/errors';
import { download, upload } from '@/lib/files';
import { count, formatDateTime, formatNumber } from '@/lib/format';
import { request } from '@/lib/graphql';
import {
  CancelMatching,
  GenerateIdPronoteFile,
  GenerateMatchingFile,
  MatchingQuery,
  ResetLinks,
  StartMatching,
  UploadIdentifiers,
  ValidateStep,
} from './api';
import { UsersSection } from './UsersTable';

type Data = MatchingResult;

export function MatchingPage() {
  const { baseId = '' } = useParams();
  useDocumentTitle('Rapprochement');
  const query = useQuery({ queryKey: ['matching', baseId], queryFn: () => request(MatchingQuery, { baseId }) });
  return (
    <Stack>
      <Title order={1}>Rapprochement des comptes</Title>
      <QueryState loading={query.isPending} error={query.error} retry={() => void query.refetch()} notFound="Base">
        {query.data && <Steps data={query.data} baseId={baseId} />}
      </QueryState>
    </Stack>
  );
}

function useRefresh(baseId: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'matching' || q.queryKey[0] === 'matching-rows' || q.queryKey[1] === baseId });
}

function Steps({ data, baseId }: { data: Data; baseId: string }) {
  const establishments = data.base.establishments;
  const refresh = useRefresh(baseId);
  const readOnly = useReadOnly();
  // The helpdesk reads where the matching stands; the steps change the base.
  if (readOnly) {
    return (
      <Paper withBorder p="md" component="section" aria-labelledby="step3">
        <Title order={2} size="h3" id="step3">
          Supervision
        </Title>
        <Text size="sm" mb="xs">
          Consultation seule : les étapes du rapprochement sont menées par l’établissement ou l’opérateur.
        </Text>
        <Supervision data={data} />
      </Paper>
    );
  }
  return (
    <Stack gap="lg">
      <Paper withBorder p="md" component="section" aria-labelledby="step1">
        <Title order={2} size="h3" id="step1">
          1. Fichier de rapprochement pour Index-Éducation
        </Title>
        <Text size="sm" mb="xs">
          Générez le fichier des comptes ENT, chiffré pour Index-Éducation, puis importez-le dans PRONOTE.
        </Text>
        <GenerateFile establishmentId={establishments[0]?.id ?? ''} />
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="step2">
        <Title order={2} size="h3" id="step2">
          2. Export des identifiants de PRONOTE
        </Title>
        <UploadExport establishments={establishments} baseId={baseId} />
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="step3">
        <Title order={2} size="h3" id="step3">
          3. Supervision
        </Title>
        <Supervision data={data} />
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="step4">
        <Title order={2} size="h3" id="step4">
          4. Rapprochement automatique
        </Title>
        <Run data={data} baseId={baseId} />
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="step5">
        <Title order={2} size="h3" id="step5">
          5. Utilisateurs et liaisons manuelles
        </Title>
        <UsersSection baseId={baseId} refresh={refresh} populations={data.matchingSupervision.populations.map((p) => ({ value: p.population, label: p.label }))} />
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="step6">
        <Title order={2} size="h3" id="step6">
          6. Fichier idPronote pour l’ENT et remise à zéro de rentrée
        </Title>
        <Stack>
          <GenerateIdPronote baseId={baseId} />
          <Reset baseId={baseId} populations={data.matchingSupervision.populations.map((p) => ({ value: p.population, label: p.label }))} />
        </Stack>
      </Paper>
    </Stack>
  );
}

function GenerateFile({ establishmentId }: { establishmentId: string }) {
  const mutation = useMutation({
    mutationFn: async () => {
      const { generateAccountMatchingFile: file } = await request(GenerateMatchingFile, { establishmentId });
      await download(file.downloadPath, file.fileName);
      return file;
    },
  });
  return (
    <Stack gap="xs">
      <Button w="fit-content" loading={mutation.isPending} onClick={() => mutation.mutate()}>
        Générer et télécharger le fichier de rapprochement
      </Button>
      {mutation.data && (
        <Text c="green.9" role="status">
          Fichier {mutation.data.fileName} généré et téléchargé.
        </Text>
      )}
      {mutation.error && (
        <Text c="red.9" role="alert">
          {messageOf(mutation.error)}
        </Text>
      )}
    </Stack>
  );
}

function UploadExport({ establishments, baseId }: { establishments: Data['base']['establishments']; baseId: string }) {
  const refresh = useRefresh(baseId);
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<'COMPLETE' | 'PARTIAL'>('COMPLETE');
  const [progress, setProgress] = useState<number | null>(null);
  const [confirm, setConfirm] = useState(false);
  const mutation = useMutation({
    mutationFn: (confirmLinkRemoval: boolean) =>
      upload(UploadIdentifiers, { establishmentId: establishments[0]?.id ?? '', file: file as File, mode, confirmLinkRemoval }, setProgress),
    onSuccess: () => {
      setConfirm(false);
      void refresh();
    },
    onSettled: () => setProgress(null),
  });
  const needsConfirm = mutation.error instanceof ApiError && mutation.error.field === 'confirmLinkRemoval';
  function submit(event: FormEvent) {
    event.preventDefault();
    if (file) mutation.mutate(needsConfirm && confirm);
  }
  return (
    <form onSubmit={submit}>
      <Stack gap="xs">
        <FileInput label="Fichier exporté par PRONOTE (EXPORT_INDEX_EDUCATION)" placeholder="Choisir le fichier" value={file} onChange={setFile} clearable clearButtonProps={{ 'aria-label': 'Retirer le fichier choisi' }} />
        <Radio.Group label="Mode" value={mode} onChange={(v) => setMode(v as 'COMPLETE' | 'PARTIAL')}>
          <Group mt={4}>
            <Radio value="COMPLETE" label="Complet (début d’année)" />
            <Radio value="PARTIAL" label="Partiel (uniquement les utilisateurs sans identifiants CAS)" />
          </Group>
        </Radio.Group>
        {progress !== null && <Progress value={progress * 100} aria-label="Envoi du fichier" />}
        {mutation.error && (
          <Alert color="red" role="alert" title="Fichier refusé">
            {messageOf(mutation.error)}
          </Alert>
        )}
        {needsConfirm && <Checkbox label="Je confirme la suppression de ces liaisons" checked={confirm} onChange={(e) => setConfirm(e.currentTarget.checked)} />}
        {mutation.data && (
          <Text c="green.9" role="status">
            Export reçu : {count(mutation.data.uploadIdentifiersExport.users, 'utilisateur', 'utilisateurs')}, dont{' '}
            {formatNumber(mutation.data.uploadIdentifiersExport.withoutCasId)} sans identifiant CAS.
          </Text>
        )}
        <Button type="submit" w="fit-content" disabled={!file || (needsConfirm && !confirm)} loading={mutation.isPending}>
          Envoyer l’export
        </Button>
      </Stack>
    </form>
  );
}

function Supervision({ data }: { data: Data }) {
  const rows = data.matchingSupervision.populations;
  if (rows.length === 0) return <EmptyState>Aucun utilisateur pour l’instant.</EmptyState>;
  return (
    <Table withTableBorder striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Population</Table.Th>
          <Table.Th scope="col">Utilisateurs PRONOTE</Table.Th>
          <Table.Th scope="col">Utilisateurs CAS</Table.Th>
          <Table.Th scope="col">Utilisateurs rapprochés</Table.Th>
          <Table.Th scope="col">Utilisateurs CAS à rapprocher</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((p) => (
          <Table.Tr key={p.population}>
            <Table.Th scope="row">{p.label}</Table.Th>
            <Table.Td>{formatNumber(p.pronoteUsers)}</Table.Td>
            <Table.Td>{formatNumber(p.entAccounts)}</Table.Td>
            <Table.Td>{formatNumber(p.linked)}</Table.Td>
            <Table.Td>{formatNumber(p.entToLink)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

const REASONS: Record<string, string> = {
  HOMONYM: 'Homonymes',
  NEAR_TIE: 'Candidats très proches',
  LOW_SCORE: 'Ressemblance insuffisante',
  DUPLICATE: 'Compte ENT en double',
};

function Run({ data, baseId }: { data: Data; baseId: string }) {
  const refresh = useRefresh(baseId);
  const [policy, setPolicy] = useState<'KEEP' | 'REPLACE'>('KEEP');
  const run = data.matchingSupervision.latestRun;
  const start = useMutation({ mutationFn: () => request(StartMatching, { baseId, existingLinks: policy }), onSuccess: () => void refresh() });
  const cancel = useMutation({ mutationFn: (runId: string) => request(CancelMatching, { runId }), onSuccess: () => void refresh() });
  const validate = useMutation({
    mutationFn: (v: { runId: string; population: Population }) => request(ValidateStep, v),
    onSuccess: () => void refresh(),
  });
  const error = start.error ?? cancel.error ?? validate.error;
  return (
    <Stack gap="xs">
      <Radio.Group label="Liaisons existantes" value={policy} onChange={(v) => setPolicy(v as 'KEEP' | 'REPLACE')}>
        <Group mt={4}>
          <Radio value="KEEP" label="Les conserver" />
          <Radio value="REPLACE" label="Les remplacer (l’ENT a changé)" />
        </Group>
      </Radio.Group>
      <Button w="fit-content" loading={start.isPending} onClick={() => start.mutate()}>
        Lancer le rapprochement
      </Button>
      {error && (
        <Text c="red.9" role="alert">
          {messageOf(error)}
        </Text>
      )}
      {run ? (
        <Stack gap="xs">
          <Group>
            <Text>Dernier rapprochement lancé le {formatDateTime(run.startedAt)}</Text>
            <Badge variant="light" color={run.status === 'IN_PROGRESS' ? 'blue' : run.status === 'COMPLETED' ? 'green' : 'gray'}>
              {run.status === 'IN_PROGRESS' ? 'En cours' : run.status === 'COMPLETED' ? 'Terminé' : 'Annulé'}
            </Badge>
            {run.status === 'IN_PROGRESS' && (
              <Button variant="outline" color="red" size="xs" loading={cancel.isPending} onClick={() => cancel.mutate(run.id)}>
                Annuler ce rapprochement
              </Button>
            )}
          </Group>
          <Table withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Population</Table.Th>
                <Table.Th scope="col">Liaisons proposées</Table.Th>
                <Table.Th scope="col">À examiner</Table.Th>
                <Table.Th scope="col">Doublons</Table.Th>
                <Table.Th scope="col">Étape</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {run.steps.map((step) => (
                <Table.Tr key={step.population}>
                  <Table.Th scope="row">{step.label}</Table.Th>
                  <Table.Td>{formatNumber(step.autoLinks)}</Table.Td>
                  <Table.Td>{formatNumber(step.reviews)}</Table.Td>
                  <Table.Td>{formatNumber(step.duplicates)}</Table.Td>
                  <Table.Td>
                    {step.validatedAt ? (
                      <Text size="sm">Validée ({count(step.linksCreated ?? 0, 'liaison créée', 'liaisons créées')})</Text>
                    ) : run.status === 'IN_PROGRESS' ? (
                      <Button size="xs" loading={validate.isPending} onClick={() => validate.mutate({ runId: run.id, population: step.population })}>
                        Valider {step.label}
                      </Button>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {run.proposals.length > 0 && (
            <Table withTableBorder>
              <Table.Caption>Comptes ENT laissés à votre décision</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Compte ENT</Table.Th>
                  <Table.Th scope="col">Raison</Table.Th>
                  <Table.Th scope="col">Candidats PRONOTE (score)</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {run.proposals.slice(0, 200).map((p) => (
                  <Table.Tr key={p.entId}>
                    <Table.Td>{p.entId}</Table.Td>
                    <Table.Td>{p.reason ? (REASONS[p.reason] ?? p.reason) : '—'}</Table.Td>
                    <Table.Td>{p.candidates.map((c) => `${c.pronoteId} (${formatNumber(Math.round(c.score * 100))} %)`).join(', ') || '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      ) : (
        <EmptyState>Aucun rapprochement lancé pour cette base.</EmptyState>
      )}
    </Stack>
  );
}

function GenerateIdPronote({ baseId }: { baseId: string }) {
  const mutation = useMutation({
    mutationFn: async () => {
      const { generatePronoteIdentifiersFile: file } = await request(GenerateIdPronoteFile, { baseId });
      await download(file.downloadPath, file.fileName);
      return file;
    },
  });
  return (
    <Stack gap="xs">
      <Button w="fit-content" variant="light" loading={mutation.isPending} onClick={() => mutation.mutate()}>
        Générer et télécharger le fichier idPronote pour l’ENT
      </Button>
      {mutation.data && (
        <Text c="green.9" role="status">
          Fichier {mutation.data.fileName} généré et téléchargé.
        </Text>
      )}
      {mutation.error && (
        <Text c="red.9" role="alert">
          {messageOf(mutation.error)}
        </Text>
      )}
    </Stack>
  );
}

function Reset({ baseId, populations }: { baseId: string; populations: { value: Population; label: string }[] }) {
  const refresh = useRefresh(baseId);
  const [selected, setSelected] = useState<Population[]>([]);
  const [typed, setTyped] = useState('');
  const mutation = useMutation({
    mutationFn: () => request(ResetLinks, { baseId, populations: selected, confirmation: typed }),
    onSuccess: () => {
      setTyped('');
      void refresh();
    },
  });
  return (
    <Stack gap="xs">
      <Text fw={600}>Remise à zéro de rentrée : supprimer tous les identifiants CAS des populations choisies</Text>
      <Checkbox.Group label="Populations" value={selected} onChange={(v) => setSelected(v as Population[])}>
        <Group mt={4}>
          {populations.map((p) => (
            <Checkbox key={p.value} value={p.value} label={p.label} />
          ))}
        </Group>
      </Checkbox.Group>
      <TextInput
        label="Pour confirmer, saisissez SUPPRIMER"
        value={typed}
        onChange={(e) => setTyped(e.currentTarget.value)}
        error={mutation.error instanceof ApiError && mutation.error.field === 'confirmation' ? mutation.error.message : undefined}
      />
      {mutation.error && !(mutation.error instanceof ApiError && mutation.error.field === 'confirmation') && (
        <Text c="red.9" role="alert">
          {messageOf(mutation.error)}
        </Text>
      )}
      {mutation.data !== undefined && (
        <Text c="green.9" role="status">
          {count(mutation.data.resetAccountLinks, 'liaison supprimée', 'liaisons supprimées')}.
        </Text>
      )}
      <Button color="red" w="fit-content" disabled={selected.length === 0 || typed !== 'SUPPRIMER'} loading={mutation.isPending} onClick={() => mutation.mutate()}>
        Supprimer les identifiants CAS
      </Button>
    </Stack>
  );
}
