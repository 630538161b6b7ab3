/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Me {\n    me {\n      id\n      displayName\n      email\n      role\n      roleLabel\n      tenant {\n        id\n        name\n      }\n    }\n  }\n": typeof types.MeDocument,
    "\n  fragment SettingsFields on DelegationSettings {\n    delegations {\n      cas\n      wsFederation\n      eduConnect\n    }\n    espaces {\n      espace\n      label\n      delegation\n    }\n    casUrls {\n      shape\n      root\n      loginUrl\n      validationUrl\n    }\n    directAccess\n    clientDirectAccess\n    commonIdentifierAttribute\n    firstConnection {\n      mode\n      label\n      pronoteIdentifierAttribute\n      identity {\n        lastName\n        firstName\n        birthDate\n        postalCode\n        profile\n        profileValues {\n          profile\n          label\n          values\n        }\n      }\n    }\n  }\n": typeof types.SettingsFieldsFragmentDoc,
    "\n  query Base($id: ID!) {\n    base(id: $id) {\n      id\n      version\n      groupUai\n      hosting\n      hostingLabel\n      pronoteVersion\n      schoolYear\n      publicUrl\n      publication\n      serviceUrl\n      directAccessUrl\n      casAuthenticationLink\n      casValidationLink\n      updatedAt\n      establishments {\n        id\n        uai\n        name\n        kindLabel\n      }\n      settings {\n        ...SettingsFields\n      }\n      diagnostics {\n        code\n        severity\n        severityLabel\n        message\n      }\n      model {\n        appliedRevision\n        appliedAt\n        appliedBy\n        model {\n          id\n          name\n          revision\n        }\n        pendingUpdate {\n          fromRevision\n          toRevision\n          withdrawn\n          since\n          changes {\n            field\n            label\n            old\n            new\n            summary\n          }\n        }\n        drift {\n          field\n          label\n          old\n          new\n          summary\n        }\n      }\n    }\n  }\n": typeof types.BaseDocument,
    "\n  query Models {\n    models {\n      id\n      name\n      location\n      description\n      revision\n      withdrawn\n    }\n  }\n": typeof types.ModelsDocument,
    "\n  mutation SetPublication($baseId: ID!, $version: Int!, $publication: Publication!) {\n    setPublication(baseId: $baseId, version: $version, publication: $publication) {\n      id\n      version\n      publication\n    }\n  }\n": typeof types.SetPublicationDocument,
    "\n  mutation UpdateSettings($baseId: ID!, $version: Int!, $settings: DelegationSettingsInput!) {\n    updateDelegationSettings(baseId: $baseId, version: $version, settings: $settings) {\n      id\n      version\n    }\n  }\n": typeof types.UpdateSettingsDocument,
    "\n  mutation ApplyRecommended($baseId: ID!, $version: Int!, $casRoot: String) {\n    applyRecommendedSettings(baseId: $baseId, version: $version, casRoot: $casRoot) {\n      id\n      version\n    }\n  }\n": typeof types.ApplyRecommendedDocument,
    "\n  mutation ApplyModel($baseId: ID!, $modelId: ID!, $expectedVersion: Int!, $confirmOverwrite: Boolean!) {\n    applyModel(baseId: $baseId, modelId: $modelId, expectedVersion: $expectedVersion, confirmOverwrite: $confirmOverwrite) {\n      base {\n        id\n        version\n      }\n      overwritten {\n        field\n        label\n        old\n        new\n        summary\n      }\n    }\n  }\n": typeof types.ApplyModelDocument,
    "\n  mutation ApplyModelUpdate($baseId: ID!, $expectedVersion: Int!) {\n    applyModelUpdate(baseId: $baseId, expectedVersion: $expectedVersion) {\n      base {\n        id\n        version\n      }\n    }\n  }\n": typeof types.ApplyModelUpdateDocument,
    "\n  mutation DismissModelUpdate($baseId: ID!) {\n    dismissModelUpdate(baseId: $baseId)\n  }\n": typeof types.DismissModelUpdateDocument,
    "\n  query CasCheck($id: ID!) {\n    base(id: $id) {\n      id\n      groupUai\n      casCheck {\n        ...CasCheckFields\n      }\n    }\n  }\n": typeof types.CasCheckDocument,
    "\n  fragment CasCheckFields on CasCheck {\n    checkedAt\n    checkedBy\n    outcome\n    protocol\n    withCredentials\n    outdated\n    steps {\n      kind\n      label\n      status\n      durationMs\n      message\n    }\n  }\n": typeof types.CasCheckFieldsFragmentDoc,
    "\n  mutation TestCas($baseId: ID!, $credentials: CasTestCredentialsInput) {\n    testCasSettings(baseId: $baseId, credentials: $credentials) {\n      ...CasCheckFields\n    }\n  }\n": typeof types.TestCasDocument,
    "\n  query Diagnostics($id: ID!) {\n    base(id: $id) {\n      id\n      groupUai\n      diagnostics {\n        code\n        severity\n        severityLabel\n        message\n      }\n    }\n  }\n": typeof types.DiagnosticsDocument,
    "\n  query MyEstablishments($after: String) {\n    establishments(first: 50, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        uai\n        name\n        kindLabel\n        commune\n        base {\n          id\n          groupUai\n          hostingLabel\n          publication\n          schoolYear\n          diagnostics {\n            severity\n          }\n          model {\n            pendingUpdate {\n              toRevision\n              withdrawn\n            }\n            drift {\n              field\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.MyEstablishmentsDocument,
};
const documents: Documents = {
    "\n  query Me {\n    me {\n      id\n      displayName\n      email\n      role\n      roleLabel\n      tenant {\n        id\n        name\n      }\n    }\n  }\n": types.MeDocument,
    "\n  fragment SettingsFields on DelegationSettings {\n    delegations {\n      cas\n      wsFederation\n      eduConnect\n    }\n    espaces {\n      espace\n      label\n      delegation\n    }\n    casUrls {\n      shape\n      root\n      loginUrl\n      validationUrl\n    }\n    directAccess\n    clientDirectAccess\n    commonIdentifierAttribute\n    firstConnection {\n      mode\n      label\n      pronoteIdentifierAttribute\n      identity {\n        lastName\n        firstName\n        birthDate\n        postalCode\n        profile\n        profileValues {\n          profile\n          label\n          values\n        }\n      }\n    }\n  }\n": types.SettingsFieldsFragmentDoc,
    "\n  query Base($id: ID!) {\n    base(id: $id) {\n      id\n      version\n      groupUai\n      hosting\n      hostingLabel\n      pronoteVersion\n      schoolYear\n      publicUrl\n      publication\n      serviceUrl\n      directAccessUrl\n      casAuthenticationLink\n      casValidationLink\n      updatedAt\n      establishments {\n        id\n        uai\n        name\n        kindLabel\n      }\n      settings {\n        ...SettingsFields\n      }\n      diagnostics {\n        code\n        severity\n        severityLabel\n        message\n      }\n      model {\n        appliedRevision\n        appliedAt\n        appliedBy\n        model {\n          id\n          name\n          revision\n        }\n        pendingUpdate {\n          fromRevision\n          toRevision\n          withdrawn\n          since\n          changes {\n            field\n            label\n            old\n            new\n            summary\n          }\n        }\n        drift {\n          field\n          label\n          old\n          new\n          summary\n        }\n      }\n    }\n  }\n": types.BaseDocument,
    "\n  query Models {\n    models {\n      id\n      name\n      location\n      description\n      revision\n      withdrawn\n    }\n  }\n": types.ModelsDocument,
    "\n  mutation SetPublication($baseId: ID!, $version: Int!, $publication: Publication!) {\n    setPublication(baseId: $baseId, version: $version, publication: $publication) {\n      id\n      version\n      publication\n    }\n  }\n": types.SetPublicationDocument,
    "\n  mutation UpdateSettings($baseId: ID!, $version: Int!, $settings: DelegationSettingsInput!) {\n    updateDelegationSettings(baseId: $baseId, version: $version, settings: $settings) {\n      id\n      version\n    }\n  }\n": types.UpdateSettingsDocument,
    "\n  mutation ApplyRecommended($baseId: ID!, $version: Int!, $casRoot: String) {\n    applyRecommendedSettings(baseId: $baseId, version: $version, casRoot: $casRoot) {\n      id\n      version\n    }\n  }\n": types.ApplyRecommendedDocument,
    "\n  mutation ApplyModel($baseId: ID!, $modelId: ID!, $expectedVersion: Int!, $confirmOverwrite: Boolean!) {\n    applyModel(baseId: $baseId, modelId: $modelId, expectedVersion: $expectedVersion, confirmOverwrite: $confirmOverwrite) {\n      base {\n        id\n        version\n      }\n      overwritten {\n        field\n        label\n        old\n        new\n        summary\n      }\n    }\n  }\n": types.ApplyModelDocument,
    "\n  mutation ApplyModelUpdate($baseId: ID!, $expectedVersion: Int!) {\n    applyModelUpdate(baseId: $baseId, expectedVersion: $expectedVersion) {\n      base {\n        id\n        version\n      }\n    }\n  }\n": types.ApplyModelUpdateDocument,
    "\n  mutation DismissModelUpdate($baseId: ID!) {\n    dismissModelUpdate(baseId: $baseId)\n  }\n": types.DismissModelUpdateDocument,
    "\n  query CasCheck($id: ID!) {\n    base(id: $id) {\n      id\n      groupUai\n      casCheck {\n        ...CasCheckFields\n      }\n    }\n  }\n": types.CasCheckDocument,
    "\n  fragment CasCheckFields on CasCheck {\n    checkedAt\n    checkedBy\n    outcome\n    protocol\n    withCredentials\n    outdated\n    steps {\n      kind\n      label\n      status\n      durationMs\n      message\n    }\n  }\n": types.CasCheckFieldsFragmentDoc,
    "\n  mutation TestCas($baseId: ID!, $credentials: CasTestCredentialsInput) {\n    testCasSettings(baseId: $baseId, credentials: $credentials) {\n      ...CasCheckFields\n    }\n  }\n": types.TestCasDocument,
    "\n  query Diagnostics($id: ID!) {\n    base(id: $id) {\n      id\n      groupUai\n      diagnostics {\n        code\n        severity\n        severityLabel\n        message\n      }\n    }\n  }\n": types.DiagnosticsDocument,
    "\n  query MyEstablishments($after: String) {\n    establishments(first: 50, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        uai\n        name\n        kindLabel\n        commune\n        base {\n          id\n          groupUai\n          hostingLabel\n          publication\n          schoolYear\n          diagnostics {\n            severity\n          }\n          model {\n            pendingUpdate {\n              toRevision\n              withdrawn\n            }\n            drift {\n              field\n            }\n          }\n        }\n      }\n    }\n  }\n": types.MyEstablishmentsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      displayName\n      email\n      role\n      roleLabel\n      tenant {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      displayName\n      email\n      role\n      roleLabel\n      tenant {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SettingsFields on DelegationSettings {\n    delegations {\n      cas\n      wsFederation\n      eduConnect\n    }\n    espaces {\n      espace\n      label\n      delegation\n    }\n    casUrls {\n      shape\n      root\n      loginUrl\n      validationUrl\n    }\n    directAccess\n    clientDirectAccess\n    commonIdentifierAttribute\n    firstConnection {\n      mode\n      label\n      pronoteIdentifierAttribute\n      identity {\n        lastName\n        firstName\n        birthDate\n        postalCode\n        profile\n        profileValues {\n          profile\n          label\n          values\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment SettingsFields on DelegationSettings {\n    delegations {\n      cas\n      wsFederation\n      eduConnect\n    }\n    espaces {\n      espace\n      label\n      delegation\n    }\n    casUrls {\n      shape\n      root\n      loginUrl\n      validationUrl\n    }\n    directAccess\n    clientDirectAccess\n    commonIdentifierAttribute\n    firstConnection {\n      mode\n      label\n      pronoteIdentifierAttribute\n      identity {\n        lastName\n        firstName\n        birthDate\n        postalCode\n        profile\n        profileValues {\n          profile\n          label\n          values\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Base($id: ID!) {\n    base(id: $id) {\n      id\n      version\n      groupUai\n      hosting\n      hostingLabel\n      pronoteVersion\n      schoolYear\n      publicUrl\n      publication\n      serviceUrl\n      directAccessUrl\n      casAuthenticationLink\n      casValidationLink\n      updatedAt\n      establishments {\n        id\n        uai\n        name\n        kindLabel\n      }\n      settings {\n        ...SettingsFields\n      }\n      diagnostics {\n        code\n        severity\n        severityLabel\n        message\n      }\n      model {\n        appliedRevision\n        appliedAt\n        appliedBy\n        model {\n          id\n          name\n          revision\n        }\n        pendingUpdate {\n          fromRevision\n          toRevision\n          withdrawn\n          since\n          changes {\n            field\n            label\n            old\n            new\n            summary\n          }\n        }\n        drift {\n          field\n          label\n          old\n          new\n          summary\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Base($id: ID!) {\n    base(id: $id) {\n      id\n      version\n      groupUai\n      hosting\n      hostingLabel\n      pronoteVersion\n      schoolYear\n      publicUrl\n      publication\n      serviceUrl\n      directAccessUrl\n      casAuthenticationLink\n      casValidationLink\n      updatedAt\n      establishments {\n        id\n        uai\n        name\n        kindLabel\n      }\n      settings {\n        ...SettingsFields\n      }\n      diagnostics {\n        code\n        severity\n        severityLabel\n        message\n      }\n      model {\n        appliedRevision\n        appliedAt\n        appliedBy\n        model {\n          id\n          name\n          revision\n        }\n        pendingUpdate {\n          fromRevision\n          toRevision\n          withdrawn\n          since\n          changes {\n            field\n            label\n            old\n            new\n            summary\n          }\n        }\n        drift {\n          field\n          label\n          old\n          new\n          summary\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Models {\n    models {\n      id\n      name\n      location\n      description\n      revision\n      withdrawn\n    }\n  }\n"): (typeof documents)["\n  query Models {\n    models {\n      id\n      name\n      location\n      description\n      revision\n      withdrawn\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetPublication($baseId: ID!, $version: Int!, $publication: Publication!) {\n    setPublication(baseId: $baseId, version: $version, publication: $publication) {\n      id\n      version\n      publication\n    }\n  }\n"): (typeof documents)["\n  mutation SetPublication($baseId: ID!, $version: Int!, $publication: Publication!) {\n    setPublication(baseId: $baseId, version: $version, publication: $publication) {\n      id\n      version\n      publication\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateSettings($baseId: ID!, $version: Int!, $settings: DelegationSettingsInput!) {\n    updateDelegationSettings(baseId: $baseId, version: $version, settings: $settings) {\n      id\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateSettings($baseId: ID!, $version: Int!, $settings: DelegationSettingsInput!) {\n    updateDelegationSettings(baseId: $baseId, version: $version, settings: $settings) {\n      id\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApplyRecommended($baseId: ID!, $version: Int!, $casRoot: String) {\n    applyRecommendedSettings(baseId: $baseId, version: $version, casRoot: $casRoot) {\n      id\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation ApplyRecommended($baseId: ID!, $version: Int!, $casRoot: String) {\n    applyRecommendedSettings(baseId: $baseId, version: $version, casRoot: $casRoot) {\n      id\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApplyModel($baseId: ID!, $modelId: ID!, $expectedVersion: Int!, $confirmOverwrite: Boolean!) {\n    applyModel(baseId: $baseId, modelId: $modelId, expectedVersion: $expectedVersion, confirmOverwrite: $confirmOverwrite) {\n      base {\n        id\n        version\n      }\n      overwritten {\n        field\n        label\n        old\n        new\n        summary\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ApplyModel($baseId: ID!, $modelId: ID!, $expectedVersion: Int!, $confirmOverwrite: Boolean!) {\n    applyModel(baseId: $baseId, modelId: $modelId, expectedVersion: $expectedVersion, confirmOverwrite: $confirmOverwrite) {\n      base {\n        id\n        version\n      }\n      overwritten {\n        field\n        label\n        old\n        new\n        summary\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApplyModelUpdate($baseId: ID!, $expectedVersion: Int!) {\n    applyModelUpdate(baseId: $baseId, expectedVersion: $expectedVersion) {\n      base {\n        id\n        version\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ApplyModelUpdate($baseId: ID!, $expectedVersion: Int!) {\n    applyModelUpdate(baseId: $baseId, expectedVersion: $expectedVersion) {\n      base {\n        id\n        version\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DismissModelUpdate($baseId: ID!) {\n    dismissModelUpdate(baseId: $baseId)\n  }\n"): (typeof documents)["\n  mutation DismissModelUpdate($baseId: ID!) {\n    dismissModelUpdate(baseId: $baseId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CasCheck($id: ID!) {\n    base(id: $id) {\n      id\n      groupUai\n      casCheck {\n        ...CasCheckFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query CasCheck($id: ID!) {\n    base(id: $id) {\n      id\n      groupUai\n      casCheck {\n        ...CasCheckFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CasCheckFields on CasCheck {\n    checkedAt\n    checkedBy\n    outcome\n    protocol\n    withCredentials\n    outdated\n    steps {\n      kind\n      label\n      status\n      durationMs\n      message\n    }\n  }\n"): (typeof documents)["\n  fragment CasCheckFields on CasCheck {\n    checkedAt\n    checkedBy\n    outcome\n    protocol\n    withCredentials\n    outdated\n    steps {\n      kind\n      label\n      status\n      durationMs\n      message\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestCas($baseId: ID!, $credentials: CasTestCredentialsInput) {\n    testCasSettings(baseId: $baseId, credentials: $credentials) {\n      ...CasCheckFields\n    }\n  }\n"): (typeof documents)["\n  mutation TestCas($baseId: ID!, $credentials: CasTestCredentialsInput) {\n    testCasSettings(baseId: $baseId, credentials: $credentials) {\n      ...CasCheckFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Diagnostics($id: ID!) {\n    base(id: $id) {\n      id\n      groupUai\n      diagnostics {\n        code\n        severity\n        severityLabel\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  query Diagnostics($id: ID!) {\n    base(id: $id) {\n      id\n      groupUai\n      diagnostics {\n        code\n        severity\n        severityLabel\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyEstablishments($after: String) {\n    establishments(first: 50, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        uai\n        name\n        kindLabel\n        commune\n        base {\n          id\n          groupUai\n          hostingLabel\n          publication\n          schoolYear\n          diagnostics {\n            severity\n          }\n          model {\n            pendingUpdate {\n              toRevision\n              withdrawn\n            }\n            drift {\n              field\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyEstablishments($after: String) {\n    establishments(first: 50, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        uai\n        name\n        kindLabel\n        commune\n        base {\n          id\n          groupUai\n          hostingLabel\n          publication\n          schoolYear\n          diagnostics {\n            severity\n          }\n          model {\n            pendingUpdate {\n              toRevision\n              withdrawn\n            }\n            drift {\n              field\n            }\n          }\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;