import { Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { CreateBaseForm } from './CreateBaseForm';
import { MoveEstablishmentForm } from './MoveEstablishmentForm';
import { RentreeSection } from './RentreeSection';

/** « Bases »: the rentrée roll of the operator, creating a base (with its cité scolaire) and moving an establishment. */
export function BasesPage() {
  useDocumentTitle('Bases');
  return (
    <Stack>
      <Title order={1}>Bases</Title>
      <Text>Les bases PRONOTE de l’opérateur : la rentrée de chacune, la création d’une base et le déplacement d’un établissement entre bases.</Text>
      <RentreeSection />
      <CreateBaseForm />
      <MoveEstablishmentForm />
    </Stack>
  );
}
