import { graphql } from '@/gql';

export const MatchingQuery = graphql(`
  query Matching($baseId: ID!) {
    base(id: $baseId) {
      id
      groupUai
      establishments {
        id
        uai
        name
      }
    }
    matchingSupervision(baseId: $baseId) {
      populations {
        population
        label
        pronoteUsers
        entAccounts
        linked
        entToLink
      }
      latestRun {
        id
        status
        existingLinks
        startedAt
        finishedAt
        steps {
          population
          label
          status
          autoLinks
          reviews
          duplicates
          linksCreated
          validatedAt
        }
        proposals(decision: REVIEW) {
          population
          entId
          decision
          reason
          candidates {
            pronoteId
            score
          }
        }
      }
    }
  }
`);

export const MatchingRowsQuery = graphql(`
  query MatchingRows($baseId: ID!, $population: Population!, $onlyUnmatched: Boolean!) {
    matchingRows(baseId: $baseId, population: $population, onlyUnmatched: $onlyUnmatched) {
      pronoteUser {
        pronoteId
        lastName
        firstName
        birthDate
      }
      link {
        entId
        origin
      }
      entAccount {
        entId
        lastName
        firstName
      }
    }
    unmatchedEntAccounts(baseId: $baseId, population: $population) {
      entId
      lastName
      firstName
      birthDate
    }
  }
`);

export const GenerateMatchingFile = graphql(`
  mutation GenerateMatchingFile($establishmentId: ID!) {
    generateAccountMatchingFile(establishmentId: $establishmentId) {
      id
      fileName
      downloadPath
    }
  }
`);

export const GenerateIdPronoteFile = graphql(`
  mutation GenerateIdPronoteFile($baseId: ID!) {
    generatePronoteIdentifiersFile(baseId: $baseId) {
      id
      fileName
      downloadPath
    }
  }
`);

export const UploadIdentifiers = graphql(`
  mutation UploadIdentifiers($establishmentId: ID!, $file: Upload!, $mode: DirectoryImportModeName!, $confirmLinkRemoval: Boolean!) {
    uploadIdentifiersExport(establishmentId: $establishmentId, file: $file, mode: $mode, confirmLinkRemoval: $confirmLinkRemoval) {
      users
      withoutCasId
      exportUai
    }
  }
`);

export const StartMatching = graphql(`
  mutation StartMatching($baseId: ID!, $existingLinks: ExistingLinksPolicy!) {
    startMatching(baseId: $baseId, existingLinks: $existingLinks) {
      id
    }
  }
`);

export const ValidateStep = graphql(`
  mutation ValidateStep($runId: ID!, $population: Population!) {
    validateMatchingStep(runId: $runId, population: $population) {
      population
      linksCreated
    }
  }
`);

export const CancelMatching = graphql(`
  mutation CancelMatching($runId: ID!) {
    cancelMatching(runId: $runId) {
      id
      status
    }
  }
`);

export const LinkAccounts = graphql(`
  mutation LinkAccounts($baseId: ID!, $pronoteId: String!, $entId: String!) {
    linkAccounts(baseId: $baseId, pronoteId: $pronoteId, entId: $entId) {
      pronoteId
      entId
    }
  }
`);

export const UnlinkAccount = graphql(`
  mutation UnlinkAccount($baseId: ID!, $pronoteId: String!) {
    unlinkAccount(baseId: $baseId, pronoteId: $pronoteId) {
      pronoteId
    }
  }
`);

export const ResetLinks = graphql(`
  mutation ResetLinks($baseId: ID!, $populations: [Population!]!, $confirmation: String!) {
    resetAccountLinks(baseId: $baseId, populations: $populations, confirmation: $confirmation)
  }
`);
