/**
 * The base's settings at a ticket's opening beside its settings now, field
 * by field: both JSON documents (the API's `settingsSnapshot` and
 * `current.settings`, the same serialised `DelegationSettings`) flattened
 * to `path → value`, every path of either side once, in the documents'
 * order (a field empty on both sides says nothing and is left out).
 */
export interface DiffRow {
  path: string;
  /** The path for people: « Adresses du serveur CAS › loginUrl ». */
  label: string;
  before: string;
  after: string;
  changed: boolean;
}

const SECTIONS: Record<string, string> = {
  delegations: 'Délégations actives',
  espaces: 'Espaces délégués',
  casUrls: 'Adresses du serveur CAS',
  directAccess: 'Accès direct',
  clientDirectAccess: 'Accès direct depuis le client PRONOTE',
  commonIdentifier: 'Identifiant commun',
  firstConnection: 'Première connexion',
  pronoteClient: 'Client PRONOTE',
};

/** « — » for nothing, « Oui » / « Non » for booleans, the text otherwise. */
export function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** `{ a: { b: 1 }, c: [true] }` → `a.b → 1`, `c.1 → Oui` (list positions from 1). */
export function flatten(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value)) {
    if (value.length === 0 && prefix) out.set(prefix, '—');
    value.forEach((item, index) => flatten(item, prefix ? `${prefix}.${index + 1}` : String(index + 1), out));
  } else if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0 && prefix) out.set(prefix, '—');
    for (const [key, item] of entries) flatten(item, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix) {
    out.set(prefix, show(value));
  }
  return out;
}

function labelOf(path: string): string {
  const [head = '', ...rest] = path.split('.');
  return [SECTIONS[head] ?? head, ...rest].join(' › ');
}

export function settingsDiff(before: unknown, after: unknown): DiffRow[] {
  const old = flatten(before);
  const now = flatten(after);
  const paths = [...old.keys(), ...[...now.keys()].filter((p) => !old.has(p))];
  return paths
    .map((path) => {
      const b = old.get(path) ?? '—';
      const a = now.get(path) ?? '—';
      return { path, label: labelOf(path), before: b, after: a, changed: a !== b };
    })
    .filter((row) => row.before !== '—' || row.after !== '—');
}
