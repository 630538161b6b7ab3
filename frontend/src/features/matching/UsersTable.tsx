import { Button, Checkbox, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useDeferredValue, useId, useMemo, useRef, useState } from 'react';
import { EmptyState, QueryState } from '@/components/QueryState';
import type { MatchingRowsQuery as RowsResult, Population } from '@/gql/graphql';
import { messageOf } from '@/lib/errors';
import { compareFrench, count, formatDate, formatNumber, searchKey } from '@/lib/format';
import { request } from '@/lib/graphql';
import { MatchingRowsQuery, UnlinkAccount } from './api';
import { LinkDialog, type PronoteUserRow } from './LinkDialog';

type Row = RowsResult['matchingRows'][number];

/** Height of a row (CSS `.virtual-table td`): the virtualiser's estimate. */
const ROW_HEIGHT = 56;

interface Props {
  baseId: string;
  populations: { value: Population; label: string }[];
  refresh: () => Promise<void>;
}

/**
 * The PRONOTE users of one population with their ENT account (step 5):
 * one scrolled list in French alphabetical order, filtered as one types,
 * with a manual link (« Lier… ») and « Délier » on each row. A lycée lists
 * thousands of users: only the rows in view are in the page
 * (@tanstack/react-virtual), the table keeps its row count and each row its
 * index for assistive technologies.
 */
export function UsersSection({ baseId, populations, refresh }: Props) {
  const [population, setPopulation] = useState<Population>(populations[0]?.value ?? 'ELEVE');
  const [onlyUnmatched, setOnlyUnmatched] = useState(false);
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search);
  const [linking, setLinking] = useState<PronoteUserRow | null>(null);
  // The row's button that opened the dialog: the focus goes back to it
  // (the same element after a link, relabelled « Délier »).
  const opener = useRef<HTMLElement | null>(null);
  function closeDialog(message?: string) {
    setLinking(null);
    if (message) setDone(message);
    const element = opener.current;
    window.setTimeout(() => element?.isConnected && element.focus(), 0);
  }
  const [done, setDone] = useState<string | null>(null);
  const query = useQuery({
    queryKey: ['matching-rows', baseId, population, onlyUnmatched],
    queryFn: () => request(MatchingRowsQuery, { baseId, population, onlyUnmatched }),
  });
  const unlink = useMutation({
    mutationFn: (user: PronoteUserRow) => request(UnlinkAccount, { baseId, pronoteId: user.pronoteId }),
    onSuccess: (_, user) => {
      setDone(`La liaison de ${user.lastName} ${user.firstName} est supprimée.`);
      void refresh();
    },
  });
  const openDialog = useCallback((user: PronoteUserRow) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setDone(null);
    setLinking(user);
  }, []);
  const { mutate: unlinkMutate } = unlink;
  const startUnlink = useCallback(
    (user: PronoteUserRow) => {
      setDone(null);
      unlinkMutate(user);
    },
    [unlinkMutate],
  );
  const sorted = useMemo(
    () =>
      [...(query.data?.matchingRows ?? [])].sort(
        (a, b) =>
          compareFrench(a.pronoteUser.lastName, b.pronoteUser.lastName) ||
          compareFrench(a.pronoteUser.firstName, b.pronoteUser.firstName),
      ),
    [query.data],
  );
  const keys = useMemo(() => sorted.map((row) => searchKey(`${row.pronoteUser.lastName} ${row.pronoteUser.firstName} ${row.pronoteUser.pronoteId} ${row.entAccount?.entId ?? ''}`)), [sorted]);
  const shown = useMemo(() => {
    const words = searchKey(deferredSearch).split(/\s+/).filter(Boolean);
    if (words.length === 0) return sorted;
    return sorted.filter((_, i) => words.every((w) => keys[i]?.includes(w)));
  }, [sorted, keys, deferredSearch]);
  const unmatched = query.data?.unmatchedEntAccounts ?? [];

  return (
    <Stack gap="xs">
      <Group align="end">
        <NativeSelect
          label="Population"
          value={population}
          data={populations}
          onChange={(e) => setPopulation(e.currentTarget.value as Population)}
        />
        <TextInput
          label="Rechercher un utilisateur"
          placeholder="Nom, prénom ou identifiant"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          type="search"
        />
        <Checkbox label="Uniquement les non rapprochés" checked={onlyUnmatched} onChange={(e) => setOnlyUnmatched(e.currentTarget.checked)} />
      </Group>
      {unlink.error && (
        <Text c="red.9" role="alert">
          {messageOf(unlink.error)}
        </Text>
      )}
      <Text c="green.9" role="status" size="sm">
        {done}
      </Text>
      <QueryState loading={query.isPending} error={query.error} retry={() => void query.refetch()}>
        {sorted.length === 0 ? (
          <EmptyState>
            {onlyUnmatched
              ? 'Tous les utilisateurs PRONOTE de cette population sont rapprochés.'
              : 'Aucun utilisateur PRONOTE dans cette population : envoyez d’abord l’export des identifiants (étape 2).'}
          </EmptyState>
        ) : shown.length === 0 ? (
          <EmptyState>Aucun utilisateur ne correspond à « {deferredSearch} ».</EmptyState>
        ) : (
          <UsersTable
            rows={shown}
            total={sorted.length}
            onLink={openDialog}
            onUnlink={startUnlink}
            unlinking={unlink.isPending ? unlink.variables?.pronoteId : undefined}
          />
        )}
      </QueryState>
      {linking && (
        <LinkDialog
          baseId={baseId}
          user={linking}
          accounts={unmatched}
          onClose={() => closeDialog()}
          onLinked={(message) => {
            closeDialog(message);
            void refresh();
          }}
        />
      )}
    </Stack>
  );
}

