import { graphql } from '@/gql';

/** The tenant's CAS service registry: now, the last export, the diff. */
export const CasRegistryQuery = graphql(`
  query CasRegistry($tenantId: ID) {
    casRegistry(tenantId: $tenantId) {
      ...CasRegistryFields
    }
  }
`);

export const CasRegistryFragment = graphql(`
  fragment CasRegistryFields on CasRegistry {
    tenantId
    digest
    exportedAt
    exportedBy
    exportedServices
    services {
      id
      baseId
      name
      fileName
      uais
      mode
      validation
    }
    report {
      baseId
      uai
      level
      code
      message
    }
    diff {
      added {
        name
        fileName
        uais
      }
      removed {
        name
        fileName
        uais
      }
      changed {
        name
        fileName
        fields {
          field
          before
          after
        }
      }
      filesToAdd
      filesToReplace
      filesToDelete
    }
    attributeMapping {
      name
      source
    }
  }
`);

/** The operators a platform administrator chooses from. */
export const RegistryTenantsQuery = graphql(`
  query RegistryTenants {
    tenants(first: 100) {
      nodes {
        id
        name
      }
    }
  }
`);

export const RecordCasRegistryExport = graphql(`
  mutation RecordCasRegistryExport($tenantId: ID, $digest: String) {
    recordCasRegistryExport(tenantId: $tenantId, digest: $digest) {
      ...CasRegistryFields
    }
  }
`);

export const SetCasRegistryAttributeMapping = graphql(`
  mutation SetCasRegistryAttributeMapping($tenantId: ID, $mapping: [CasAttributeMappingInput!]!) {
    setCasRegistryAttributeMapping(tenantId: $tenantId, mapping: $mapping) {
      ...CasRegistryFields
    }
  }
`);
