// The journal's filters and their form in the address (a filtered view can
// be shared), and where an entry's object is shown in the console. Pure
// functions: tested without a browser (filters.test.ts).
import type { AuditFilterInput, AuditTargetType } from '@/gql/graphql';

export const TARGET_TYPES: Record<AuditTargetType, string> = {
  PRONOTE_BASE: 'Base PRONOTE',
  ESTABLISHMENT: 'Établissement',
  TICKET: 'Ticket',
  USER: 'Compte',
  TENANT: 'Opérateur',
  MODEL_SOURCE: 'Source de modèles',
  ENT_MODEL: 'Modèle d’ENT',
  STORED_FILE: 'Fichier',
  OUTBOX_MESSAGE: 'Courriel',
};

/** The filters as the form holds them (the address's parameters). */
export interface JournalFilters {
  /** The person, by e-mail address. */
  acteur: string;
  action: string;
  type: string;
  objet: string;
  /** First day, `YYYY-MM-DD`, included. */
  du: string;
  /** Last day, `YYYY-MM-DD`, included. */
  au: string;
  /** A platform administrator's operator (tenant id); empty: all of them. */
  operateur: string;
}

export const FILTER_KEYS = ['acteur', 'action', 'type', 'objet', 'du', 'au', 'operateur'] as const;

function isTargetType(value: string): value is AuditTargetType {
  return value in TARGET_TYPES;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function readFilters(params: URLSearchParams): JournalFilters {
  const get = (key: (typeof FILTER_KEYS)[number]) => (params.get(key) ?? '').slice(0, 254);
  return { acteur: get('acteur'), action: get('action'), type: get('type'), objet: get('objet'), du: get('du'), au: get('au'), operateur: get('operateur') };
}

export function writeFilters(filters: JournalFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = filters[key].trim();
    if (value) out[key] = value;
  }
  return out;
}

/** Midnight of a local day, as the API's instant. */
function startOfDay(day: string, plusDays = 0): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d! + plusDays).toISOString();
}

/** The API's filter: days are the user's local days, the last one included. */
export function toApiFilter(f: JournalFilters): AuditFilterInput {
  return {
    actorEmail: f.acteur.trim() || null,
    action: f.action || null,
    targetType: isTargetType(f.type) ? f.type : null,
    targetId: f.objet.trim() || null,
    since: DAY.test(f.du) ? startOfDay(f.du) : null,
    until: DAY.test(f.au) ? startOfDay(f.au, 1) : null,
  };
}

interface Entry {
  targetType: string;
  targetId?: string | null;
  baseId?: string | null;
}

/** Where the console shows an entry's object, if it does, and what the link says. */
export function objectLink(e: Entry): { to: string; label: string } | null {
  switch (e.targetType) {
    case 'PRONOTE_BASE':
      return e.baseId ? { to: `/bases/${e.baseId}`, label: 'Voir la base' } : null;
    case 'ESTABLISHMENT':
      return e.baseId ? { to: `/bases/${e.baseId}`, label: 'Voir sa base' } : null;
    case 'TICKET':
      return e.baseId ? { to: `/bases/${e.baseId}/assistance`, label: 'Voir le ticket' } : null;
    case 'USER':
      return e.targetId ? { to: `/utilisateurs?compte=${encodeURIComponent(e.targetId)}`, label: 'Voir le compte' } : null;
    case 'MODEL_SOURCE':
      return { to: '/modeles', label: 'Voir les modèles' };
    case 'ENT_MODEL':
      return e.targetId ? { to: `/modeles/${encodeURIComponent(e.targetId)}`, label: 'Voir le modèle' } : null;
    case 'OUTBOX_MESSAGE':
      return { to: '/courriels', label: 'Voir les courriels' };
    default:
      return null;
  }
}

export function targetLabel(type: string): string {
  return isTargetType(type) ? TARGET_TYPES[type] : type;
}
