import { graphql } from '@/gql';

export const AssistanceQuery = graphql(`
  query Assistance($baseId: ID!) {
    base(id: $baseId) {
      id
      groupUai
      establishments {
        id
        uai
        name
      }
    }
    tickets(first: 50) {
      nodes {
        id
        title
        category
        status
        createdAt
        establishment {
          id
          uai
        }
      }
    }
  }
`);

export const KnownAnswersQuery = graphql(`
  query KnownAnswers($category: TicketCategoryName!, $establishmentId: ID!) {
    knownAnswers(category: $category, establishmentId: $establishmentId) {
      code
      title
      answer
    }
  }
`);

export const TicketQuery = graphql(`
  query Ticket($id: ID!) {
    ticket(id: $id) {
      id
      title
      description
      category
      status
      createdAt
      contactEmail
      timeline {
        id
        kind
        authorEmail
        body
        statusFrom
        statusTo
        createdAt
      }
      attachments {
        id
        fileName
        downloadPath
        size
      }
    }
  }
`);

export const OpenTicket = graphql(`
  mutation OpenTicket($input: OpenTicketInput!) {
    openTicket(input: $input) {
      id
    }
  }
`);

export const CommentTicket = graphql(`
  mutation CommentTicket($ticketId: ID!, $body: String!) {
    commentTicket(ticketId: $ticketId, body: $body) {
      id
    }
  }
`);
