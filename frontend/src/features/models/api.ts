import { graphql } from '@/gql';

export const ModelSourcesQuery = graphql(`
  query ModelSources {
    modelSources {
      id
      name
      kind
      url
      cron
      offeredToAll
      lastFetchedAt
      lastSuccessAt
      lastError
    }
    models {
      id
      sourceId
      name
      location
      revision
      updatedAt
    }
  }
`);

/** Bases per model: a whole-tenant read, asked once for the screen. */
export const ModelUsageCountsQuery = graphql(`
  query ModelUsageCounts {
    modelUsage {
      model {
        id
      }
      bases
      pendingUpdates
    }
  }
`);

export const CatalogVersionsQuery = graphql(`
  query CatalogVersions($sourceId: ID!) {
    catalogVersions(sourceId: $sourceId) {
      id
      models
      added
      changed
      withdrawn
      createdAt
    }
  }
`);

export const RefreshModelFeedMutation = graphql(`
  mutation RefreshModelFeedNow($id: ID!) {
    refreshModelFeed(id: $id) {
      newVersion
      added
      changed
      withdrawn
      basesWithPendingUpdate
    }
  }
`);

export const ModelDetailQuery = graphql(`
  query ModelDetail($id: ID!) {
    entModel(id: $id) {
      id
      sourceId
      name
      location
      description
      revision
      withdrawn
      updatedAt
      testAccounts {
        profile
        profileLabel
        login
        casIdentifier
        passwordSet
        updatedAt
      }
      validation {
        ...ModelValidationFields
      }
    }
    modelRevisions(modelId: $id) {
      revision
      createdAt
    }
  }
`);

export const ModelValidationFieldsFragment = graphql(`
  fragment ModelValidationFields on ModelValidation {
    revision
    validatedAt
    validatedBy
    passed
    serviceUrl
    accounts {
      profile
      profileLabel
      login
      declaredIdentifier
      returnedIdentifier
      passed
      steps {
        kind
        label
        status
        message
      }
    }
  }
`);

export const ModelRevisionDiffQuery = graphql(`
  query ModelRevisionDiff($modelId: ID!, $from: Int!, $to: Int!) {
    modelRevisionDiff(modelId: $modelId, from: $from, to: $to) {
      client
      field
      label
      old
      new
      summary
    }
  }
`);

export const SetModelTestAccountsMutation = graphql(`
  mutation SetModelTestAccountsOfModel($modelId: ID!, $accounts: [ModelTestAccountInput!]!) {
    setModelTestAccounts(modelId: $modelId, accounts: $accounts) {
      profile
      profileLabel
      login
      casIdentifier
      passwordSet
      updatedAt
    }
  }
`);

export const ValidateModelMutation = graphql(`
  mutation ValidateModelNow($modelId: ID!, $serviceUrl: String) {
    validateModel(modelId: $modelId, serviceUrl: $serviceUrl) {
      ...ModelValidationFields
    }
  }
`);
