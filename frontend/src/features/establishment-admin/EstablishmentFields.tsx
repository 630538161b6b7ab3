import { Group, NativeSelect, TextInput } from '@mantine/core';
import type { EstablishmentKind } from '@/gql/graphql';
import { KIND_OPTIONS } from './kinds';

/** What the create and edit forms share. */
export interface FieldValues {
  name: string;
  kind: EstablishmentKind;
  commune: string;
  postalCode: string;
  academy: string;
}

export const EMPTY_FIELDS: FieldValues = { name: '', kind: 'COLLEGE', commune: '', postalCode: '', academy: '' };

/** The fields as the API's inputs take them: empty optional fields are left out (null). */
export function inputOf(values: FieldValues) {
  const optional = (v: string) => (v.trim() === '' ? null : v.trim());
  return {
    name: values.name.trim(),
    kind: values.kind,
    commune: optional(values.commune),
    postalCode: optional(values.postalCode),
    academy: optional(values.academy),
  };
}

export const FIELD_NAMES = ['name', 'kind', 'commune', 'postalCode', 'academy'] as const;

interface Props {
  values: FieldValues;
  onChange: (values: FieldValues) => void;
  errors: Record<string, string>;
}

/** Name, kind, commune, postal code, academy: the API checks each and its message lands on the field. */
export function EstablishmentFields({ values, onChange, errors }: Props) {
  const set = (patch: Partial<FieldValues>) => onChange({ ...values, ...patch });
  return (
    <>
      <Group grow align="start">
        <TextInput label="Nom" required value={values.name} onChange={(e) => set({ name: e.currentTarget.value })} error={errors.name} />
        <NativeSelect
          label="Type d’établissement"
          value={values.kind}
          onChange={(e) => set({ kind: e.currentTarget.value as EstablishmentKind })}
          data={KIND_OPTIONS}
          error={errors.kind}
        />
      </Group>
      <Group grow align="start">
        <TextInput label="Commune" value={values.commune} onChange={(e) => set({ commune: e.currentTarget.value })} error={errors.commune} />
        <TextInput
          label="Code postal"
          description="5 chiffres"
          inputMode="numeric"
          value={values.postalCode}
          onChange={(e) => set({ postalCode: e.currentTarget.value })}
          error={errors.postalCode}
        />
        <TextInput label="Académie" value={values.academy} onChange={(e) => set({ academy: e.currentTarget.value })} error={errors.academy} />
      </Group>
    </>
  );
}
