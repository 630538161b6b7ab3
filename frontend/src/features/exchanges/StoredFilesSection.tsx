import { Alert, Button, Group, Modal, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { EmptyState, QueryState } from '@/components/QueryState';
import type { FileKindName, StoredFilesQuery as FilesResult } from '@/gql/graphql';
import { establishmentByUai } from '@/lib/establishment-lookup';
import { fieldErrors, messageOf } from '@/lib/errors';
import { download } from '@/lib/files';
import { count, formatDateTime } from '@/lib/format';
import { DeleteStoredFileMutation, StoredFilesQuery } from './api';
import { Notice } from '@/components/Notice';
import { describeSummary, formatSize, KIND_LABELS } from './report';
import { request } from '@/lib/graphql';

type StoredFile = FilesResult['storedFiles']['nodes'][number];

interface Filter {
  kind: FileKindName | null;
  establishmentId: string | null;
  uai: string | null;
}

const NO_FILTER: Filter = { kind: null, establishmentId: null, uai: null };

/** « Fichiers conservés »: what Relais keeps encrypted, newest first; download and delete. */
export function StoredFilesSection({ tenantId }: { tenantId: string | null }) {
  const client = useQueryClient();
  const [filter, setFilter] = useState<Filter>(NO_FILTER);
  const [kind, setKind] = useState('');
  const [uai, setUai] = useState('');
  const [target, setTarget] = useState<StoredFile | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  const files = useInfiniteQuery({
    queryKey: ['exchanges', 'files', filter],
    queryFn: ({ pageParam }) => request(StoredFilesQuery, { kind: filter.kind, establishmentId: filter.establishmentId, after: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.storedFiles.pageInfo.hasNextPage ? last.storedFiles.pageInfo.endCursor : undefined),
  });
  const apply = useMutation({
    mutationFn: async (): Promise<Filter> => {
      const establishment = uai.trim() ? await establishmentByUai(uai, 'uai', tenantId) : null;
      return { kind: kind ? (kind as FileKindName) : null, establishmentId: establishment?.id ?? null, uai: establishment?.uai ?? null };
    },
    onSuccess: setFilter,
  });
  const remove = useMutation({
    mutationFn: (file: StoredFile) => request(DeleteStoredFileMutation, { id: file.id }),
    onMutate: () => setNotice(null),
    onSuccess: async (_, file) => {
      setTarget(null);
      // The row leaves the list in the same render as the notice saying so;
      // the refetch then brings the pages back in line with the server.
      client.setQueriesData<InfiniteData<FilesResult>>({ queryKey: ['exchanges', 'files'] }, (old) => old && withoutFile(old, file.id));
      setNotice(`Le fichier ${file.fileName} est supprimé.`);
      await client.invalidateQueries({ queryKey: ['exchanges', 'files'] });
    },
  });

  // After a deletion the row and its button are gone: the focus goes to the outcome.
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  function submit(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    apply.mutate();
  }
  function ask(file: StoredFile) {
    setNotice(null);
    remove.reset();
    setTarget(file);
  }
  async function save(file: StoredFile) {
    setDownloadError(null);
    try {
      await download(file.downloadPath, file.fileName);
    } catch (error) {
      setDownloadError(error);
    }
  }

  const rows = files.data?.pages.flatMap((p) => p.storedFiles.nodes) ?? [];
  const uaiError = fieldErrors(apply.error, ['uai']).uai;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="exchanges-files">
      <Stack>
        <Title order={2} size="h3" id="exchanges-files">
          Fichiers conservés
        </Title>
        <Text size="sm">
          Les fichiers échangés avec PRONOTE et l’ENT, conservés chiffrés jusqu’à la fin de leur durée de conservation. Chaque téléchargement est inscrit au
          journal d’audit ; une suppression est immédiate et définitive.
        </Text>
        <form onSubmit={submit} aria-label="Filtrer les fichiers">
          <Group align="end">
            <NativeSelect
              label="Type de fichier"
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value)}
              data={[{ value: '', label: 'Tous' }, ...Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))]}
            />
            <TextInput label="UAI de l’établissement (facultatif)" value={uai} onChange={(e) => setUai(e.currentTarget.value)} error={uaiError} />
            <Button type="submit" variant="outline" loading={apply.isPending}>
              Filtrer
            </Button>
          </Group>
        </form>
        {apply.error && !uaiError && (
          <Alert color="red" role="alert">
            {messageOf(apply.error)}
          </Alert>
        )}
        <div aria-live="polite">
          {notice && (
            <Notice ref={noticeRef} focusable>
              {notice}
            </Notice>
          )}
        </div>
        {downloadError !== null && (
          <Alert color="red" role="alert" title="Téléchargement impossible">
            {messageOf(downloadError)}
          </Alert>
        )}
        <QueryState loading={files.isPending} error={files.error} retry={() => void files.refetch()}>
          {rows.length === 0 ? (
            <EmptyState>{!filter.kind && !filter.establishmentId ? 'Aucun fichier conservé.' : 'Aucun fichier ne correspond.'}</EmptyState>
          ) : (
            <Table.ScrollContainer minWidth={1000}>
              <Table striped>
                <Table.Caption>
                  {count(rows.length, 'fichier affiché', 'fichiers affichés')}
                  {filter.uai ? ` pour ${filter.uai}` : ''}
                  {files.hasNextPage ? ' (d’autres suivent)' : ''}
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Fichier</Table.Th>
                    <Table.Th scope="col">Type</Table.Th>
                    <Table.Th scope="col">Contenu</Table.Th>
                    <Table.Th scope="col">Taille</Table.Th>
                    <Table.Th scope="col">Créé le</Table.Th>
                    <Table.Th scope="col">Supprimé automatiquement le</Table.Th>
                    <Table.Th scope="col">Actions</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((f) => (
                    <Table.Tr key={f.id}>
                      <Table.Th scope="row" className="exchanges-mono">
                        {f.fileName}
                      </Table.Th>
                      <Table.Td>{KIND_LABELS[f.kind]}</Table.Td>
                      <Table.Td>{describeSummary(f.summary)}</Table.Td>
                      <Table.Td>{formatSize(f.size)}</Table.Td>
                      <Table.Td>{formatDateTime(f.createdAt)}</Table.Td>
                      <Table.Td>{formatDateTime(f.expiresAt)}</Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Button size="xs" variant="outline" aria-label={`Télécharger ${f.fileName}`} onClick={() => void save(f)}>
                            Télécharger
                          </Button>
                          <Button size="xs" variant="outline" color="red" aria-label={`Supprimer ${f.fileName}`} onClick={() => ask(f)}>
                            Supprimer
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {files.hasNextPage && (
            <Button variant="outline" w="fit-content" onClick={() => void files.fetchNextPage()} loading={files.isFetchingNextPage}>
              Afficher les fichiers suivants
            </Button>
          )}
        </QueryState>
      </Stack>
      {/* lockScroll off: react-remove-scroll injects a <style> element, which the console's CSP refuses. */}
      <Modal
        opened={target !== null}
        onClose={() => setTarget(null)}
        title={target ? `Supprimer ${target.fileName} ?` : ''}
        lockScroll={false}
        closeButtonProps={{ 'aria-label': 'Fermer' }}
      >
        {target && (
          <Stack gap="sm">
            <Text size="sm">
              {KIND_LABELS[target.kind]} du {formatDateTime(target.createdAt)}. Le fichier est supprimé tout de suite et ne pourra pas être récupéré ; il faudra le
              produire ou le recevoir de nouveau.
            </Text>
            {remove.error && (
              <Text c="red.9" role="alert">
                {messageOf(remove.error)}
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setTarget(null)} data-autofocus>
                Annuler
              </Button>
              <Button color="red" loading={remove.isPending} onClick={() => remove.mutate(target)}>
                Supprimer définitivement
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Paper>
  );
}

function withoutFile(data: InfiniteData<FilesResult>, id: string): InfiniteData<FilesResult> {
  return {
    ...data,
    pages: data.pages.map((page) => ({ ...page, storedFiles: { ...page.storedFiles, nodes: page.storedFiles.nodes.filter((node) => node.id !== id) } })),
  };
}
