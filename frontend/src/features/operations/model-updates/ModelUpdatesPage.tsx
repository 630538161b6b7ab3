import { Alert, Anchor, Badge, Button, Checkbox, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { memo, useCallback, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { EmptyState, QueryState } from '@/components/QueryState';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import type { PendingModelUpdatesQuery as Result } from '@/gql/graphql';
import { count, compareFrench, searchKey } from '@/lib/format';
import { request } from '@/lib/graphql';
import { ApplyModelUpdatesMutation, DismissModelUpdatesMutation, PendingModelUpdatesQuery } from '../api';
import { type BulkItem, type BulkOutcome, runInBatches, tally } from './bulk';
import '../operations.css';

export type PendingBase = Result['pendingModelUpdates']['nodes'][number];

/** Every base with a model update waiting, page after page. */
async function readAll(): Promise<PendingBase[]> {
  const rows: PendingBase[] = [];
  let after: string | null = null;
  for (;;) {
    const page: Result = await request(PendingModelUpdatesQuery, { after });
    rows.push(...page.pendingModelUpdates.nodes);
    if (!page.pendingModelUpdates.pageInfo.hasNextPage || !page.pendingModelUpdates.pageInfo.endCursor) return rows;
    after = page.pendingModelUpdates.pageInfo.endCursor;
  }
}

export interface Filters {
  model: string;
  publication: string;
  q: string;
}

export function filterBases(rows: readonly PendingBase[], filters: Filters): PendingBase[] {
  const q = searchKey(filters.q.trim());
  return rows.filter(
    (b) =>
      (!filters.model || b.modelId === filters.model) &&
      (!filters.publication || b.publication === filters.publication) &&
      (!q || searchKey(b.groupUai).includes(q) || b.establishments.some((e) => searchKey(e).includes(q))),
  );
}

type Action = 'apply' | 'dismiss';

const STATUS_LABEL: Record<BulkOutcome['status'], string> = {
  APPLIED: 'Appliquée',
  DISMISSED: 'Ignorée',
  REFUSED: 'Refusée',
  NOT_SENT: 'Non envoyée',
};

export function ModelUpdatesPage() {
  useDocumentTitle('Mises à jour de modèles');
  const client = useQueryClient();
  const query = useQuery({ queryKey: ['pending-model-updates'], queryFn: readAll });
  const [filters, setFilters] = useState<Filters>({ model: '', publication: '', q: '' });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [running, setRunning] = useState<{ action: Action; done: number; total: number } | null>(null);
  const [outcomes, setOutcomes] = useState<{ action: Action; list: BulkOutcome[] } | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  const rows = useMemo(() => query.data ?? [], [query.data]);
  const shown = useMemo(() => filterBases(rows, filters), [rows, filters]);
  const models = useMemo(() => {
    const byId = new Map<string, { name: string; bases: number }>();
    for (const b of rows) {
      const entry = byId.get(b.modelId) ?? { name: b.modelName, bases: 0 };
      entry.bases += 1;
      byId.set(b.modelId, entry);
    }
    return [...byId.entries()].sort((a, b) => compareFrench(a[1].name, b[1].name));
  }, [rows]);
  const filtered = Boolean(filters.model || filters.publication || filters.q.trim());
  const chosen = rows.filter((b) => selected.has(b.baseId));
  const chosenPublished = chosen.filter((b) => b.publication === 'PUBLISHED').length;

  const toggle = useCallback((id: string) => {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  const toggleShown = useCallback(() => {
    setSelected((current) => {
      const next = new Set(current);
      const all = shown.every((b) => current.has(b.baseId));
      for (const b of shown) {
        if (all) next.delete(b.baseId);
        else next.add(b.baseId);
      }
      return next;
    });
  }, [shown]);

  async function run(action: Action) {
    const items: BulkItem[] = chosen.map((b) => ({ baseId: b.baseId, expectedVersion: b.version, groupUai: b.groupUai }));
    if (items.length === 0) return;
    setOutcomes(null);
    setRunning({ action, done: 0, total: items.length });
    const send =
      action === 'apply'
        ? async (batch: { baseId: string; expectedVersion: number }[]) => (await request(ApplyModelUpdatesMutation, { items: batch })).applyModelUpdates
        : async (batch: { baseId: string; expectedVersion: number }[]) => (await request(DismissModelUpdatesMutation, { items: batch })).dismissModelUpdates;
    const list = await runInBatches(items, send, (done) => setRunning({ action, done, total: items.length }));
    setRunning(null);
    setOutcomes({ action, list });
    setSelected(new Set());
    await client.invalidateQueries({ queryKey: ['pending-model-updates'] });
    resultRef.current?.focus();
  }

  const t = outcomes ? tally(outcomes.list) : null;

  return (
    <Stack>
      <Title order={1}>Mises à jour de modèles en attente</Title>
      <Text>
        Quand un intégrateur publie une nouvelle révision d’un modèle, les bases qui l’appliquent gardent leurs paramètres jusqu’à ce qu’une personne applique
        ou ignore la mise à jour. Choisissez les bases, puis appliquez ou ignorez en une fois : une base publiée ou modifiée entre-temps est signalée, jamais
        forcée.
      </Text>
      <QueryState loading={query.isPending} error={query.error} retry={() => void query.refetch()}>
        <Group align="end" wrap="wrap">
          <NativeSelect
            label="Modèle"
            value={filters.model}
            onChange={(e) => setFilters({ ...filters, model: e.currentTarget.value })}
            data={[{ value: '', label: 'Tous les modèles' }, ...models.map(([id, m]) => ({ value: id, label: `${m.name} (${m.bases})` }))]}
          />
          <NativeSelect
            label="Publication"
            value={filters.publication}
            onChange={(e) => setFilters({ ...filters, publication: e.currentTarget.value })}
            data={[
              { value: '', label: 'Toutes' },
              { value: 'STOPPED', label: 'Arrêtée' },
              { value: 'PUBLISHED', label: 'Publiée' },
            ]}
          />
          <TextInput label="Rechercher par UAI ou nom" value={filters.q} onChange={(e) => setFilters({ ...filters, q: e.currentTarget.value })} />
        </Group>

        {rows.length === 0 ? (
          <EmptyState>Aucune base n’attend de mise à jour de modèle.</EmptyState>
        ) : (
          <>
            <Group className="ops-actions" aria-label="Actions groupées" role="group">
              <Text fw={600} aria-live="polite">
                {count(chosen.length, 'base sélectionnée', 'bases sélectionnées')}
              </Text>
              <Button onClick={() => void run('apply')} disabled={chosen.length === 0 || running !== null}>
                Appliquer la mise à jour aux bases sélectionnées
              </Button>
              <Button variant="outline" onClick={() => void run('dismiss')} disabled={chosen.length === 0 || running !== null}>
                Ignorer la mise à jour pour les bases sélectionnées
              </Button>
              <Button variant="subtle" onClick={() => setSelected(new Set())} disabled={chosen.length === 0 || running !== null}>
                Vider la sélection
              </Button>
            </Group>
            {chosenPublished > 0 && (
              <Text size="sm" c="orange.9">
                {count(chosenPublished, 'base sélectionnée est publiée', 'bases sélectionnées sont publiées')} : la mise à jour ne peut s’y appliquer qu’après
                l’arrêt de la publication (elles seront signalées).
              </Text>
            )}
            {running && <Progress running={running} />}

            <PendingTable
              rows={shown}
              caption={
                !filtered
                  ? count(rows.length, 'base avec une mise à jour en attente', 'bases avec une mise à jour en attente')
                  : `${count(shown.length, 'base affichée', 'bases affichées')} sur ${rows.length}`
              }
              selected={selected}
              busy={running !== null}
              onToggle={toggle}
              onToggleShown={toggleShown}
            />
          </>
        )}
      </QueryState>

      {outcomes && t && (
        <div ref={resultRef} tabIndex={-1} className="ops-result">
          <Alert
            color={t.refused + t.notSent > 0 ? 'orange' : 'green'}
            title={outcomes.action === 'apply' ? 'Résultat de l’application' : 'Résultat'}
            role="status"
          >
            {[
              outcomes.action === 'apply'
                ? count(t.applied, 'base mise à jour', 'bases mises à jour')
                : count(t.dismissed, 'mise à jour ignorée', 'mises à jour ignorées'),
              t.refused > 0 ? count(t.refused, 'base refusée', 'bases refusées') : null,
              t.notSent > 0 ? count(t.notSent, 'base non envoyée', 'bases non envoyées') : null,
            ]
              .filter(Boolean)
              .join(', ')}
            .{t.refused > 0 ? ' Les bases refusées n’ont pas été modifiées : relisez-les puis recommencez si besoin.' : ''}
          </Alert>
          <Table.ScrollContainer minWidth={700}>
            <Table>
              <Table.Caption>Résultat par base</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Base</Table.Th>
                  <Table.Th scope="col">Résultat</Table.Th>
                  <Table.Th scope="col">Détail</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {outcomes.list.map((o) => (
                  <Table.Tr key={o.baseId} data-status={o.status}>
                    <Table.Td>{o.groupUai}</Table.Td>
                    <Table.Td>
                      <Badge className="ops-badge" color={o.status === 'APPLIED' || o.status === 'DISMISSED' ? 'green' : o.status === 'REFUSED' ? 'orange' : 'red'} variant="light">
                        {STATUS_LABEL[o.status]}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{o.message ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </div>
      )}
    </Stack>
  );
}

function Progress({ running }: { running: { action: Action; done: number; total: number } }) {
  const label = running.action === 'apply' ? 'Application des mises à jour' : 'Mises à jour ignorées';
  return (
    <Stack gap={4}>
      <label htmlFor="bulk-progress">{label}</label>
      <progress id="bulk-progress" className="ops-progress" max={running.total} value={running.done} />
      <Text size="sm" role="status">
        {running.done} sur {count(running.total, 'base traitée', 'bases traitées')}
      </Text>
    </Stack>
  );
}

interface TableProps {
  rows: readonly PendingBase[];
  caption: string;
  selected: ReadonlySet<string>;
  busy: boolean;
  onToggle: (id: string) => void;
  onToggleShown: () => void;
}

/**
 * The bases, memoised: the progress of a bulk action re-renders the page
 * after every batch, and a table of 500 rows must not be drawn again each
 * time (it does not change while the action runs).
 */
const PendingTable = memo(function PendingTable({ rows, caption, selected, busy, onToggle, onToggleShown }: TableProps) {
  const allShownSelected = rows.length > 0 && rows.every((b) => selected.has(b.baseId));
  const someShownSelected = rows.some((b) => selected.has(b.baseId));
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">
              <Checkbox
                aria-label={`Sélectionner les ${rows.length} bases affichées`}
                checked={allShownSelected}
                indeterminate={!allShownSelected && someShownSelected}
                onChange={onToggleShown}
                disabled={busy || rows.length === 0}
              />
            </Table.Th>
            <Table.Th scope="col">Base</Table.Th>
            <Table.Th scope="col">Établissements</Table.Th>
            <Table.Th scope="col">Modèle</Table.Th>
            <Table.Th scope="col">Révision</Table.Th>
            <Table.Th scope="col">Changements</Table.Th>
            <Table.Th scope="col">Publication</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((b) => (
            <Table.Tr key={b.baseId}>
              <Table.Td>
                <Checkbox
                  aria-label={`Sélectionner la base ${b.groupUai}`}
                  checked={selected.has(b.baseId)}
                  onChange={() => onToggle(b.baseId)}
                  disabled={busy}
                />
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/bases/${b.baseId}`}>
                  {b.groupUai}
                </Anchor>
              </Table.Td>
              <Table.Td>{b.establishments.join(', ')}</Table.Td>
              <Table.Td>{b.modelName}</Table.Td>
              <Table.Td>{b.withdrawn ? `${b.fromRevision} → retiré` : `${b.fromRevision} → ${b.toRevision ?? '?'}`}</Table.Td>
              <Table.Td>{b.changes.join(', ') || '—'}</Table.Td>
              <Table.Td>
                {b.publication === 'PUBLISHED' ? (
                  <Badge className="ops-badge" color="green" variant="light">
                    Publiée
                  </Badge>
                ) : (
                  <Badge className="ops-badge" color="gray" variant="light">
                    Arrêtée
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
});
