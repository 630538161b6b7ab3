import { Anchor, Text, UnstyledButton } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useId, useRef } from 'react';
import { Link } from 'react-router-dom';
import { formatDateTime, formatNumber } from '@/lib/format';
import { CAS_LABELS, HOSTING_LABELS, MODEL_STATUS_LABELS, PUBLICATION_LABELS, type Direction, type RegionRow, type SortKey } from './view';

/** Height of a row (CSS `.region-table tbody td`): the virtualiser's estimate. */
const ROW_HEIGHT = 48;

interface Column {
  sort: SortKey;
  label: string;
  className: string;
}

const COLUMNS: Column[] = [
  { sort: 'uai', label: 'UAI', className: 'region-col-uai' },
  { sort: 'nom', label: 'Établissement', className: 'region-col-name' },
  { sort: 'commune', label: 'Commune', className: 'region-col-commune' },
  { sort: 'academie', label: 'Académie', className: 'region-col-academy' },
  { sort: 'departement', label: 'Dép.', className: 'region-col-department' },
  { sort: 'type', label: 'Type', className: 'region-col-kind' },
  { sort: 'base', label: 'Base', className: 'region-col-base' },
  { sort: 'hebergement', label: 'Hébergement', className: 'region-col-hosting' },
  { sort: 'publication', label: 'Publication', className: 'region-col-publication' },
  { sort: 'annee', label: 'Année scolaire', className: 'region-col-year' },
  { sort: 'constats', label: 'Constats', className: 'region-col-findings' },
  { sort: 'modele', label: 'Modèle', className: 'region-col-model' },
  { sort: 'cas', label: 'Dernier test CAS', className: 'region-col-cas' },
];

interface Props {
  rows: RegionRow[];
  caption: string;
  sort: SortKey;
  direction: Direction;
  onSort: (sort: SortKey) => void;
}

/**
 * Every establishment of the region in one scrolled table: only the rows
 * in view are in the page (@tanstack/react-virtual), the table keeps its
 * row count and each row its index for assistive technologies; the column
 * headers sort (aria-sort says how).
 */
export function DashboardTable({ rows, caption, sort, direction, onSort }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const captionId = useId();
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    initialRect: { width: 1200, height: 640 },
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);
  return (
    <>
      <Text id={captionId} size="sm" fw={600} role="status">
        {caption}
      </Text>
      {/* Focusable so that the keyboard scrolls it (RGAA 12.13, WCAG 2.1.1). */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <div ref={scroller} className="region-scroll" tabIndex={0} role="region" aria-labelledby={captionId}>
        <table className="region-table" aria-labelledby={captionId} aria-rowcount={rows.length + 1}>
          <colgroup>
            {COLUMNS.map((c) => (
              <col key={c.sort} className={c.className} />
            ))}
          </colgroup>
          <thead>
            <tr aria-rowindex={1}>
              {COLUMNS.map((c) => {
                const active = c.sort === sort;
                return (
                  <th key={c.sort} scope="col" aria-sort={active ? (direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
                    <UnstyledButton className="region-sort" onClick={() => onSort(c.sort)}>
                      {c.label}
                      <span aria-hidden="true" className="region-sort-mark">
                        {active ? (direction === 'asc' ? ' ▲' : ' ▼') : ' ↕'}
                      </span>
                    </UnstyledButton>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {before > 0 && (
              <tr aria-hidden="true" className="region-pad">
                <td colSpan={COLUMNS.length} style={{ height: before }} />
              </tr>
            )}
            {items.map((item) => {
              const row = rows[item.index];
              // By position: a platform administrator may see one UAI
              // held by two operators.
              return row ? <DashboardLine key={item.index} row={row} index={item.index} /> : null;
            })}
            {after > 0 && (
              <tr aria-hidden="true" className="region-pad">
                <td colSpan={COLUMNS.length} style={{ height: after }} />
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** One establishment; memoised: a scroll renders only the rows coming into view. */
const DashboardLine = memo(function DashboardLine({ row, index }: { row: RegionRow; index: number }) {
  const hasBase = row.baseId !== null;
  return (
    <tr aria-rowindex={index + 2}>
      <td>{row.uai}</td>
      <td>
        <span className="region-line" title={row.name}>
          {row.name}
        </span>
        {row.closed && <span className="region-line region-detail">Fermé</span>}
      </td>
      <td>
        <span className="region-line">{row.commune ?? '—'}</span>
      </td>
      <td>
        <span className="region-line">{row.academy ?? '—'}</span>
      </td>
      <td>{row.department}</td>
      <td>
        <span className="region-line">{row.kindLabel}</span>
      </td>
      <td>
        {hasBase && row.baseId ? (
          <>
            <Anchor component={Link} to={`/bases/${row.baseId}`} size="sm" underline="always" aria-label={`Base ${row.groupUai ?? ''} de ${row.name}`}>
              {row.groupUai}
            </Anchor>
            {row.cite && <span className="region-line region-detail">Cité scolaire</span>}
          </>
        ) : (
          <span className="region-detail">Aucune base</span>
        )}
      </td>
      <td>
        <span className="region-line">{row.hosting ? HOSTING_LABELS[row.hosting] : '—'}</span>
      </td>
      <td>{row.publication ? <span className={`region-tag region-tag-${row.publication === 'PUBLISHED' ? 'green' : 'gray'}`}>{PUBLICATION_LABELS[row.publication]}</span> : '—'}</td>
      <td>{row.schoolYear ?? '—'}</td>
      <td>{hasBase ? <Findings errors={row.errors} warnings={row.warnings} /> : '—'}</td>
      <td>
        {row.model ? (
          <>
            <span className="region-line" title={row.model}>
              {row.model}
            </span>
            <span className="region-line region-detail">
              {row.modelStatus !== 'APPLIED' && MODEL_STATUS_LABELS[row.modelStatus]}
              {row.modelStatus !== 'APPLIED' && row.drift && ' · '}
              {row.drift && 'Non conforme au modèle'}
            </span>
          </>
        ) : (
          <span className="region-detail">{hasBase ? (row.drift ? 'Non conforme au modèle' : 'Sans modèle') : '—'}</span>
        )}
      </td>
      <td>
        {row.casCheckedAt && row.casOutcome ? (
          <>
            <span className={`region-line region-cas-${row.casOutcome.toLowerCase()}`}>{CAS_LABELS[row.casOutcome]}</span>
            <span className="region-line region-detail">{formatDateTime(row.casCheckedAt)}</span>
          </>
        ) : (
          <span className="region-detail">{hasBase ? 'Jamais testée' : '—'}</span>
        )}
      </td>
    </tr>
  );
});

function Findings({ errors, warnings }: { errors: number; warnings: number }) {
  if (errors + warnings === 0) return <span className="region-detail">Aucun</span>;
  return (
    <>
      {errors > 0 && <span className="region-tag region-tag-red" aria-hidden="true">{`${formatNumber(errors)} err.`}</span>}
      {warnings > 0 && <span className="region-tag region-tag-orange" aria-hidden="true">{`${formatNumber(warnings)} av.`}</span>}
      <span className="region-visually-hidden">{`${formatNumber(errors)} erreur(s), ${formatNumber(warnings)} avertissement(s)`}</span>
    </>
  );
}
