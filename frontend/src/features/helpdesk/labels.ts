import type { TicketAgeName, TicketCategoryName, TicketStatusName } from '@/gql/graphql';

/** The statuses in the workflow's order, with the API's French labels. */
export const STATUS_LABELS: Record<TicketStatusName, string> = {
  OPEN: 'Ouverte',
  IN_PROGRESS: 'En cours de traitement',
  WAITING_SCHOOL: 'En attente de l’établissement',
  RESOLVED: 'Résolue',
  CLOSED: 'Fermée',
};

export const STATUS_COLORS: Record<TicketStatusName, string> = {
  OPEN: 'red',
  IN_PROGRESS: 'blue',
  WAITING_SCHOOL: 'orange',
  RESOLVED: 'green',
  CLOSED: 'gray',
};

export const CATEGORY_LABELS: Record<TicketCategoryName, string> = {
  CAS_CONFIGURATION: 'Configuration CAS',
  ACCOUNT_MATCHING: 'Rapprochement des comptes',
  DIRECT_ACCESS: 'Accès direct',
  EXPORTS: 'Exports',
  RENTREE: 'Rentrée',
  OTHER: 'Autre',
};

export const AGE_LABELS: Record<TicketAgeName, string> = {
  LESS_THAN_ONE_DAY: 'Moins d’un jour',
  ONE_TO_SEVEN_DAYS: 'De 1 à 7 jours',
  MORE_THAN_SEVEN_DAYS: 'Plus de 7 jours',
};

/** The dashboard's age keys (`helpdeskDashboard.openByAge`) as the queue's filter. */
export const DASHBOARD_AGE: Record<string, TicketAgeName> = {
  LESS_THAN_1_DAY: 'LESS_THAN_ONE_DAY',
  '1_TO_7_DAYS': 'ONE_TO_SEVEN_DAYS',
  MORE_THAN_7_DAYS: 'MORE_THAN_SEVEN_DAYS',
};

/** « il y a 3 jours », « il y a 5 h », « il y a moins d’une heure ». */
export function ageOf(createdAt: string, now: number = Date.now()): string {
  const hours = Math.floor((now - new Date(createdAt).getTime()) / 3_600_000);
  if (hours < 1) return 'moins d’une heure';
  if (hours < 24) return `${hours} h`;
  const days = Math.floor(hours / 24);
  return days === 1 ? '1 jour' : `${days} jours`;
}

/** A delay in seconds for people: « 2 h 05 min », « 3 j 4 h », « 45 s ». */
export function formatDelay(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} j ${hours % 24} h`;
}
