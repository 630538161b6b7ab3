import { Alert, Anchor, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useDocumentTitle } from '@/components/useDocumentTitle';

export function NotFound() {
  useDocumentTitle('Page introuvable');
  return (
    <>
      <Title order={1}>Page introuvable</Title>
      <Alert color="orange" mt="md">
        Cette adresse ne correspond à aucune page. <Anchor component={Link} to="/etablissements">Revenir à mes établissements</Anchor>
      </Alert>
    </>
  );
}
