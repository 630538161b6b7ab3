import { Button, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { EmptyState, QueryState } from '@/components/QueryState';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import type { RegionSummaryQuery as SummaryResult } from '@/gql/graphql';
import { messageOf } from '@/lib/errors';
import { count, formatNumber } from '@/lib/format';
import { request } from '@/lib/graphql';
import { RegionDashboardQuery, RegionSummaryQuery } from './api';
import { BarChart, type Bar } from '@/components/BarChart';
import { DashboardTable } from './DashboardTable';
import {
  CAS_LABELS,
  HOSTING_LABELS,
  KIND_LABELS,
  MODEL_STATUS_LABELS,
  NO_FILTERS,
  PUBLICATION_LABELS,
  activeFilters,
  applyView,
  facetsOf,
  parseView,
  toCsv,
  toRegionRows,
  viewToParams,
  type Facets,
  type Filters,
  type RegionRow,
  type SortKey,
  type View,
} from './view';
import './region.css';

const NO_DRIFT: ReadonlySet<string> = new Set();

/**
 * The operator's « Tableau de bord régional »: every establishment of the
 * tenant with its base, in one virtualised table filtered and sorted in
 * the browser (the whole region is read once, 1,000 rows per request, the
 * first page shown as soon as it comes), the view kept in the address,
 * the shown rows exported as CSV; charts of the region above.
 */
export function RegionDashboardPage() {
  useDocumentTitle('Tableau de bord régional');
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => parseView(params), [params]);
  // The search field is typed locally; the address follows (replace: no
  // history entry per keystroke).
  const [search, setSearch] = useState(view.filters.q);
  useEffect(() => setSearch((typed) => (typed.trim() === view.filters.q ? typed : view.filters.q)), [view.filters.q]);
  const setView = useCallback((next: View) => setParams(viewToParams(next), { replace: true }), [setParams]);
  const setFilter = useCallback((key: keyof Filters, value: string) => setView({ ...view, filters: { ...view.filters, [key]: value } }), [setView, view]);
  const onSort = useCallback(
    (sort: SortKey) => setView({ ...view, sort, direction: view.sort === sort && view.direction === 'asc' ? 'desc' : 'asc' }),
    [setView, view],
  );

  const pages = useInfiniteQuery({
    queryKey: ['region-dashboard'],
    queryFn: ({ pageParam }) => request(RegionDashboardQuery, { after: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.dashboard.hasNextPage ? last.dashboard.endCursor : undefined),
    staleTime: 60_000,
  });
  // The region is read page after page, one request at a time (the API
  // admits two expensive requests per person: the summary is the other).
  const { hasNextPage, isFetchingNextPage, fetchNextPage, isError } = pages;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, isError]);
  const summary = useQuery({ queryKey: ['region-summary'], queryFn: () => request(RegionSummaryQuery), staleTime: 60_000 });

  const drifted = useMemo(() => (summary.data ? new Set(summary.data.driftedBases.map((d) => d.base.id)) : NO_DRIFT), [summary.data]);
  const rows = useMemo(() => toRegionRows(pages.data?.pages.flatMap((p) => p.dashboard.rows) ?? [], drifted), [pages.data, drifted]);
  const facets = useMemo(() => facetsOf(rows), [rows]);
  const deferredView = useDeferredValue(useMemo(() => ({ ...view, filters: { ...view.filters, q: search } }), [view, search]));
  const shown = useMemo(() => applyView(rows, deferredView), [rows, deferredView]);
  const loading = pages.hasNextPage || pages.isFetchingNextPage;

  const caption = loading
    ? `Chargement : ${count(rows.length, 'établissement lu', 'établissements lus')}…`
    : shown.length === rows.length
      ? count(rows.length, 'établissement', 'établissements')
      : `${count(shown.length, 'établissement affiché', 'établissements affichés')} sur ${formatNumber(rows.length)}`;

  function exportCsv() {
    const blob = new Blob([toCsv(shown)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `tableau-de-bord-${new Date().toISOString().slice(0, 10)}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  return (
    <Stack gap="md">
      <Title order={1}>Tableau de bord régional</Title>
      <QueryState loading={pages.isPending} error={pages.error} retry={() => void pages.refetch()}>
        <Charts rows={rows} summary={summary.data} summaryError={summary.error} complete={!loading} setView={setView} />
        <section aria-labelledby="region-establishments">
          <Title order={2} id="region-establishments" size="h3" mb="xs">
            Établissements
          </Title>
          <form
            className="region-filters"
            aria-label="Filtres des établissements"
            onSubmit={(e) => {
              e.preventDefault();
              setFilter('q', search);
            }}
          >
            <TextInput
              label="Rechercher par UAI ou nom"
              placeholder="0180003C, Jean Moulin…"
              type="search"
              value={search}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setSearch(value);
                setFilter('q', value);
              }}
            />
            <FilterSelects filters={view.filters} facets={facets} onChange={setFilter} />
          </form>
          <Group mt="sm" mb="xs" gap="sm">
            <Button variant="outline" size="xs" disabled={activeFilters(view.filters) === 0} onClick={() => setView({ ...view, filters: NO_FILTERS })}>
              Effacer les filtres
            </Button>
            <Button variant="light" size="xs" onClick={exportCsv} disabled={loading || shown.length === 0}>
              Exporter la vue en CSV
            </Button>
            <Text size="xs" c="dimmed">
              L’adresse de la page garde les filtres et le tri : copiez-la pour partager cette vue.
            </Text>
          </Group>
          {rows.length === 0 && !loading ? (
            <EmptyState>Aucun établissement : importez d’abord la liste des établissements de l’opérateur.</EmptyState>
          ) : shown.length === 0 && !loading ? (
            <>
              <Text size="sm" fw={600} role="status">
                {caption}
              </Text>
              <EmptyState>Aucun établissement ne correspond à ces filtres.</EmptyState>
            </>
          ) : (
            <DashboardTable rows={shown} caption={caption} sort={deferredView.sort} direction={deferredView.direction} onSort={onSort} />
          )}
        </section>
      </QueryState>
    </Stack>
  );
}

const ALL = { value: '', label: 'Tous' };

function options(values: string[], label: (value: string) => string = (v) => v) {
  return [ALL, ...values.map((value) => ({ value, label: label(value) }))];
}

function FilterSelects({ filters, facets, onChange }: { filters: Filters; facets: Facets; onChange: (key: keyof Filters, value: string) => void }) {
  const select = (key: keyof Filters, label: string, data: { value: string; label: string }[]) => (
    <NativeSelect key={key} label={label} value={filters[key]} data={data} onChange={(e) => onChange(key, e.currentTarget.value)} />
  );
  // A value from the address that the rows do not hold stays choosable.
  const withCurrent = (values: string[], key: keyof Filters) => (filters[key] && !values.includes(filters[key]) ? [...values, filters[key]] : values);
  return (
    <>
      {select('commune', 'Commune', options(withCurrent(facets.communes, 'commune')))}
      {select('academie', 'Académie', options(withCurrent(facets.academies, 'academie')))}
      {select('departement', 'Département', options(withCurrent(facets.departments, 'departement')))}
      {select('type', 'Type', options(Object.keys(KIND_LABELS), (k) => KIND_LABELS[k as keyof typeof KIND_LABELS]))}
      {select('base', 'Base', [ALL, { value: 'avec', label: 'Avec une base' }, { value: 'sans', label: 'Sans base' }, { value: 'cite', label: 'Cité scolaire' }])}
      {select('hebergement', 'Hébergement', options(Object.keys(HOSTING_LABELS), (k) => HOSTING_LABELS[k as keyof typeof HOSTING_LABELS]))}
      {select('publication', 'Publication', [ALL, ...Object.entries(PUBLICATION_LABELS).map(([value, label]) => ({ value, label })), { value: 'SANS_BASE', label: 'Sans base' }])}
      {select('annee', 'Année scolaire', options(withCurrent(facets.schoolYears, 'annee')))}
      {select('constats', 'Constats', [ALL, { value: 'erreurs', label: 'Avec erreurs' }, { value: 'avertissements', label: 'Avertissements seulement' }, { value: 'aucun', label: 'Aucun constat' }])}
      {select('modele', 'Modèle', options(withCurrent(facets.models, 'modele')))}
      {select('etatModele', 'État du modèle', [ALL, ...Object.entries(MODEL_STATUS_LABELS).map(([value, label]) => ({ value, label })), { value: 'ECART', label: 'Non conforme au modèle' }])}
      {select('cas', 'Dernier test CAS', [ALL, { value: 'OK', label: CAS_LABELS.OK }, { value: 'WARNING', label: CAS_LABELS.WARNING }, { value: 'FAILED', label: CAS_LABELS.FAILED }, { value: 'JAMAIS', label: 'Jamais testée' }])}
    </>
  );
}

function severityColor(label: string): Bar['color'] {
  if (/erreur/i.test(label)) return 'red';
  if (/avertissement/i.test(label)) return 'orange';
  return 'blue';
}

interface ChartsProps {
  rows: RegionRow[];
  summary: SummaryResult | undefined;
  summaryError: unknown;
  complete: boolean;
  setView: (view: View) => void;
}

/** Charts of the whole region (whatever the table's filters). */
function Charts({ rows, summary, summaryError, complete, setView }: ChartsProps) {
  const only = (filters: Partial<Filters>) => () => setView({ filters: { ...NO_FILTERS, ...filters }, sort: 'uai', direction: 'asc' });
  const perBase = useMemo(() => {
    // One count per base (a cité scolaire's base has several rows).
    const seen = new Set<string>();
    const cas = { OK: 0, WARNING: 0, FAILED: 0, JAMAIS: 0 };
    const years = new Map<string, number>();
    for (const row of rows) {
      if (!row.baseId || seen.has(row.baseId)) continue;
      seen.add(row.baseId);
      const outcome = row.casOutcome === 'OK' || row.casOutcome === 'WARNING' || row.casOutcome === 'FAILED' ? row.casOutcome : 'JAMAIS';
      cas[outcome] += 1;
      if (row.schoolYear) years.set(row.schoolYear, (years.get(row.schoolYear) ?? 0) + 1);
    }
    return { bases: seen.size, cas, years: [...years].sort(([a], [b]) => (a < b ? 1 : -1)) };
  }, [rows]);

  const findings: Bar[] = (summary?.basesSummary.findings ?? [])
    .slice()
    .sort((a, b) => b.bases - a.bases)
    .slice(0, 10)
    .map((f) => ({ key: f.code, label: `${f.code} (${f.severityLabel.toLowerCase()})`, value: f.bases, color: severityColor(f.severityLabel) }));
  const publication: Bar[] = summary
    ? [
        { key: 'PUBLISHED', label: 'Publiées', value: summary.basesSummary.published, color: 'green', onPick: only({ publication: 'PUBLISHED' }), pickLabel: 'Afficher les établissements des bases publiées' },
        { key: 'STOPPED', label: 'Arrêtées', value: summary.basesSummary.bases - summary.basesSummary.published, color: 'gray', onPick: only({ publication: 'STOPPED' }), pickLabel: 'Afficher les établissements des bases arrêtées' },
      ]
    : [];
  const pending: Bar[] = (summary?.modelUsage ?? [])
    .filter((u) => u.pendingUpdates > 0)
    .sort((a, b) => b.pendingUpdates - a.pendingUpdates)
    .map((u) => ({
      key: u.model.id,
      label: u.model.name,
      value: u.pendingUpdates,
      detail: `sur ${count(u.bases, 'base', 'bases')}`,
      color: 'violet',
      onPick: only({ modele: u.model.name, etatModele: 'UPDATE_PENDING' }),
      pickLabel: `Afficher les établissements dont la mise à jour du modèle ${u.model.name} est en attente`,
    }));
  const cas: Bar[] = complete
    ? [
        { key: 'OK', label: CAS_LABELS.OK, value: perBase.cas.OK, color: 'green', onPick: only({ cas: 'OK' }), pickLabel: 'Afficher les établissements dont le dernier test CAS a réussi' },
        { key: 'WARNING', label: CAS_LABELS.WARNING, value: perBase.cas.WARNING, color: 'orange', onPick: only({ cas: 'WARNING' }), pickLabel: 'Afficher les établissements dont le dernier test CAS a des avertissements' },
        { key: 'FAILED', label: CAS_LABELS.FAILED, value: perBase.cas.FAILED, color: 'red', onPick: only({ cas: 'FAILED' }), pickLabel: 'Afficher les établissements dont le dernier test CAS a échoué' },
        { key: 'JAMAIS', label: 'Jamais testée', value: perBase.cas.JAMAIS, color: 'gray', onPick: only({ cas: 'JAMAIS' }), pickLabel: 'Afficher les établissements dont la base n’a jamais été testée' },
      ]
    : [];
  const rentree: Bar[] = complete
    ? perBase.years.map(([year, n]) => ({ key: year, label: year, value: n, color: 'blue', onPick: only({ annee: year }), pickLabel: `Afficher les établissements des bases en ${year}` }))
    : [];

  return (
    <section aria-labelledby="region-charts">
      <Title order={2} id="region-charts" size="h3" mb="xs">
        La région en un coup d’œil
      </Title>
      {summaryError ? (
        <Text c="red.9" role="alert" size="sm">
          {messageOf(summaryError)}
        </Text>
      ) : null}
      <div className="region-charts">
        <BarChart title="Bases par état de publication" unit="Nombre de bases" bars={publication} empty="Chargement…" />
        <BarChart title="Constats par code" unit="Bases concernées (les 10 plus fréquents)" bars={findings} empty={summary ? 'Aucun constat : toutes les bases sont conformes.' : 'Chargement…'} />
        <BarChart title="Mises à jour en attente par modèle" unit="Bases en attente" bars={pending} empty={summary ? 'Aucune mise à jour de modèle en attente.' : 'Chargement…'} />
        <BarChart title="Dernier test CAS" unit="Nombre de bases" bars={cas} empty={complete ? 'Aucune base.' : 'Chargement…'} />
        <BarChart title="Rentrée : année scolaire des bases" unit="Nombre de bases" bars={rentree} empty={complete ? 'Aucune base.' : 'Chargement…'} />
      </div>
    </section>
  );
}
