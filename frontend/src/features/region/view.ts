// The regional dashboard's view: the rows as the table shows them, the
// filters and the sort, their form in the address (a view can be shared),
// and the CSV export of what is shown. Pure functions: tested without a
// browser (view.test.ts).
import type { CasCheckStatus, EstablishmentKind, Hosting, ModelStatus, Publication, RegionDashboardQuery } from '@/gql/graphql';
import { compareFrench, searchKey } from '@/lib/format';

type ApiRow = RegionDashboardQuery['dashboard']['rows'][number];

/** One establishment as the table shows it. */
export interface RegionRow {
  uai: string;
  name: string;
  kind: EstablishmentKind | null;
  kindLabel: string;
  commune: string | null;
  department: string;
  academy: string | null;
  closed: boolean;
  baseId: string | null;
  groupUai: string | null;
  hosting: Hosting | null;
  schoolYear: string | null;
  publication: Publication | null;
  errors: number;
  warnings: number;
  model: string | null;
  modelStatus: ModelStatus;
  /** The base's settings differ from the revision of its model. */
  drift: boolean;
  /** The base serves several establishments (a cité scolaire). */
  cite: boolean;
  casCheckedAt: string | null;
  casOutcome: CasCheckStatus | null;
  /** UAI and name without accents nor case, for the search. */
  searchKey: string;
}

export function toRegionRows(rows: readonly ApiRow[], drifted: ReadonlySet<string>): RegionRow[] {
  const served = new Map<string, number>();
  for (const r of rows) if (r.baseId) served.set(r.baseId, (served.get(r.baseId) ?? 0) + 1);
  return rows.map((r) => ({
    uai: r.uai,
    name: r.name,
    kind: r.kind ?? null,
    kindLabel: r.kindLabel,
    commune: r.commune ?? null,
    department: r.department,
    academy: r.academy ?? null,
    closed: r.closed,
    baseId: r.baseId ?? null,
    groupUai: r.groupUai ?? null,
    hosting: r.hosting ?? null,
    schoolYear: r.schoolYear ?? null,
    publication: r.publication ?? null,
    errors: r.errors,
    warnings: r.warnings,
    model: r.model ?? null,
    modelStatus: r.modelStatus,
    drift: r.baseId ? drifted.has(r.baseId) : false,
    cite: r.baseId ? (served.get(r.baseId) ?? 0) > 1 : false,
    casCheckedAt: r.casCheckedAt ?? null,
    casOutcome: r.casOutcome ?? null,
    searchKey: searchKey(`${r.uai} ${r.name}`),
  }));
}

export const HOSTING_LABELS: Record<Hosting, string> = {
  HOSTED: 'Hébergée chez Index-Education',
  SELF_HOSTED: 'Non hébergée',
};
export const PUBLICATION_LABELS: Record<Publication, string> = { PUBLISHED: 'Publiée', STOPPED: 'Arrêtée' };
export const MODEL_STATUS_LABELS: Record<ModelStatus, string> = {
  NO_MODEL: 'Sans modèle',
  APPLIED: 'Modèle appliqué',
  UPDATE_PENDING: 'Mise à jour en attente',
  WITHDRAWN: 'Modèle retiré',
};
export const CAS_LABELS: Record<CasCheckStatus, string> = {
  OK: 'Réussi',
  WARNING: 'Avec avertissements',
  FAILED: 'Échoué',
  SKIPPED: 'Non exécuté',
};
export const KIND_LABELS: Record<EstablishmentKind, string> = {
  COLLEGE: 'Collège',
  LYCEE: 'Lycée',
  LYCEE_PROFESSIONNEL: 'Lycée professionnel',
  EREA: 'EREA',
  OTHER: 'Autre',
};

/**
 * The filters, by their name in the address. Each is a closed list of
 * values (or a value seen in the rows); an empty string means « tous ».
 */
export interface Filters {
  /** Search: UAI (or its first characters) or words of the name. */
  q: string;
  commune: string;
  academie: string;
  departement: string;
  type: string;
  /** `avec`, `sans`, `cite` (a base serving several establishments). */
  base: string;
  hebergement: string;
  /** `PUBLISHED`, `STOPPED`, `SANS_BASE`. */
  publication: string;
  annee: string;
  /** `erreurs`, `avertissements` (warnings, no error), `aucun`. */
  constats: string;
  modele: string;
  /** A `ModelStatus`, or `ECART` (settings differ from the model). */
  etatModele: string;
  /** A `CasCheckStatus` of the last check, or `JAMAIS`. */
  cas: string;
}

export const FILTER_KEYS = [
  'q',
  'commune',
  'academie',
  'departement',
  'type',
  'base',
  'hebergement',
  'publication',
  'annee',
  'constats',
  'modele',
  'etatModele',
  'cas',
] as const satisfies readonly (keyof Filters)[];

export const NO_FILTERS: Filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, ''])) as unknown as Filters;

