import { describe, expect, it } from 'vitest';
import type { RegionDashboardQuery } from '@/gql/graphql';
import { DEFAULT_VIEW, NO_FILTERS, applyView, csvCell, facetsOf, parseView, toCsv, toRegionRows, viewToParams, type View } from './view';

type ApiRow = RegionDashboardQuery['dashboard']['rows'][number];

function apiRow(overrides: Partial<ApiRow>): ApiRow {
  return {
    uai: '0180001A',
    name: 'Collège Jean Moulin',
    kind: 'COLLEGE',
    kindLabel: 'Collège',
    commune: 'Bourges',
    department: '18',
    academy: 'Orléans-Tours',
    closed: false,
    baseId: null,
    groupUai: null,
    hosting: null,
    schoolYear: null,
    publication: null,
    errors: 0,
    warnings: 0,
    model: null,
    modelStatus: 'NO_MODEL',
    casCheckedAt: null,
    casOutcome: null,
    ...overrides,
  };
}

const RAW: ApiRow[] = [
  apiRow({ uai: '0180003C', name: 'Lycée Alain-Fournier', kind: 'LYCEE', kindLabel: 'Lycée', baseId: 'b1', groupUai: '0180003C', hosting: 'HOSTED', schoolYear: '2026-2027', publication: 'PUBLISHED', model: 'ENT Centre', modelStatus: 'APPLIED', casCheckedAt: '2026-09-01T08:30:00Z', casOutcome: 'OK' }),
  apiRow({ uai: '0180001A', name: 'Collège Jean Moulin', baseId: 'b1', groupUai: '0180003C', hosting: 'HOSTED', schoolYear: '2026-2027', publication: 'PUBLISHED', model: 'ENT Centre', modelStatus: 'APPLIED', casCheckedAt: '2026-09-01T08:30:00Z', casOutcome: 'OK' }),
  apiRow({ uai: '0370002B', name: 'Collège Émile Zola', commune: 'Tours', department: '37', baseId: 'b2', groupUai: '0370002B', hosting: 'SELF_HOSTED', schoolYear: '2025-2026', publication: 'STOPPED', errors: 2, warnings: 1, model: 'ENT Centre', modelStatus: 'UPDATE_PENDING', casOutcome: 'FAILED', casCheckedAt: '2026-08-20T10:00:00Z' }),
  apiRow({ uai: '0450004D', name: 'Lycée Voltaire', commune: null, academy: '@SUM(1)', department: '45', kind: 'LYCEE', kindLabel: 'Lycée', baseId: 'b3', groupUai: '0450004D', hosting: 'HOSTED', schoolYear: '2026-2027', publication: 'STOPPED', warnings: 3 }),
  apiRow({ uai: '0410005E', name: 'Collège Les Provinces', commune: 'Blois', department: '41' }),
];
const ROWS = toRegionRows(RAW, new Set(['b2']));

const uais = (view: View) => applyView(ROWS, view).map((r) => r.uai);
const withFilters = (filters: Partial<View['filters']>, rest: Partial<View> = {}): View => ({ ...DEFAULT_VIEW, ...rest, filters: { ...NO_FILTERS, ...filters } });

describe('Filtres du tableau de bord régional', () => {
  it('searches by UAI or by words of the name, accents and case ignored', () => {
    expect(uais(withFilters({ q: '0370' }))).toEqual(['0370002B']);
    expect(uais(withFilters({ q: 'emile ZOLA' }))).toEqual(['0370002B']);
    expect(uais(withFilters({ q: 'collège moulin' }))).toEqual(['0180001A']);
    expect(uais(withFilters({ q: 'introuvable' }))).toEqual([]);
  });

  it('filters on each column', () => {
    expect(uais(withFilters({ commune: 'Bourges' }))).toEqual(['0180001A', '0180003C']);
    expect(uais(withFilters({ departement: '41' }))).toEqual(['0410005E']);
    expect(uais(withFilters({ type: 'LYCEE' }))).toEqual(['0180003C', '0450004D']);
    expect(uais(withFilters({ base: 'sans' }))).toEqual(['0410005E']);
    expect(uais(withFilters({ base: 'cite' }))).toEqual(['0180001A', '0180003C']);
    expect(uais(withFilters({ hebergement: 'SELF_HOSTED' }))).toEqual(['0370002B']);
    expect(uais(withFilters({ publication: 'STOPPED' }))).toEqual(['0370002B', '0450004D']);
    expect(uais(withFilters({ publication: 'SANS_BASE' }))).toEqual(['0410005E']);
    expect(uais(withFilters({ annee: '2025-2026' }))).toEqual(['0370002B']);
    expect(uais(withFilters({ constats: 'erreurs' }))).toEqual(['0370002B']);
    expect(uais(withFilters({ constats: 'avertissements' }))).toEqual(['0450004D']);
    expect(uais(withFilters({ constats: 'aucun' }))).toEqual(['0180001A', '0180003C']);
    expect(uais(withFilters({ etatModele: 'UPDATE_PENDING' }))).toEqual(['0370002B']);
    expect(uais(withFilters({ etatModele: 'ECART' }))).toEqual(['0370002B']);
    expect(uais(withFilters({ cas: 'FAILED' }))).toEqual(['0370002B']);
    expect(uais(withFilters({ cas: 'JAMAIS' }))).toEqual(['0450004D']);
  });

  it('combines filters', () => {
    expect(uais(withFilters({ type: 'COLLEGE', hebergement: 'HOSTED' }))).toEqual(['0180001A']);
    expect(uais(withFilters({ q: 'lycée', publication: 'PUBLISHED' }))).toEqual(['0180003C']);
  });
});

