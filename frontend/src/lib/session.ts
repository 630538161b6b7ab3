// The console's session: the access token lives in this module's memory
// only; the refresh token is an HttpOnly cookie the server sets, rotates and
// clears (/auth/*), with the double-submit CSRF token for those calls.
import { ApiError, type ApiErrorEntry } from './errors';

interface Signed {
  accessToken: string;
  expiresIn: number;
  csrfToken: string;
}

/** Why the session changed: a sign-out is not an expiry. */
export type SessionChange = 'signed-in' | 'expired' | 'signed-out';
type Listener = (change: SessionChange) => void;

let accessToken: string | null = null;
let csrfToken: string | null = null;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refreshing: Promise<boolean> | null = null;
const listeners = new Set<Listener>();

export function currentToken(): string | null {
  return accessToken;
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify(change: SessionChange) {
  for (const listener of listeners) listener(change);
}

function csrfFromCookie(): string | null {
  const match = document.cookie.split(';').map((c) => c.trim()).find((c) => c.startsWith('relais_csrf='));
  return match ? decodeURIComponent(match.slice('relais_csrf='.length)) : null;
}

async function post(path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  const csrf = csrfToken ?? csrfFromCookie();
  if (csrf) headers['X-Relais-CSRF'] = csrf;
  return fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function readError(response: Response): Promise<ApiError> {
  try {
    const json = (await response.json()) as { errors?: ApiErrorEntry[] };
    const first = json.errors?.[0];
    if (first) return new ApiError(first);
  } catch {
    // Not JSON: fall through.
  }
  return new ApiError({ message: '', extensions: { code: response.status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL' } });
}

function accept(signed: Signed) {
  accessToken = signed.accessToken;
  csrfToken = signed.csrfToken;
  clearTimeout(refreshTimer);
  // Silent refresh one minute before expiry (or at 80 % for short lives).
  const lead = Math.min(60, signed.expiresIn * 0.2);
  refreshTimer = setTimeout(() => void refresh(), Math.max(5, signed.expiresIn - lead) * 1000);
  notify('signed-in');
}

export async function signIn(email: string, password: string): Promise<void> {
  const response = await post('/auth/session', { email, password });
  if (!response.ok) throw await readError(response);
  accept((await response.json()) as Signed);
}

/** Renews the access token from the cookie; false when no session is left. */
export function refresh(): Promise<boolean> {
  if (!refreshing) {
    refreshing = (async () => {
      try {
        if (!csrfToken && !csrfFromCookie()) return forget();
        const response = await post('/auth/refresh');
        if (!response.ok) return forget();
        accept((await response.json()) as Signed);
        return true;
      } catch {
        return forget();
      } finally {
        refreshing = null;
      }
    })();
  }
  return refreshing;
}

function forget(): false {
  const had = accessToken !== null;
  accessToken = null;
  csrfToken = null;
  clearTimeout(refreshTimer);
  if (had) notify('expired');
  return false;
}

export async function signOut(): Promise<void> {
  try {
    await post('/auth/logout');
  } finally {
    accessToken = null;
    csrfToken = null;
    clearTimeout(refreshTimer);
    notify('signed-out');
  }
}
