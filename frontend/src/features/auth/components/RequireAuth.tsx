import { Center, Loader } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { currentToken, onSessionChange, refresh } from '@/lib/session';

type State = 'checking' | 'in' | 'out';

/** Lets signed-in people through; others go to the sign-in page and come back. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const location = useLocation();
  const [state, setState] = useState<State>(currentToken() ? 'in' : 'checking');
  const [expired, setExpired] = useState(false);
  const [signedOut, setSignedOut] = useState(false);

  useEffect(() => {
    let live = true;
    if (!currentToken()) {
      void refresh().then((ok) => live && setState(ok ? 'in' : 'out'));
    }
    const stop = onSessionChange((change) => {
      if (!live) return;
      setExpired(change === 'expired');
      setSignedOut(change === 'signed-out');
      setState(change === 'signed-in' ? 'in' : 'out');
    });
    return () => {
      live = false;
      stop();
    };
  }, []);

  if (state === 'checking') {
    return (
      <Center mih="100vh">
        <Loader role="status" aria-label="Vérification de la session" />
      </Center>
    );
  }
  if (state === 'out' && signedOut) return <Navigate to="/connexion" replace />;
  if (state === 'out') {
    const back = `${location.pathname}${location.search}${location.hash}`;
    const query = new URLSearchParams({ retour: back });
    if (expired) query.set('expiree', '1');
    return <Navigate to={`/connexion?${query.toString()}`} replace />;
  }
  return <>{children}</>;
}