describe('Tri', () => {
  it('sorts by UAI by default, and by any column both ways', () => {
    expect(uais(DEFAULT_VIEW)).toEqual(['0180001A', '0180003C', '0370002B', '0410005E', '0450004D']);
    expect(uais(withFilters({}, { sort: 'nom' }))).toEqual(['0370002B', '0180001A', '0410005E', '0180003C', '0450004D']);
    expect(uais(withFilters({}, { sort: 'constats' }))[0]).toBe('0370002B');
  });

  it('keeps empty values last whichever the direction', () => {
    expect(uais(withFilters({}, { sort: 'commune' })).at(-1)).toBe('0450004D');
    expect(uais(withFilters({}, { sort: 'commune', direction: 'desc' }))).toEqual(['0370002B', '0180003C', '0180001A', '0410005E', '0450004D']);
    expect(uais(withFilters({}, { sort: 'publication', direction: 'desc' })).at(-1)).toBe('0410005E');
  });
});

describe('La vue dans l’adresse', () => {
  it('writes only what differs from the default view, and reads it back', () => {
    const view = withFilters({ q: ' moulin ', departement: '18', etatModele: 'ECART' }, { sort: 'constats', direction: 'desc' });
    const params = viewToParams(view);
    expect(params.toString()).toBe('q=moulin&departement=18&etatModele=ECART&tri=constats&ordre=desc');
    expect(parseView(params)).toEqual({ ...view, filters: { ...view.filters, q: 'moulin' } });
    expect(viewToParams(DEFAULT_VIEW).toString()).toBe('');
  });

  it('drops unknown values instead of failing', () => {
    const view = parseView(new URLSearchParams('type=ECOLE&publication=PEUT-ETRE&tri=secret&ordre=haut&cas=FAILED'));
    expect(view).toEqual(withFilters({ cas: 'FAILED' }));
  });
});

describe('Export CSV de la vue', () => {
  it('neutralises formula-looking cells like the API’s exports and quotes where needed', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('+33 1 02')).toBe("'+33 1 02");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcaché')).toBe("'\tcaché");
    expect(csvCell('Saint-Amand; centre')).toBe('"Saint-Amand; centre"');
    expect(csvCell('Bourges')).toBe('Bourges');
  });

  it('exports the rows shown, in their order, with French labels', () => {
    const csv = toCsv(applyView(ROWS, withFilters({ type: 'LYCEE' }, { sort: 'nom', direction: 'desc' })));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('UAI;Nom;Type;Commune;Département;Académie;État;Base;Hébergement;Publication;Année scolaire;Erreurs;Avertissements;Modèle;État du modèle;Non conforme au modèle;Dernier test CAS;Résultat du test CAS');
    expect(lines[1]).toBe("0450004D;Lycée Voltaire;Lycée;;45;'@SUM(1);Ouvert;0450004D;Hébergée chez Index-Education;Arrêtée;2026-2027;0;3;;Sans modèle;Non;;");
    expect(lines[2]?.startsWith('0180003C;Lycée Alain-Fournier;')).toBe(true);
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
  });
});

describe('Listes des filtres', () => {
  it('offers the values seen, in French order', () => {
    const facets = facetsOf(ROWS);
    expect(facets.communes).toEqual(['Blois', 'Bourges', 'Tours']);
    expect(facets.departments).toEqual(['18', '37', '41', '45']);
    expect(facets.schoolYears).toEqual(['2026-2027', '2025-2026']);
    expect(facets.models).toEqual(['ENT Centre']);
  });
});
