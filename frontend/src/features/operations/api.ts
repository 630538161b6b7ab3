import { graphql } from '@/gql';

/** One page of the bases with a model update waiting (flat rows, 500 at a time). */
export const PendingModelUpdatesQuery = graphql(`
  query PendingModelUpdates($after: String) {
    pendingModelUpdates(first: 500, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        baseId
        groupUai
        version
        publication
        establishments
        modelId
        modelName
        fromRevision
        toRevision
        withdrawn
        changes
      }
    }
  }
`);

export const ApplyModelUpdatesMutation = graphql(`
  mutation ApplyModelUpdates($items: [ModelUpdateItemInput!]!) {
    applyModelUpdates(items: $items) {
      baseId
      groupUai
      status
      code
      message
      version
    }
  }
`);

export const DismissModelUpdatesMutation = graphql(`
  mutation DismissModelUpdates($items: [ModelUpdateItemInput!]!) {
    dismissModelUpdates(items: $items) {
      baseId
      groupUai
      status
      code
      message
      version
    }
  }
`);

export const ImportEstablishmentsMutation = graphql(`
  mutation ImportEstablishmentsCsv($input: ImportEstablishmentsInput!) {
    importEstablishments(input: $input) {
      committed
      encoding
      delimiter
      created
      updated
      unchanged
      rejected
      lines {
        line
        uai
        outcome
        reason
      }
    }
  }
`);

export const OutboxMessagesQuery = graphql(`
  query OutboxMessages($status: OutboxStatusName, $after: String) {
    outboxMessages(status: $status, first: 50, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        kind
        to
        subject
        status
        attempts
        lastError
        nextAttemptAt
        sentAt
        createdAt
      }
    }
  }
`);

export const RequeueOutboxMessageMutation = graphql(`
  mutation RequeueOutboxMessage($id: ID!) {
    requeueOutboxMessage(id: $id) {
      id
      status
      attempts
      lastError
      nextAttemptAt
    }
  }
`);
