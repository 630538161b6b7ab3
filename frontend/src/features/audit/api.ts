import { graphql } from '@/gql';

/** One page of the journal, newest first, filtered on the server. */
export const AuditJournalQuery = graphql(`
  query AuditJournal($filter: AuditFilterInput, $after: String) {
    auditEvents(filter: $filter, first: 50, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        createdAt
        actorEmail
        action
        actionLabel
        targetType
        targetId
        baseId
        summary
      }
    }
  }
`);

export const AuditActionsQuery = graphql(`
  query AuditActions {
    auditActions {
      code
      label
    }
  }
`);