/** The columns one may sort by, by their name in the address. */
export const SORT_KEYS = [
  'uai',
  'nom',
  'commune',
  'academie',
  'departement',
  'type',
  'base',
  'hebergement',
  'publication',
  'annee',
  'constats',
  'modele',
  'cas',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type Direction = 'asc' | 'desc';

export interface View {
  filters: Filters;
  sort: SortKey;
  direction: Direction;
}

export const DEFAULT_VIEW: View = { filters: NO_FILTERS, sort: 'uai', direction: 'asc' };

/** Values a filter with a closed list accepts (others are ignored). */
const CLOSED: Partial<Record<keyof Filters, readonly string[]>> = {
  type: Object.keys(KIND_LABELS),
  base: ['avec', 'sans', 'cite'],
  hebergement: Object.keys(HOSTING_LABELS),
  publication: [...Object.keys(PUBLICATION_LABELS), 'SANS_BASE'],
  constats: ['erreurs', 'avertissements', 'aucun'],
  etatModele: [...Object.keys(MODEL_STATUS_LABELS), 'ECART'],
  cas: ['OK', 'WARNING', 'FAILED', 'JAMAIS'],
};

/** The view an address gives; unknown or malformed values are dropped. */
export function parseView(params: URLSearchParams): View {
  const filters = { ...NO_FILTERS };
  for (const key of FILTER_KEYS) {
    const value = (params.get(key) ?? '').slice(0, 200);
    const allowed = CLOSED[key];
    filters[key] = allowed && !allowed.includes(value) ? '' : value;
  }
  const sort = params.get('tri') ?? '';
  return {
    filters,
    sort: (SORT_KEYS as readonly string[]).includes(sort) ? (sort as SortKey) : DEFAULT_VIEW.sort,
    direction: params.get('ordre') === 'desc' ? 'desc' : 'asc',
  };
}

/** The address of a view: only what differs from the default view. */
export function viewToParams(view: View): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = key === 'q' ? view.filters.q.trim() : view.filters[key];
    if (value) params.set(key, value);
  }
  if (view.sort !== DEFAULT_VIEW.sort) params.set('tri', view.sort);
  if (view.direction !== 'asc') params.set('ordre', view.direction);
  return params;
}

/** How many filters are set (search included). */
export function activeFilters(filters: Filters): number {
  return FILTER_KEYS.filter((k) => filters[k].trim() !== '').length;
}

/** Whether `row` passes every filter of `filters` (`words`: the search). */
function matches(row: RegionRow, f: Filters, words: string[]): boolean {
  if (words.length > 0 && !words.every((w) => row.searchKey.includes(w))) return false;
  if (f.commune && row.commune !== f.commune) return false;
  if (f.academie && row.academy !== f.academie) return false;
  if (f.departement && row.department !== f.departement) return false;
  if (f.type && row.kind !== f.type) return false;
  if (f.base === 'avec' && !row.baseId) return false;
  if (f.base === 'sans' && row.baseId) return false;
  if (f.base === 'cite' && !row.cite) return false;
  if (f.hebergement && row.hosting !== f.hebergement) return false;
  if (f.publication === 'SANS_BASE' ? row.baseId !== null : f.publication && row.publication !== f.publication) return false;
  if (f.annee && row.schoolYear !== f.annee) return false;
  if (f.constats === 'erreurs' && row.errors === 0) return false;
  if (f.constats === 'avertissements' && (row.errors > 0 || row.warnings === 0)) return false;
  if (f.constats === 'aucun' && (!row.baseId || row.errors + row.warnings > 0)) return false;
  if (f.modele && row.model !== f.modele) return false;
  if (f.etatModele === 'ECART' ? !row.drift : f.etatModele && row.modelStatus !== f.etatModele) return false;
  if (f.cas === 'JAMAIS' ? row.casCheckedAt !== null || !row.baseId : f.cas && row.casOutcome !== f.cas) return false;
  return true;
}

type Compare = (a: RegionRow, b: RegionRow) => number;

const text = (pick: (r: RegionRow) => string | null): Compare => {
  // Empty values last whatever the direction would put first: sorted as
  // the highest.
  return (a, b) => {
    const x = pick(a);
    const y = pick(b);
    if (x === y) return 0;
    if (x === null || x === '') return 1;
    if (y === null || y === '') return -1;
    return compareFrench(x, y);
  };
};

const COMPARE: Record<SortKey, Compare> = {
  uai: (a, b) => (a.uai < b.uai ? -1 : a.uai > b.uai ? 1 : 0),
  nom: text((r) => r.name),
  commune: text((r) => r.commune),
  academie: text((r) => r.academy),
  departement: text((r) => r.department),
  type: text((r) => r.kindLabel),
  base: text((r) => r.groupUai),
  hebergement: text((r) => (r.hosting ? HOSTING_LABELS[r.hosting] : null)),
  publication: text((r) => (r.publication ? PUBLICATION_LABELS[r.publication] : null)),
  annee: text((r) => r.schoolYear),
  // Most errors first, then most warnings: the bases that need a person.
  constats: (a, b) => b.errors - a.errors || b.warnings - a.warnings,
  modele: text((r) => r.model),
  cas: text((r) => r.casCheckedAt),
};

