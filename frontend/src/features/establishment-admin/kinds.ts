import type { EstablishmentKind } from '@/gql/graphql';

/** The kinds as the API labels them (`Establishment.kindLabel`), for the forms' choices. */
export const KIND_LABELS: Record<EstablishmentKind, string> = {
  COLLEGE: 'Collège',
  LYCEE: 'Lycée',
  LYCEE_PROFESSIONNEL: 'Lycée professionnel',
  EREA: 'EREA',
  OTHER: 'Autre',
};

export const KIND_OPTIONS = (Object.keys(KIND_LABELS) as EstablishmentKind[]).map((value) => ({ value, label: KIND_LABELS[value] }));
