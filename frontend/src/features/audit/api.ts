import { graphql } from '@/gql';

/** One page of the journal, newest first, filtered on the server. */
export const AuditJournalQuery = graphql(`
  query AuditJournal($filter: AuditFilterInput, $tenantId: ID, $after: String) {
    auditEvents(filter: $filter, tenantId: $tenantId, first: 50, after: $after) {
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

/** A platform administrator narrows the journal to one operator. */
export const AuditCallerQuery = graphql(`
  query AuditCaller {
    me {
      role
    }
    tenants(first: 100) {
      nodes {
        id
        name
      }
    }
  }
`);
