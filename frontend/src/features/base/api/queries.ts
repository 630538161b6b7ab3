import { graphql } from '@/gql';

export const SettingsFields = graphql(`
  fragment SettingsFields on DelegationSettings {
    delegations {
      cas
      wsFederation
      eduConnect
    }
    espaces {
      espace
      label
      delegation
    }
    casUrls {
      shape
      root
      loginUrl
      validationUrl
    }
    directAccess
    clientDirectAccess
    commonIdentifierAttribute
    firstConnection {
      mode
      label
      pronoteIdentifierAttribute
      identity {
        lastName
        firstName
        birthDate
        postalCode
        profile
        profileValues {
          profile
          label
          values
        }
      }
    }
  }
`);

export const BaseQuery = graphql(`
  query Base($id: ID!) {
    base(id: $id) {
      id
      version
      groupUai
      hosting
      hostingLabel
      pronoteVersion
      schoolYear
      publicUrl
      publication
      serviceUrl
      directAccessUrl
      casAuthenticationLink
      casValidationLink
      updatedAt
      establishments {
        id
        uai
        name
        kindLabel
      }
      settings {
        ...SettingsFields
      }
      diagnostics {
        code
        severity
        severityLabel
        message
      }
      model {
        appliedRevision
        appliedAt
        appliedBy
        model {
          id
          name
          revision
        }
        pendingUpdate {
          fromRevision
          toRevision
          withdrawn
          since
          changes {
            field
            label
            old
            new
            summary
          }
        }
        drift {
          field
          label
          old
          new
          summary
        }
      }
    }
  }
`);

export const ModelsQuery = graphql(`
  query Models {
    models {
      id
      name
      location
      description
      revision
      withdrawn
    }
  }
`);

export const SetPublication = graphql(`
  mutation SetPublication($baseId: ID!, $version: Int!, $publication: Publication!) {
    setPublication(baseId: $baseId, version: $version, publication: $publication) {
      id
      version
      publication
    }
  }
`);

export const UpdateSettings = graphql(`
  mutation UpdateSettings($baseId: ID!, $version: Int!, $settings: DelegationSettingsInput!) {
    updateDelegationSettings(baseId: $baseId, version: $version, settings: $settings) {
      id
      version
    }
  }
`);

export const ApplyRecommended = graphql(`
  mutation ApplyRecommended($baseId: ID!, $version: Int!, $casRoot: String) {
    applyRecommendedSettings(baseId: $baseId, version: $version, casRoot: $casRoot) {
      id
      version
    }
  }
`);

export const ApplyModel = graphql(`
  mutation ApplyModel($baseId: ID!, $modelId: ID!, $expectedVersion: Int!, $confirmOverwrite: Boolean!) {
    applyModel(baseId: $baseId, modelId: $modelId, expectedVersion: $expectedVersion, confirmOverwrite: $confirmOverwrite) {
      base {
        id
        version
      }
      overwritten {
        field
        label
        old
        new
        summary
      }
    }
  }
`);

export const ApplyModelUpdate = graphql(`
  mutation ApplyModelUpdate($baseId: ID!, $expectedVersion: Int!) {
    applyModelUpdate(baseId: $baseId, expectedVersion: $expectedVersion) {
      base {
        id
        version
      }
    }
  }
`);

export const DismissModelUpdate = graphql(`
  mutation DismissModelUpdate($baseId: ID!) {
    dismissModelUpdate(baseId: $baseId)
  }
`);
