import { graphql } from '@/gql';

export const CasCheckQuery = graphql(`
  query CasCheck($id: ID!) {
    base(id: $id) {
      id
      groupUai
      casCheck {
        ...CasCheckFields
      }
    }
  }
`);

export const CasCheckFields = graphql(`
  fragment CasCheckFields on CasCheck {
    checkedAt
    checkedBy
    outcome
    protocol
    withCredentials
    outdated
    steps {
      kind
      label
      status
      durationMs
      message
    }
  }
`);

export const TestCas = graphql(`
  mutation TestCas($baseId: ID!, $credentials: CasTestCredentialsInput) {
    testCasSettings(baseId: $baseId, credentials: $credentials) {
      ...CasCheckFields
    }
  }
`);
