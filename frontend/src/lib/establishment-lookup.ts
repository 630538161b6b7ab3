// Finding an establishment of the operator by the UAI a person typed: the
// forms that grant, create a base or move an establishment share it.
import { graphql } from '@/gql';
import { ApiError, isNotFound } from './errors';
import { request } from './graphql';

const EstablishmentByUaiQuery = graphql(`
  query EstablishmentLookup($uai: String!, $tenantId: ID) {
    establishmentByUai(uai: $uai, tenantId: $tenantId) {
      id
      uai
      name
      base {
        id
        groupUai
      }
    }
  }
`);

/** The establishment with this UAI (of `tenantId` for a platform administrator), or a French refusal on `field`. */
export async function establishmentByUai(raw: string, field: string, tenantId: string | null = null) {
  const uai = raw.trim().toUpperCase();
  try {
    return (await request(EstablishmentByUaiQuery, { uai, tenantId })).establishmentByUai;
  } catch (error) {
    if (!isNotFound(error)) throw error;
    throw new ApiError({ message: `Aucun établissement de l’opérateur n’a l’UAI ${uai}.`, extensions: { code: 'VALIDATION', field } });
  }
}

/** UAIs typed in one field, separated by commas, spaces or lines. */
export function splitUais(raw: string): string[] {
  return raw
    .split(/[\s,;]+/)
    .map((u) => u.trim())
    .filter(Boolean);
}
