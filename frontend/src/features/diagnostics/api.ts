import { graphql } from '@/gql';

export const DiagnosticsQuery = graphql(`
  query Diagnostics($id: ID!) {
    base(id: $id) {
      id
      groupUai
      diagnostics {
        code
        severity
        severityLabel
        message
      }
    }
  }
`);