interface TableProps {
  rows: Row[];
  total: number;
  onLink: (user: PronoteUserRow) => void;
  onUnlink: (user: PronoteUserRow) => void;
  unlinking?: string;
}

export function UsersTable({ rows, total, onLink, onUnlink, unlinking }: TableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const captionId = useId();
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 5,
    // Before the first measure (and in tests): a window's worth of rows.
    initialRect: { width: 1000, height: 600 },
    // Let React batch the renders of a scroll instead of one synchronous
    // render per scroll event.
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);
  const caption =
    rows.length === total
      ? count(total, 'utilisateur PRONOTE', 'utilisateurs PRONOTE')
      : `${count(rows.length, 'utilisateur PRONOTE affiché', 'utilisateurs PRONOTE affichés')} sur ${formatNumber(total)}`;
  return (
    <Stack gap={4}>
      <Text id={captionId} size="sm" fw={600}>
        {caption}
      </Text>
      {/* Focusable so that the keyboard scrolls it (RGAA 12.13, WCAG 2.1.1). */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <div ref={scroller} className="virtual-scroll" tabIndex={0} role="region" aria-labelledby={captionId}>
        <Table className="virtual-table" stickyHeader aria-labelledby={captionId} aria-rowcount={rows.length + 1}>
          <colgroup>
            <col className="virtual-col-user" />
            <col className="virtual-col-ent" />
            <col className="virtual-col-action" />
          </colgroup>
          <Table.Thead>
            <Table.Tr aria-rowindex={1}>
              <Table.Th scope="col">Utilisateur PRONOTE</Table.Th>
              <Table.Th scope="col">Compte ENT</Table.Th>
              <Table.Th scope="col">Action</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {before > 0 && (
              <tr aria-hidden="true" className="virtual-pad">
                <td colSpan={3} style={{ height: before }} />
              </tr>
            )}
            {items.map((item) => {
              const row = rows[item.index];
              return row ? (
                <UserRow key={row.pronoteUser.pronoteId} row={row} index={item.index} onLink={onLink} onUnlink={onUnlink} unlinking={unlinking === row.pronoteUser.pronoteId} />
              ) : null;
            })}
            {after > 0 && (
              <tr aria-hidden="true" className="virtual-pad">
                <td colSpan={3} style={{ height: after }} />
              </tr>
            )}
          </Table.Tbody>
        </Table>
      </div>
    </Stack>
  );
}

interface RowProps {
  row: Row;
  index: number;
  onLink: (user: PronoteUserRow) => void;
  onUnlink: (user: PronoteUserRow) => void;
  unlinking: boolean;
}

/** One row; memoised: a scroll renders only the rows that come into view. */
const UserRow = memo(function UserRow({ row, index, onLink, onUnlink, unlinking }: RowProps) {
  const user = row.pronoteUser;
  const name = `${user.lastName} ${user.firstName}`;
  return (
    <tr aria-rowindex={index + 2}>
      <td>
        <span className="virtual-line">{name}</span>
        <span className="virtual-line virtual-detail">
          {user.pronoteId}
          {user.birthDate ? ` · ${formatDate(user.birthDate)}` : ''}
        </span>
      </td>
      <td>
        {row.entAccount ? (
          <>
            <span className="virtual-line">
              {row.entAccount.lastName} {row.entAccount.firstName}
            </span>
            <span className="virtual-line virtual-detail">{row.entAccount.entId}</span>
          </>
        ) : row.link ? (
          <span className="virtual-line">{row.link.entId}</span>
        ) : (
          <span className="virtual-line virtual-detail">Non rapproché</span>
        )}
      </td>
      <td>
        {/* One element for both states: after a link the focus stays on it. */}
        <Button
          size="xs"
          variant={row.link ? 'outline' : 'light'}
          color={row.link ? 'red' : undefined}
          loading={row.link ? unlinking : false}
          onClick={() => (row.link ? onUnlink(user) : onLink(user))}
          aria-label={row.link ? `Délier ${name}` : `Lier ${name} à un compte ENT`}
        >
          {row.link ? 'Délier' : 'Lier…'}
        </Button>
      </td>
    </tr>
  );
});