/** The rows in one column's order, computed once per rows and column. */
const orders = new WeakMap<readonly RegionRow[], Map<SortKey, RegionRow[]>>();

function ordered(rows: readonly RegionRow[], sort: SortKey): RegionRow[] {
  let byKey = orders.get(rows);
  if (!byKey) {
    byKey = new Map();
    orders.set(rows, byKey);
  }
  let order = byKey.get(sort);
  if (!order) {
    const compare = COMPARE[sort];
    // The UAI breaks ties: the order never depends on the load order.
    order = [...rows].sort((a, b) => compare(a, b) || COMPARE.uai(a, b));
    byKey.set(sort, order);
  }
  return order;
}

/**
 * The rows a view shows, filtered and sorted. Each column's order is
 * computed once; then a filter or a change of direction is one pass over
 * the rows (a few milliseconds for 10,000).
 */
export function applyView(rows: readonly RegionRow[], view: View): RegionRow[] {
  const words = searchKey(view.filters.q).split(/\s+/).filter(Boolean);
  const order = ordered(rows, view.sort);
  const shown = order.filter((row) => matches(row, view.filters, words));
  if (view.direction === 'desc') {
    // Descending, empty values still last.
    const empty = shown.filter((r) => isEmpty(r, view.sort));
    const full = shown.filter((r) => !isEmpty(r, view.sort)).reverse();
    return [...full, ...empty];
  }
  return shown;
}

function isEmpty(row: RegionRow, sort: SortKey): boolean {
  switch (sort) {
    case 'commune':
      return !row.commune;
    case 'academie':
      return !row.academy;
    case 'base':
      return !row.groupUai;
    case 'hebergement':
      return !row.hosting;
    case 'publication':
      return !row.publication;
    case 'annee':
      return !row.schoolYear;
    case 'modele':
      return !row.model;
    case 'cas':
      return !row.casCheckedAt;
    default:
      return false;
  }
}

/** The values seen in the rows, for the filters' lists, in French order. */
export interface Facets {
  communes: string[];
  academies: string[];
  departments: string[];
  schoolYears: string[];
  models: string[];
}

export function facetsOf(rows: readonly RegionRow[]): Facets {
  const sets = { communes: new Set<string>(), academies: new Set<string>(), departments: new Set<string>(), schoolYears: new Set<string>(), models: new Set<string>() };
  for (const r of rows) {
    if (r.commune) sets.communes.add(r.commune);
    if (r.academy) sets.academies.add(r.academy);
    sets.departments.add(r.department);
    if (r.schoolYear) sets.schoolYears.add(r.schoolYear);
    if (r.model) sets.models.add(r.model);
  }
  const sorted = (s: Set<string>) => [...s].sort(compareFrench);
  return {
    communes: sorted(sets.communes),
    academies: sorted(sets.academies),
    departments: [...sets.departments].sort(),
    schoolYears: [...sets.schoolYears].sort().reverse(),
    models: sorted(sets.models),
  };
}

/** The characters that make a spreadsheet read a cell as a formula (OWASP, « CSV Injection »), as the API's exports. */
const FORMULA_STARTS = ['=', '+', '-', '@', '\t', '\r'];

/** A cell as the API's CSV exports write it: a formula-looking value gets a leading `'`, then RFC 4180 quoting. */
export function csvCell(value: string): string {
  const safe = FORMULA_STARTS.some((c) => value.startsWith(c)) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const CSV_HEADER = [
  'UAI',
  'Nom',
  'Type',
  'Commune',
  'Département',
  'Académie',
  'État',
  'Base',
  'Hébergement',
  'Publication',
  'Année scolaire',
  'Erreurs',
  'Avertissements',
  'Modèle',
  'État du modèle',
  'Non conforme au modèle',
  'Dernier test CAS',
  'Résultat du test CAS',
];

/**
 * The rows shown as a CSV file like the API's exports: `;`-separated,
 * CRLF line ends, UTF-8, formula-looking cells neutralised.
 */
export function toCsv(rows: readonly RegionRow[]): string {
  const lines = [CSV_HEADER.map(csvCell).join(';')];
  for (const r of rows) {
    lines.push(
      [
        r.uai,
        r.name,
        r.kindLabel,
        r.commune ?? '',
        r.department,
        r.academy ?? '',
        r.closed ? 'Fermé' : 'Ouvert',
        r.groupUai ?? '',
        r.hosting ? HOSTING_LABELS[r.hosting] : '',
        r.publication ? PUBLICATION_LABELS[r.publication] : '',
        r.schoolYear ?? '',
        r.baseId ? String(r.errors) : '',
        r.baseId ? String(r.warnings) : '',
        r.model ?? '',
        r.baseId ? MODEL_STATUS_LABELS[r.modelStatus] : '',
        r.baseId ? (r.drift ? 'Oui' : 'Non') : '',
        r.casCheckedAt ?? '',
        r.casOutcome ? CAS_LABELS[r.casOutcome] : '',
      ]
        .map(csvCell)
        .join(';'),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
