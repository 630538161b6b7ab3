import type { TicketAgeName, TicketCategoryName, TicketFilterInput, TicketStatusName } from '@/gql/graphql';
import { AGE_LABELS, CATEGORY_LABELS, STATUS_LABELS } from '../labels';

/**
 * The queue's filters as the address keeps them, so that a view can be
 * shared or bookmarked: `?etat=IN_PROGRESS&categorie=OTHER&academie=…&uai=…
 * &age=MORE_THAN_SEVEN_DAYS&attribution=moi`. A value the address does not
 * know is ignored (the default is kept).
 */
export interface QueueFilters {
  /** `OPEN_ONLY` (the default: neither resolved nor closed), `ALL`, or one status. */
  status: TicketStatusName | 'OPEN_ONLY' | 'ALL';
  category: TicketCategoryName | '';
  academy: string;
  uai: string;
  age: TicketAgeName | '';
  /** `moi`, `personne`, an agent's id, or '' for everyone's. */
  assignee: string;
}

export const DEFAULT_FILTERS: QueueFilters = { status: 'OPEN_ONLY', category: '', academy: '', uai: '', age: '', assignee: '' };

const PARAMS: Record<keyof QueueFilters, string> = {
  status: 'etat',
  category: 'categorie',
  academy: 'academie',
  uai: 'uai',
  age: 'age',
  assignee: 'attribution',
};

function oneOf<T extends string>(value: string | null, known: Record<T, unknown>): T | undefined {
  return value !== null && Object.hasOwn(known, value) ? (value as T) : undefined;
}

export function parseFilters(params: URLSearchParams): QueueFilters {
  const status = params.get(PARAMS.status);
  return {
    status: status === 'ALL' ? 'ALL' : (oneOf(status, STATUS_LABELS) ?? 'OPEN_ONLY'),
    category: oneOf(params.get(PARAMS.category), CATEGORY_LABELS) ?? '',
    academy: params.get(PARAMS.academy)?.trim() ?? '',
    uai: params.get(PARAMS.uai)?.trim().toUpperCase() ?? '',
    age: oneOf(params.get(PARAMS.age), AGE_LABELS) ?? '',
    assignee: params.get(PARAMS.assignee)?.trim() ?? '',
  };
}

/** The address of a view: only the filters that differ from the default. */
export function filtersToParams(filters: QueueFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of Object.keys(PARAMS) as (keyof QueueFilters)[]) {
    if (filters[key] !== DEFAULT_FILTERS[key]) params.set(PARAMS[key], filters[key]);
  }
  return params;
}

/** The API's filter of a view. */
export function toFilterInput(filters: QueueFilters): TicketFilterInput {
  return {
    status: filters.status === 'OPEN_ONLY' || filters.status === 'ALL' ? null : filters.status,
    openOnly: filters.status === 'OPEN_ONLY',
    category: filters.category || null,
    academy: filters.academy || null,
    uai: filters.uai || null,
    age: filters.age || null,
    mine: filters.assignee === 'moi',
    unassigned: filters.assignee === 'personne',
    assigneeId: filters.assignee !== '' && filters.assignee !== 'moi' && filters.assignee !== 'personne' ? filters.assignee : null,
  };
}

/** How many filters differ from the default. */
export function activeCount(filters: QueueFilters): number {
  return (Object.keys(PARAMS) as (keyof QueueFilters)[]).filter((key) => filters[key] !== DEFAULT_FILTERS[key]).length;
}
