// The one place that turns API errors (`extensions.code`, `extensions.reason`,
// `extensions.field`) into what the console says, in French.

export interface ApiErrorEntry {
  message: string;
  extensions?: {
    code?: string;
    reason?: string;
    field?: string;
    retryAfterSeconds?: number;
    count?: number;
  };
}

/** An API refusal as the console shows it. */
export class ApiError extends Error {
  readonly code: string;
  readonly reason?: string;
  readonly field?: string;
  readonly retryAfterSeconds?: number;
  readonly count?: number;
  readonly apiMessage?: string;

  constructor(entry: ApiErrorEntry) {
    const code = entry.extensions?.code ?? 'INTERNAL';
    super(describe(code, entry.extensions?.reason, entry.message));
    this.name = 'ApiError';
    this.code = code;
    this.reason = entry.extensions?.reason;
    this.field = entry.extensions?.field;
    this.retryAfterSeconds = entry.extensions?.retryAfterSeconds;
    this.count = entry.extensions?.count;
    this.apiMessage = entry.message;
  }
}

/** What to say when the API gives no usable message (or for the network). */
const BY_CODE: Record<string, string> = {
  UNAUTHENTICATED: 'Votre session a expiré : reconnectez-vous.',
  FORBIDDEN: 'Vous n’avez pas accès à cette action.',
  NOT_FOUND: 'Élément introuvable : il n’existe pas ou vous n’y avez pas accès.',
  VALIDATION: 'Une valeur saisie est incorrecte : corrigez-la et réessayez.',
  CONFLICT: 'Ces paramètres ont été modifiés entre-temps par une autre personne.',
  RATE_LIMITED: 'Trop de tentatives : patientez avant de réessayer.',
  UPSTREAM: 'Le serveur distant n’a pas répondu comme attendu.',
  INVALID_FILE: 'Le fichier est refusé.',
  STORAGE_UNAVAILABLE: 'Le stockage des fichiers est indisponible : rien n’a été enregistré, réessayez plus tard.',
  TIMEOUT: 'La demande a pris trop de temps : réessayez.',
  INTERNAL: 'Erreur inattendue du serveur : réessayez, puis contactez l’assistance si elle persiste.',
  NETWORK: 'Relais ne répond pas : vérifiez votre connexion et réessayez.',
};

/** Reasons whose console wording replaces the API's. */
const BY_REASON: Record<string, string> = {
  CSRF: 'Votre session n’a pas pu être vérifiée : rechargez la page.',
  NO_SESSION: 'Aucune session ouverte : connectez-vous.',
};

/** Codes whose API message is meant for people (French, precise): kept. */
const KEEP_API_MESSAGE = new Set([
  'UNAUTHENTICATED',
  'VALIDATION',
  'CONFLICT',
  'RATE_LIMITED',
  'INVALID_FILE',
  'UPSTREAM',
  'FORBIDDEN',
]);

export function describe(code: string, reason: string | undefined, apiMessage: string | undefined): string {
  if (reason && BY_REASON[reason]) return BY_REASON[reason];
  if (apiMessage && KEEP_API_MESSAGE.has(code)) return apiMessage;
  return BY_CODE[code] ?? BY_CODE.INTERNAL!;
}

/** The message of any error caught by the console. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return BY_CODE.NETWORK!;
  return BY_CODE.INTERNAL!;
}

/**
 * Field errors go on the field: `extensions.field` is the API's input path
 * (`settings.casUrls.root`); forms name their fields the same way, so the
 * error lands on the last segment the form knows.
 */
export function fieldErrors(error: unknown, known: readonly string[]): Record<string, string> {
  if (!(error instanceof ApiError) || !error.field) return {};
  const path = error.field;
  const match = known.find((name) => path === name || path.endsWith(`.${name}`) || name.endsWith(`.${path}`));
  return match ? { [match]: error.message } : {};
}

export function isConflict(error: unknown): error is ApiError {
  return error instanceof ApiError && error.code === 'CONFLICT';
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN');
}
