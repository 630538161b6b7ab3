import { graphql } from '@/gql';

/** Who is looking: a platform administrator names the operator whose settings they read. */
export const ExchangesCallerQuery = graphql(`
  query ExchangesCaller {
    me {
      id
      role
      tenant {
        id
        name
      }
    }
  }
`);

export const ExchangeTenantsQuery = graphql(`
  query ExchangeTenants {
    tenants(first: 100) {
      nodes {
        id
        name
      }
    }
  }
`);

/** The settings as the console shows them: keys by fingerprint, never the private key. */
export const ExchangeSettingsQuery = graphql(`
  query ExchangeSettingsOfTenant($tenantId: ID) {
    exchangeSettings(tenantId: $tenantId) {
      partnerId
      partnerName
      indexEducationKeyFingerprint
      partnerPublicKey
      partnerKeyFingerprint
      retentionAccountMatchingDays
      retentionIdentifiersExportDays
    }
  }
`);

export const UpdateExchangeSettingsMutation = graphql(`
  mutation UpdateExchangeSettings($input: ExchangeSettingsInput!) {
    updateExchangeSettings(input: $input) {
      partnerId
      partnerName
      indexEducationKeyFingerprint
      partnerPublicKey
      partnerKeyFingerprint
      retentionAccountMatchingDays
      retentionIdentifiersExportDays
    }
  }
`);

/** The same document for the dry run and the commit: only `dryRun` differs. */
export const ImportEntAccountsMutation = graphql(`
  mutation ImportEntAccounts($file: Upload!, $establishmentId: ID, $mode: DirectoryImportModeName!, $dryRun: Boolean!) {
    importEntAccounts(file: $file, establishmentId: $establishmentId, mode: $mode, dryRun: $dryRun) {
      committed
      accounts
      establishments {
        uai
        created
        updated
        unchanged
        removed
      }
      errors
    }
  }
`);

/** One page of the stored files, newest first. */
export const StoredFilesQuery = graphql(`
  query StoredFiles($establishmentId: ID, $kind: FileKindName, $after: String) {
    storedFiles(establishmentId: $establishmentId, kind: $kind, first: 50, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        kind
        fileName
        establishmentId
        size
        sha256
        summary
        createdAt
        expiresAt
        downloadPath
      }
    }
  }
`);

export const DeleteStoredFileMutation = graphql(`
  mutation DeleteStoredFile($id: ID!) {
    deleteStoredFile(id: $id)
  }
`);
