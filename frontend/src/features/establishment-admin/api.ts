import { graphql } from '@/gql';

/** Who is looking: a platform administrator names the operator of a new establishment. */
export const EstablishmentAdminCallerQuery = graphql(`
  query EstablishmentAdminCaller {
    me {
      id
      role
      tenant {
        id
      }
    }
  }
`);

export const EstablishmentAdminTenantsQuery = graphql(`
  query EstablishmentAdminTenants {
    tenants(first: 100) {
      nodes {
        id
        name
      }
    }
  }
`);

/** One page of the operator's establishments, searched by UAI prefix or by name. */
export const ManagedEstablishmentsQuery = graphql(`
  query ManagedEstablishments($filter: EstablishmentFilterInput, $after: String) {
    establishments(filter: $filter, first: 50, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        uai
        name
        kindLabel
        commune
        academy
        status
        tenant {
          id
          name
        }
      }
    }
  }
`);

export const ManagedEstablishmentQuery = graphql(`
  query ManagedEstablishment($id: ID!) {
    establishment(id: $id) {
      id
      uai
      uaiChecksumAcknowledged
      name
      kind
      kindLabel
      commune
      postalCode
      academy
      status
      updatedAt
      tenant {
        id
        name
      }
      base {
        id
        groupUai
      }
    }
  }
`);

export const CreateManagedEstablishmentMutation = graphql(`
  mutation CreateManagedEstablishment($input: CreateEstablishmentInput!) {
    createEstablishment(input: $input) {
      id
      uai
      name
    }
  }
`);

export const UpdateManagedEstablishmentMutation = graphql(`
  mutation UpdateManagedEstablishment($id: ID!, $input: UpdateEstablishmentInput!) {
    updateEstablishment(id: $id, input: $input) {
      id
      name
      kind
      kindLabel
      commune
      postalCode
      academy
      status
      updatedAt
    }
  }
`);

/** The accounts of the establishment's operator: its school administrators can be granted it. */
export const TenantAccountsQuery = graphql(`
  query EstablishmentTenantAccounts($tenantId: ID, $after: String) {
    users(tenantId: $tenantId, first: 100, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        email
        displayName
        role
        disabled
      }
    }
  }
`);

/** The school administrators the establishment is granted to (one query). */
export const EstablishmentAdministratorsQuery = graphql(`
  query EstablishmentAdministrators($establishmentId: ID!) {
    establishmentAdministrators(establishmentId: $establishmentId) {
      id
      email
      displayName
      role
      disabled
    }
  }
`);

export const GrantManagedEstablishmentMutation = graphql(`
  mutation GrantManagedEstablishment($userId: ID!, $establishmentId: ID!) {
    grantEstablishment(userId: $userId, establishmentId: $establishmentId)
  }
`);

export const RevokeManagedEstablishmentMutation = graphql(`
  mutation RevokeManagedEstablishment($userId: ID!, $establishmentId: ID!) {
    revokeEstablishment(userId: $userId, establishmentId: $establishmentId)
  }
`);
