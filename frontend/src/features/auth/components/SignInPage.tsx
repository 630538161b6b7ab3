import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, messageOf } from '@/lib/errors';
import { signIn } from '@/lib/session';
import { useDocumentTitle } from '@/components/useDocumentTitle';

/** Where to go after signing in: a path of the console only. */
export function safeReturn(path: string | null): string {
  return path && path.startsWith('/') && !path.startsWith('//') ? path : '/etablissements';
}

export function SignInPage() {
  useDocumentTitle('Connexion');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const expired = params.get('expiree') === '1';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFieldError(null);
    try {
      await signIn(email, password);
      navigate(safeReturn(params.get('retour')), { replace: true });
    } catch (caught) {
      if (caught instanceof ApiError && caught.field === 'email') setFieldError(caught.message);
      else setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center component="main" mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={420} maw="100%">
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={1} size="h2">
              Relais — connexion
            </Title>
            {expired && !error && (
              <Alert color="blue" title="Session expirée">
                Votre session a expiré : reconnectez-vous pour revenir à la page où vous étiez.
              </Alert>
            )}
            {error && (
              <Alert color="red" title="Connexion impossible" role="alert">
                {error}
              </Alert>
            )}
            <TextInput
              label="Adresse e-mail"
              type="email"
              autoComplete="username"
              required
              value={email}
              error={fieldError}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <PasswordInput
              label="Mot de passe"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Button type="submit" loading={busy}>
              Se connecter
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
