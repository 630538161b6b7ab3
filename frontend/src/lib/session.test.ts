import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

describe('session', () => {
  beforeEach(() => {
    vi.resetModules();
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('keeps the access token in memory and refreshes it silently before it expires', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(json(200, { accessToken: 'a1', expiresIn: 900, csrfToken: 'c1' }))
      .mockResolvedValueOnce(json(200, { accessToken: 'a2', expiresIn: 900, csrfToken: 'c2' }));
    vi.stubGlobal('fetch', fetchMock);
    const session = await import('./session');

    await session.signIn('etablissement@demo.relais.localhost', 'x');
    expect(session.currentToken()).toBe('a1');
    expect(window.localStorage.length + window.sessionStorage.length).toBe(0);

    await vi.advanceTimersByTimeAsync(839_000);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    const [path, init] = fetchMock.mock.calls[1]!;
    expect(path).toBe('/auth/refresh');
    expect(init.headers['X-Relais-CSRF']).toBe('c1');
    expect(session.currentToken()).toBe('a2');
  });

  it('tells an expiry apart from a sign-out', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(json(200, { accessToken: 'a1', expiresIn: 900, csrfToken: 'c1' }))
      .mockResolvedValueOnce(json(401, { errors: [{ message: 'Session expirée', extensions: { code: 'UNAUTHENTICATED' } }] }));
    vi.stubGlobal('fetch', fetchMock);
    const session = await import('./session');
    const changes: string[] = [];
    session.onSessionChange((change) => changes.push(change));

    await session.signIn('x@y.fr', 'x');
    expect(await session.refresh()).toBe(false);
    expect(session.currentToken()).toBeNull();
    expect(changes).toEqual(['signed-in', 'expired']);
  });

  it('gives the API’s wording for a wrong password', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn().mockResolvedValueOnce(
        json(401, { errors: [{ message: 'Adresse e-mail ou mot de passe incorrect. Vérifiez-les et réessayez.', extensions: { code: 'UNAUTHENTICATED' } }] }),
      ),
    );
    const session = await import('./session');
    await expect(session.signIn('x@y.fr', 'faux')).rejects.toThrow('Adresse e-mail ou mot de passe incorrect');
    expect(session.currentToken()).toBeNull();
  });
});
