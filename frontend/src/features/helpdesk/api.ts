import { graphql } from '@/gql';

export const TicketQueueQuery = graphql(`
  query TicketQueue($filter: TicketFilterInput, $first: Int, $after: String) {
    ticketQueue(filter: $filter, first: $first, after: $after) {
      rows {
        id
        title
        category
        status
        createdAt
        uai
        establishmentName
        academy
        assigneeId
        assigneeName
      }
      hasNextPage
      endCursor
      byStatus {
        key
        label
        tickets
      }
    }
  }
`);

/** Who reads a ticket: the helpdesk works it, the school follows it. */
export const ViewerQuery = graphql(`
  query HelpdeskViewer {
    me {
      id
      role
    }
  }
`);

/** The agents a ticket may be given to. */
export const AgentsQuery = graphql(`
  query HelpdeskAgents {
    me {
      id
    }
    users(first: 100) {
      nodes {
        id
        displayName
        email
        role
        disabled
      }
    }
  }
`);

export const HelpdeskTicketQuery = graphql(`
  query HelpdeskTicket($id: ID!) {
    ticket(id: $id) {
      id
      title
      description
      category
      status
      allowedStatuses
      createdAt
      firstAnswerAt
      contactEmail
      contactPhone
      assigneeId
      baseId
      establishment {
        id
        uai
        name
        academy
      }
      settingsSnapshot
      diagnosticsSnapshot
      current {
        baseId
        settings
        diagnostics
      }
      knownAnswers {
        code
        title
        answer
      }
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
        createdAt
      }
    }
  }
`);

/** The thread's e-mails: helpdesk side only. */
export const TicketEmailsQuery = graphql(`
  query TicketEmails($id: ID!) {
    ticket(id: $id) {
      id
      emails {
        id
        kind
        to
        subject
        status
        createdAt
        sentAt
      }
    }
  }
`);

export const CommentOnTicket = graphql(`
  mutation CommentOnTicket($ticketId: ID!, $body: String!) {
    commentTicket(ticketId: $ticketId, body: $body) {
      id
    }
  }
`);

export const ChangeTicketStatus = graphql(`
  mutation ChangeTicketStatus($ticketId: ID!, $status: TicketStatusName!) {
    changeTicketStatus(ticketId: $ticketId, status: $status) {
      id
      status
    }
  }
`);

export const AssignTicket = graphql(`
  mutation AssignTicket($ticketId: ID!, $assigneeId: ID!) {
    assignTicket(ticketId: $ticketId, assigneeId: $assigneeId) {
      id
      assigneeId
    }
  }
`);

export const AttachToTicket = graphql(`
  mutation AttachToTicket($ticketId: ID!, $file: Upload!) {
    attachToTicket(ticketId: $ticketId, file: $file) {
      id
      fileName
    }
  }
`);

export const HelpdeskDashboardQuery = graphql(`
  query HelpdeskDashboard {
    helpdeskDashboard {
      openTickets
      openByAge {
        key
        label
        tickets
      }
      openByCategory {
        key
        label
        tickets
      }
      openByAcademy {
        key
        label
        tickets
      }
      openByEstablishment {
        key
        label
        tickets
      }
      establishmentsWithMostTickets {
        key
        label
        tickets
      }
      answeredTickets
      medianFirstAnswerSeconds
      meanFirstAnswerSeconds
    }
  }
`);
