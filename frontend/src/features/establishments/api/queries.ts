import { graphql } from '@/gql';

export const MyEstablishmentsQuery = graphql(`
  query MyEstablishments($after: String) {
    establishments(first: 50, after: $after) {
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
        base {
          id
          groupUai
          hostingLabel
          publication
          schoolYear
          diagnostics {
            severity
          }
          model {
            pendingUpdate {
              toRevision
              withdrawn
            }
            drift {
              field
            }
          }
        }
      }
    }
  }
`);
