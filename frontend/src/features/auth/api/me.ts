import { graphql } from '@/gql';

export const MeQuery = graphql(`
  query Me {
    me {
      id
      displayName
      email
      role
      roleLabel
      tenant {
        id
        name
      }
    }
  }
`);
