import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { isNotFound, messageOf } from '@/lib/errors';

interface Props {
  loading: boolean;
  error: unknown;
  retry?: () => void;
  /** What is missing, for the « introuvable » state. */
  notFound?: string;
  children: ReactNode;
}

/** The loading and error states every screen shows the same way. */
export function QueryState({ loading, error, retry, notFound, children }: Props) {
  if (loading) {
    return (
      <Center py="xl">
        <Loader role="status" aria-label="Chargement en cours" />
      </Center>
    );
  }
  if (error) {
    if (notFound && isNotFound(error)) {
      return (
        <Alert color="orange" title={`${notFound} introuvable`} role="alert">
          Cette page n’existe pas ou vous n’y avez pas accès.
        </Alert>
      );
    }
    return (
      <Alert color="red" title="Erreur" role="alert">
        <Stack gap="xs">
          <Text>{messageOf(error)}</Text>
          {retry && (
            <Button variant="outline" color="red" onClick={retry} w="fit-content">
              Réessayer
            </Button>
          )}
        </Stack>
      </Alert>
    );
  }
  return <>{children}</>;
}

export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <Text c="dimmed" py="md">
      {children}
    </Text>
  );
}
