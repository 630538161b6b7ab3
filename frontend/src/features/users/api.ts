import { graphql } from '@/gql';

/** Who is looking: their own account cannot be disabled, a platform administrator picks the operator. */
export const UsersCallerQuery = graphql(`
  query UsersCaller {
    me {
      id
      role
      tenant {
        id
      }
    }
    passwordRules {
      minLength
      rules
    }
  }
`);

export const UserTenantsQuery = graphql(`
  query UserTenants {
    tenants(first: 100) {
      nodes {
        id
        name
      }
    }
  }
`);

/** One page of the accounts, oldest first. */
export const UsersListQuery = graphql(`
  query UsersList($after: String) {
    users(first: 100, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        email
        displayName
        role
        roleLabel
        disabled
        lastLoginAt
        createdAt
        tenant {
          id
          name
        }
      }
    }
  }
`);

export const CreateUserMutation = graphql(`
  mutation CreateOperatorUser($input: CreateUserInput!) {
    createUser(input: $input) {
      id
      email
      displayName
    }
  }
`);

export const SetUserDisabledMutation = graphql(`
  mutation SetUserDisabled($userId: ID!, $disabled: Boolean!) {
    setUserDisabled(userId: $userId, disabled: $disabled) {
      id
      disabled
    }
  }
`);

export const RequestPasswordResetMutation = graphql(`
  mutation RequestUserPasswordReset($userId: ID!) {
    requestPasswordReset(userId: $userId)
  }
`);

export const GrantedEstablishmentsQuery = graphql(`
  query GrantedEstablishments($userId: ID!) {
    grantedEstablishments(userId: $userId) {
      id
      uai
      name
      commune
    }
  }
`);

export const GrantEstablishmentMutation = graphql(`
  mutation GrantEstablishmentToUser($userId: ID!, $establishmentId: ID!) {
    grantEstablishment(userId: $userId, establishmentId: $establishmentId)
  }
`);

export const RevokeEstablishmentMutation = graphql(`
  mutation RevokeEstablishmentFromUser($userId: ID!, $establishmentId: ID!) {
    revokeEstablishment(userId: $userId, establishmentId: $establishmentId)
  }
`);
