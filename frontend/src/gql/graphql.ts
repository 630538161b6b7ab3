/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /**
   * Implement the DateTime<Utc> scalar
   *
   * The input/output is a string in RFC3339 format.
   */
  DateTime: { input: string; output: string; }
  /** A scalar that can represent any JSON value. */
  JSON: { input: unknown; output: unknown; }
  /**
   * ISO 8601 calendar date without timezone.
   * Format: %Y-%m-%d
   *
   * # Examples
   *
   * * `1994-11-13`
   * * `2000-02-24`
   */
  NaiveDate: { input: string; output: string; }
  /** A multipart file upload */
  Upload: { input: File; output: File; }
};

/** A PRONOTE user linked to an ENT account. */
export type AccountLink = {
  __typename?: 'AccountLink';
  createdAt: Scalars['DateTime']['output'];
  entId: Scalars['String']['output'];
  origin: LinkOriginName;
  population: Population;
  pronoteId: Scalars['String']['output'];
  /** The run that proposed the link, if any. */
  runId?: Maybe<Scalars['ID']['output']>;
  /** The engine's score (0 to 1) for an automatic link. */
  score?: Maybe<Scalars['Float']['output']>;
};

/** What `applyModel` did. */
export type ApplyModelResult = {
  __typename?: 'ApplyModelResult';
  base: PronoteBase;
  /** The values the model replaced (old: the base's, new: the model's). */
  overwritten: Array<FieldChange>;
};

/** One action of the audit log, for the journal's filter. */
export type AuditActionView = {
  __typename?: 'AuditActionView';
  /** Stable name, e.g. `USER_CREATED`. */
  code: Scalars['String']['output'];
  /** In French, e.g. « Compte créé ». */
  label: Scalars['String']['output'];
};

export type AuditEvent = {
  __typename?: 'AuditEvent';
  /** Stable action name, e.g. `USER_CREATED`. */
  action: Scalars['String']['output'];
  /** The action in French, e.g. « Compte créé ». */
  actionLabel: Scalars['String']['output'];
  actorEmail?: Maybe<Scalars['String']['output']>;
  /** Empty when the command line acted. */
  actorUserId?: Maybe<Scalars['ID']['output']>;
  /**
   * The PRONOTE base the object is (a base), is about (a ticket) or is
   * served by (an establishment), when there is one: the journal links
   * the entry there.
   */
  baseId?: Maybe<Scalars['ID']['output']>;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** What happened, in French. */
  summary: Scalars['String']['output'];
  targetId?: Maybe<Scalars['String']['output']>;
  /** Upper case, e.g. `PRONOTE_BASE`, `ESTABLISHMENT`, `TICKET`, `USER`. */
  targetType: Scalars['String']['output'];
  tenantId?: Maybe<Scalars['ID']['output']>;
};

export type AuditEventConnection = {
  __typename?: 'AuditEventConnection';
  /** A list of edges. */
  edges: Array<AuditEventEdge>;
  /** A list of nodes. */
  nodes: Array<AuditEvent>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type AuditEventEdge = {
  __typename?: 'AuditEventEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: AuditEvent;
};

/** Narrows the audit log (« Journal d'audit »); the fields combine. */
export type AuditFilterInput = {
  /** An action's stable name (`auditActions` lists them). */
  action?: InputMaybe<Scalars['String']['input']>;
  /**
   * The person who acted, by e-mail address (also finds what a deleted
   * account did).
   */
  actorEmail?: InputMaybe<Scalars['String']['input']>;
  /** The person who acted, by account. */
  actorUserId?: InputMaybe<Scalars['ID']['input']>;
  /** Entries written at or after this instant. */
  since?: InputMaybe<Scalars['DateTime']['input']>;
  /** The object acted on (with `targetType`). */
  targetId?: InputMaybe<Scalars['ID']['input']>;
  /** The kind of object acted on. */
  targetType?: InputMaybe<AuditTargetType>;
  /** Entries written before this instant. */
  until?: InputMaybe<Scalars['DateTime']['input']>;
};

/** The kind of object an audit entry is about. */
export type AuditTargetType =
  | 'ENT_MODEL'
  | 'ESTABLISHMENT'
  | 'MODEL_SOURCE'
  | 'OUTBOX_MESSAGE'
  | 'PRONOTE_BASE'
  | 'STORED_FILE'
  | 'TENANT'
  | 'TICKET'
  | 'USER';

/** Tokens given at login and at each refresh. */
export type AuthPayload = {
  __typename?: 'AuthPayload';
  /** Send as `Authorization: Bearer <accessToken>`. */
  accessToken: Scalars['String']['output'];
  /** Seconds until the access token expires. */
  expiresIn: Scalars['Int']['output'];
  /** Single use: exchange it with `refreshSession` for new tokens. */
  refreshToken: Scalars['String']['output'];
  /** Always `Bearer`. */
  tokenType: Scalars['String']['output'];
  user: User;
};

/** One base's entry, now and as last exported. */
export type BaseCasRegistry = {
  __typename?: 'BaseCasRegistry';
  /** The fields changed since the last export. */
  changes: Array<CasServiceFieldChange>;
  /** Null when the base has no service (see `report`). */
  entry?: Maybe<CasServiceEntry>;
  exportedEntry?: Maybe<CasServiceEntry>;
  report: Array<CasRegistryReportLine>;
  status: CasRegistryStatus;
};

/** A base's own values. */
export type BaseFieldsInput = {
  entCredentialsDistributed?: Scalars['Boolean']['input'];
  hosting: Hosting;
  /** PRONOTE release year, e.g. 2026. */
  pronoteVersion?: InputMaybe<Scalars['Int']['input']>;
  /** PRONOTE.net public URL. */
  publicUrl?: InputMaybe<Scalars['String']['input']>;
  /** `2026-2027`. */
  schoolYear: Scalars['String']['input'];
  /** The PRONOTE server's address for the client (self-hosted bases). */
  serverAddress?: InputMaybe<Scalars['String']['input']>;
};

/** List criteria, combined with AND. */
export type BaseFilterInput = {
  /** Bases whose settings came from this model. */
  modelId?: InputMaybe<Scalars['ID']['input']>;
  /** Bases with (true) or without (false) a model update waiting. */
  pendingModelUpdate?: InputMaybe<Scalars['Boolean']['input']>;
  publication?: InputMaybe<Publication>;
  /**
   * Bases still on a school year before this one (`2026-2027`): the
   * rentrée is not done.
   */
  schoolYearBefore?: InputMaybe<Scalars['String']['input']>;
  /**
   * Bases already on this school year (`2026-2027`) or a later one: the
   * rentrée is done.
   */
  schoolYearFrom?: InputMaybe<Scalars['String']['input']>;
};

/** The model a base applied and where the base stands with it. */
export type BaseModelStatus = {
  __typename?: 'BaseModelStatus';
  appliedAt: Scalars['DateTime']['output'];
  appliedBy?: Maybe<Scalars['String']['output']>;
  /** The revision the base's settings came from. */
  appliedRevision: Scalars['Int']['output'];
  /**
   * « Paramètres non conformes au modèle »: fields where the base differs
   * from the revision it applied (old: the model, new: the base).
   */
  drift: Array<FieldChange>;
  model: EntModel;
  pendingUpdate?: Maybe<PendingModelUpdate>;
};

/** Where the tenant's bases stand. */
export type BasesSummary = {
  __typename?: 'BasesSummary';
  bases: Scalars['Int']['output'];
  /**
   * Bases whose service in the ENT's CAS registry changed since the
   * tenant's last export (`CAS_REGISTRY_OUTDATED`, also in `findings`);
   * 0 before a first export, and for those who cannot export it.
   */
  casRegistryOutdated: Scalars['Int']['output'];
  findings: Array<FindingCount>;
  published: Scalars['Int']['output'];
  /** Model sources whose last fetch failed (their catalog is unchanged). */
  sourceFindings: Array<Finding>;
  /** Bases with at least one error. */
  withErrors: Scalars['Int']['output'];
  /** Bases with warnings but no error. */
  withWarnings: Scalars['Int']['output'];
};

/** An ENT attribute name that differs from the one PRONOTE reads. */
export type CasAttributeMapping = {
  __typename?: 'CasAttributeMapping';
  /** The name PRONOTE reads (settings). */
  name: Scalars['String']['output'];
  /** The ENT's internal name. */
  source: Scalars['String']['output'];
};

/** An ENT attribute released under another name. */
export type CasAttributeMappingInput = {
  /** The name PRONOTE reads (as in the bases' settings), e.g. `nom`. */
  name: Scalars['String']['input'];
  /** The ENT's internal name, e.g. `sn`. */
  source: Scalars['String']['input'];
};

/** The latest « Tester l'authentification » of a base. */
export type CasCheck = {
  __typename?: 'CasCheck';
  checkedAt: Scalars['DateTime']['output'];
  checkedBy?: Maybe<Scalars['String']['output']>;
  /** `FAILED` when a step failed, `WARNING` when one warned, else `OK`. */
  outcome: CasCheckStatus;
  /** The base's settings changed since: run the check again. */
  outdated: Scalars['Boolean']['output'];
  /** `SAML11`, `CAS2` or `CAS3`. */
  protocol: Scalars['String']['output'];
  steps: Array<CasCheckStep>;
  /** A full login with a test account was part of the check. */
  withCredentials: Scalars['Boolean']['output'];
};

/** How a step, or a whole check, went. */
export type CasCheckStatus =
  | 'FAILED'
  | 'OK'
  /** Not run (no credentials given, or an earlier step failed). */
  | 'SKIPPED'
  | 'WARNING';

/** One step of a check. */
export type CasCheckStep = {
  __typename?: 'CasCheckStep';
  durationMs: Scalars['Int']['output'];
  kind: CasCheckStepKind;
  /** French label, e.g. « Validation du ticket ». */
  label: Scalars['String']['output'];
  /** French: what was seen, and what to do when it is wrong. */
  message: Scalars['String']['output'];
  status: CasCheckStatus;
};

/** What a step of a CAS check verifies, in the order they run. */
export type CasCheckStepKind =
  | 'ATTRIBUTES'
  | 'LOGIN'
  | 'LOGIN_FORM'
  | 'LOGIN_PAGE'
  | 'TICKET_VALIDATION'
  | 'VALIDATION_ENDPOINT';

/** A tenant's CAS registry: now, the last export and the diff. */
export type CasRegistry = {
  __typename?: 'CasRegistry';
  attributeMapping: Array<CasAttributeMapping>;
  diff: CasRegistryDiff;
  /** SHA-256 of the registry now (in the archive's LISEZMOI.txt). */
  digest: Scalars['String']['output'];
  exportedAt?: Maybe<Scalars['DateTime']['output']>;
  exportedBy?: Maybe<Scalars['String']['output']>;
  exportedServices: Scalars['Int']['output'];
  /** Bases without a service, and notes. */
  report: Array<CasRegistryReportLine>;
  /** The services the bases' settings give now, by name. */
  services: Array<CasServiceEntry>;
  tenantId: Scalars['ID']['output'];
};

/** From the last export to the registry now. */
export type CasRegistryDiff = {
  __typename?: 'CasRegistryDiff';
  added: Array<CasServiceEntry>;
  changed: Array<CasServiceChange>;
  /** Apereo files to add, replace, delete. */
  filesToAdd: Array<Scalars['String']['output']>;
  filesToDelete: Array<Scalars['String']['output']>;
  filesToReplace: Array<Scalars['String']['output']>;
  removed: Array<CasServiceEntry>;
};

/** What a report line says about its base. */
export type CasRegistryReportLevel =
  /** The service is there; something to know. */
  | 'NOTE'
  /** The base has no service in the registry. */
  | 'SKIPPED';

/** A line of the export's report. */
export type CasRegistryReportLine = {
  __typename?: 'CasRegistryReportLine';
  baseId: Scalars['ID']['output'];
  /** Stable code, e.g. `PUBLIC_URL_MISSING`. */
  code: Scalars['String']['output'];
  level: CasRegistryReportLevel;
  message: Scalars['String']['output'];
  uai: Scalars['String']['output'];
};

/** Where a base stands against the tenant's last export. */
export type CasRegistryStatus =
  /** Not in the last export, has a service now. */
  | 'ADDED'
  /** Its service differs from the one exported. */
  | 'CHANGED'
  /** The tenant's registry was never exported. */
  | 'NEVER_EXPORTED'
  /** No service, none exported. */
  | 'NOT_EXPORTED'
  /** In the last export, has no service now. */
  | 'REMOVED'
  /** Exported as it stands. */
  | 'UP_TO_DATE';

/** One attribute the CAS releases to PRONOTE. */
export type CasReleasedAttribute = {
  __typename?: 'CasReleasedAttribute';
  /** The name PRONOTE reads (the base's settings). */
  name: Scalars['String']['output'];
  /** The ENT's internal name (the same unless the tenant maps it). */
  source: Scalars['String']['output'];
};

/** A service whose fields changed. */
export type CasServiceChange = {
  __typename?: 'CasServiceChange';
  fields: Array<CasServiceFieldChange>;
  fileName: Scalars['String']['output'];
  name: Scalars['String']['output'];
};

/** One base's service in the ENT's CAS registry. */
export type CasServiceEntry = {
  __typename?: 'CasServiceEntry';
  /** The Apereo CAS JSON file. */
  apereoJson: Scalars['String']['output'];
  attributes: Array<CasReleasedAttribute>;
  /**
   * The base whose service this is: its files download from
   * `GET /bases/{baseId}/cas-registry?format=…`. Null for a service
   * removed since the last export.
   */
  baseId?: Maybe<Scalars['ID']['output']>;
  description: Scalars['String']['output'];
  directAccessUrl: Scalars['String']['output'];
  evaluationOrder: Scalars['Int']['output'];
  /** The Apereo registry file, `<name>-<id>.json`. */
  fileName: Scalars['String']['output'];
  /** Stable numeric id (as text: it exceeds GraphQL's Int). */
  id: Scalars['String']['output'];
  /** The identification mode, e.g. `IDENTITY`. */
  mode: Scalars['String']['output'];
  name: Scalars['String']['output'];
  /** The profile attribute access is restricted on, if any. */
  requiredAttribute?: Maybe<Scalars['String']['output']>;
  requiredValues: Array<Scalars['String']['output']>;
  /** Anchored regular expression of the service. */
  serviceId: Scalars['String']['output'];
  serviceUrl: Scalars['String']['output'];
  uais: Array<Scalars['String']['output']>;
  /** `SAML11`, `CAS2` or `CAS3`. */
  validation: Scalars['String']['output'];
};

/** A field of a service that changed since the last export. */
export type CasServiceFieldChange = {
  __typename?: 'CasServiceFieldChange';
  after: Scalars['String']['output'];
  before: Scalars['String']['output'];
  /** e.g. `serviceId`, `attributes`, `requiredValues`. */
  field: Scalars['String']['output'];
};

/**
 * A CAS account to log in with during one test only: never stored, never
 * logged.
 */
export type CasTestCredentialsInput = {
  /**
   * The profile the account has: its profile attribute must carry a value
   * accepted for it. Empty: any profile of the settings will do.
   */
  expectedProfile?: InputMaybe<Profile>;
  login: Scalars['String']['input'];
  password: Scalars['String']['input'];
};

/** The shape of the CAS server URLs. */
export type CasUrlShape =
  /** Separate login and validation URLs. */
  | 'CUSTOM'
  /** One root; PRONOTE appends `/login` and `/samlValidate`. */
  | 'STANDARD';

/** Either `root` (standard shape) or both `loginUrl` and `validationUrl`. */
export type CasUrlsInput = {
  loginUrl?: InputMaybe<Scalars['String']['input']>;
  root?: InputMaybe<Scalars['String']['input']>;
  validationUrl?: InputMaybe<Scalars['String']['input']>;
};

/** The CAS server's addresses, as PRONOTE will call them. */
export type CasUrlsView = {
  __typename?: 'CasUrlsView';
  loginUrl: Scalars['String']['output'];
  /** The standard shape's root. */
  root?: Maybe<Scalars['String']['output']>;
  shape: CasUrlShape;
  validationUrl: Scalars['String']['output'];
};

/** One distinct content of a source's list of models. */
export type CatalogVersionView = {
  __typename?: 'CatalogVersionView';
  added: Scalars['Int']['output'];
  changed: Scalars['Int']['output'];
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** Models in this version. */
  models: Scalars['Int']['output'];
  withdrawn: Scalars['Int']['output'];
};

/** A population count of a received export. */
export type CategoryCount = {
  __typename?: 'CategoryCount';
  /** `ELEVE`, `RESPONSABLE`, `PROFESSEUR`… */
  category: Scalars['String']['output'];
  users: Scalars['Int']['output'];
};

/** A client's CAS definition: identifier, addresses, identification mode. */
export type ClientDelegation = {
  __typename?: 'ClientDelegation';
  /**
   * Empty: the same addresses as PRONOTE.net's (or, in a model, typed by
   * the school).
   */
  casUrls?: Maybe<CasUrlsView>;
  /** The CAS attribute that identifies users; empty: the CAS Subject. */
  commonIdentifierAttribute?: Maybe<Scalars['String']['output']>;
  firstConnection: FirstConnection;
};

/** A PRONOTE client definition that differs from PRONOTE.net's. */
export type ClientDelegationInput = {
  /** Empty: PRONOTE.net's addresses. */
  casUrls?: InputMaybe<CasUrlsInput>;
  /** Empty: the CAS Subject identifies users. */
  commonIdentifierAttribute?: InputMaybe<Scalars['String']['input']>;
  firstConnection: FirstConnectionInput;
};

/** Where an establishment stands with its PRONOTE base. */
export type ConfigurationState =
  /** No base serves it yet. */
  | 'NO_BASE'
  /** Its base is published. */
  | 'PUBLISHED'
  /** Its base is not published. */
  | 'STOPPED';

/** A count under a label. */
export type CountBy = {
  __typename?: 'CountBy';
  key: Scalars['String']['output'];
  label: Scalars['String']['output'];
  tickets: Scalars['Int']['output'];
};

/** A new base and the establishments it serves. */
export type CreateBaseInput = {
  fields: BaseFieldsInput;
  /** The main establishment: its UAI keys the exports. */
  groupEstablishmentId: Scalars['ID']['input'];
  /** The other establishments of a cité scolaire. */
  otherEstablishmentIds?: Array<Scalars['ID']['input']>;
};

/** An establishment to create. */
export type CreateEstablishmentInput = {
  academy?: InputMaybe<Scalars['String']['input']>;
  /**
   * Keep a UAI whose check letter is wrong because the official directory
   * really uses it.
   */
  acknowledgeChecksumMismatch?: Scalars['Boolean']['input'];
  commune?: InputMaybe<Scalars['String']['input']>;
  kind: EstablishmentKind;
  name: Scalars['String']['input'];
  postalCode?: InputMaybe<Scalars['String']['input']>;
  status?: EstablishmentStatus;
  /** Platform administrators name the operator; others leave it empty. */
  tenantId?: InputMaybe<Scalars['ID']['input']>;
  uai: Scalars['String']['input'];
};

/** A source of models to register. */
export type CreateModelSourceInput = {
  /**
   * Kept for compatibility; `true` is refused unless the platform's
   * configuration already accepts plain http for every feed
   * (`models.allow_http`, test platforms). Which addresses a feed may be
   * fetched from is the platform operator's setting, never a source's.
   */
  allowHttpForTesting?: Scalars['Boolean']['input'];
  /** Cron expression with seconds, Europe/Paris; default every night at 03:00. */
  cron?: InputMaybe<Scalars['String']['input']>;
  /**
   * Empty: the operator's own list, edited in Relais. Otherwise the URL
   * of a `relais-models/1` feed, fetched on `cron`.
   */
  feedUrl?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  /** Platform administrators: empty offers the models to every operator. */
  tenantId?: InputMaybe<Scalars['ID']['input']>;
};

export type CreateTenantInput = {
  contactEmail: Scalars['String']['input'];
  /** Where helpdesk tickets go. */
  helpdeskEmail: Scalars['String']['input'];
  name: Scalars['String']['input'];
  /** 2 to 40 lower-case letters, digits and hyphens, e.g. `netocentre`. */
  slug: Scalars['String']['input'];
};

export type CreateUserInput = {
  displayName: Scalars['String']['input'];
  email: Scalars['String']['input'];
  /** At least 12 characters. */
  password: Scalars['String']['input'];
  role: Role;
  /**
   * The user's operator. Operator administrators may leave it empty (their
   * own); platform administrators must leave it empty only for another
   * platform administrator.
   */
  tenantId?: InputMaybe<Scalars['ID']['input']>;
};

/** A page of the dashboard. */
export type DashboardPage = {
  __typename?: 'DashboardPage';
  /** Pass it as `after` for the next page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  rows: Array<DashboardRow>;
};

/** One establishment on the dashboard. */
export type DashboardRow = {
  __typename?: 'DashboardRow';
  academy?: Maybe<Scalars['String']['output']>;
  /** Empty when no base serves the establishment. */
  baseId?: Maybe<Scalars['String']['output']>;
  /**
   * When « Tester l'authentification » last ran on the base; empty when
   * never run (or without a base).
   */
  casCheckedAt?: Maybe<Scalars['DateTime']['output']>;
  /** How that last check went. */
  casOutcome?: Maybe<CasCheckStatus>;
  closed: Scalars['Boolean']['output'];
  commune?: Maybe<Scalars['String']['output']>;
  /**
   * The department the UAI encodes: `41` for `0410017W`, `2A` for
   * `6200001G`, `971` for `9710001A`.
   */
  department: Scalars['String']['output'];
  /** Findings of the base that need action (errors and warnings). */
  diagnosticsCount: Scalars['Int']['output'];
  errors: Scalars['Int']['output'];
  establishmentId: Scalars['String']['output'];
  groupUai?: Maybe<Scalars['String']['output']>;
  /** Empty without a base. */
  hosting?: Maybe<Hosting>;
  /** Empty when the stored kind is unknown to this version. */
  kind?: Maybe<EstablishmentKind>;
  kindLabel: Scalars['String']['output'];
  /** The CAS configuration model the base applied. */
  model?: Maybe<Scalars['String']['output']>;
  modelStatus: ModelStatus;
  name: Scalars['String']['output'];
  /** Empty without a base. */
  publication?: Maybe<Publication>;
  schoolYear?: Maybe<Scalars['String']['output']>;
  uai: Scalars['String']['output'];
  /** Of `diagnosticsCount`, the warnings (`diagnosticsCount - errors`). */
  warnings: Scalars['Int']['output'];
};

export type DelegationSettings = {
  __typename?: 'DelegationSettings';
  casUrls?: Maybe<CasUrlsView>;
  /** The PRONOTE client may authenticate without asking the CAS server. */
  clientDirectAccess: Scalars['Boolean']['output'];
  /** The CAS attribute that identifies users; empty: the CAS Subject. */
  commonIdentifierAttribute?: Maybe<Scalars['String']['output']>;
  delegations: Delegations;
  /** Direct authentication by PRONOTE.net. */
  directAccess: DirectAccess;
  directAccessLabel: Scalars['String']['output'];
  /** The 9 espaces, in the console's order. */
  espaces: Array<EspaceSetting>;
  firstConnection: FirstConnection;
  /**
   * The PRONOTE client's own definition, entered in the PRONOTE server's
   * administration (« Déléguer l'authentification »), when it differs
   * from PRONOTE.net's; empty: the same values, entered in both places.
   */
  pronoteClient?: Maybe<ClientDelegation>;
};

/**
 * Complete delegation settings of a base. Espaces not listed are not
 * delegated (`AUCUNE`).
 */
export type DelegationSettingsInput = {
  casUrls?: InputMaybe<CasUrlsInput>;
  clientDirectAccess: Scalars['Boolean']['input'];
  /** Empty: the CAS Subject identifies users. */
  commonIdentifierAttribute?: InputMaybe<Scalars['String']['input']>;
  delegations: DelegationsInput;
  directAccess: DirectAccess;
  espaces: Array<EspaceSettingInput>;
  firstConnection: FirstConnectionInput;
  /**
   * The PRONOTE client's own definition (PRONOTE server's
   * administration) when it differs from PRONOTE.net's; empty: the same
   * values.
   */
  pronoteClient?: InputMaybe<ClientDelegationInput>;
};

/** Which delegation definitions are active. */
export type Delegations = {
  __typename?: 'Delegations';
  cas: Scalars['Boolean']['output'];
  eduConnect: Scalars['Boolean']['output'];
  wsFederation: Scalars['Boolean']['output'];
};

/** Which delegation definitions to activate. */
export type DelegationsInput = {
  cas: Scalars['Boolean']['input'];
  eduConnect?: Scalars['Boolean']['input'];
  wsFederation?: Scalars['Boolean']['input'];
};

/** Direct authentication by PRONOTE.net (`?login=true`). */
export type DirectAccess =
  | 'ALWAYS'
  | 'OFF'
  | 'WHEN_CAS_UNAVAILABLE';

/**
 * docs/domain.md §5: **complet** replaces each establishment's accounts with the
 * file's, **partiel** adds and updates.
 */
export type DirectoryImportModeName =
  | 'COMPLETE'
  | 'PARTIAL';

/** A base whose settings no longer match the model it applied. */
export type DriftedBase = {
  __typename?: 'DriftedBase';
  base: PronoteBase;
  drift: Array<FieldChange>;
  model: Scalars['String']['output'];
};

/** The report of an ENT accounts import. */
export type EntAccountsImportReport = {
  __typename?: 'EntAccountsImportReport';
  /** Accounts read from the file. */
  accounts: Scalars['Int']['output'];
  /**
   * Whether the accounts were written (false for a dry run or when a line
   * was refused: nothing is written then).
   */
  committed: Scalars['Boolean']['output'];
  /** One French message per refused line (`ligne 4, colonne nom : …`). */
  errors: Array<Scalars['String']['output']>;
  establishments: Array<EstablishmentAccountsCount>;
};

/** An ENT model of a list. */
export type EntModel = {
  __typename?: 'EntModel';
  clients: Array<ModelClientSettings>;
  description?: Maybe<Scalars['String']['output']>;
  documentationUrl?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  location: Scalars['String']['output'];
  name: Scalars['String']['output'];
  /** Bumped by every change of the model's values. */
  revision: Scalars['Int']['output'];
  sourceId: Scalars['ID']['output'];
  /**
   * The four test accounts recorded for this model (docs/domain.md §3); none for a
   * school administrator (they are the operator's).
   */
  testAccounts: Array<ModelTestAccount>;
  updatedAt: Scalars['DateTime']['output'];
  /**
   * The validation of the current revision with the test accounts; empty
   * when it was not validated since its last change.
   */
  validation?: Maybe<ModelValidation>;
  /** No longer in its list. */
  withdrawn: Scalars['Boolean']['output'];
};

/** The 9 espaces of PRONOTE.net. */
export type Espace =
  | 'ACADEMIE'
  | 'ACCOMPAGNANTS'
  | 'DIRECTION'
  | 'ELEVES'
  | 'ENTREPRISE'
  | 'PAGE_COMMUNE'
  | 'PARENTS'
  | 'PROFESSEURS'
  | 'VIE_SCOLAIRE';

/** Who authenticates the users of an espace; `AUCUNE`: PRONOTE itself. */
export type EspaceDelegation =
  | 'AUCUNE'
  | 'CAS'
  | 'EDU_CONNECT'
  | 'WS_FEDERATION';

/** The delegation of one espace. */
export type EspaceSetting = {
  __typename?: 'EspaceSetting';
  delegation: EspaceDelegation;
  /** « CAS », « Aucune »… */
  delegationLabel: Scalars['String']['output'];
  espace: Espace;
  /** « Espace Professeurs »… */
  label: Scalars['String']['output'];
};

/** The delegation of one espace. */
export type EspaceSettingInput = {
  delegation: EspaceDelegation;
  espace: Espace;
};

export type Establishment = {
  __typename?: 'Establishment';
  academy?: Maybe<Scalars['String']['output']>;
  /** The PRONOTE base serving the establishment, if any. */
  base?: Maybe<PronoteBase>;
  commune?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  kind: EstablishmentKind;
  /** French label of the kind. */
  kindLabel: Scalars['String']['output'];
  name: Scalars['String']['output'];
  postalCode?: Maybe<Scalars['String']['output']>;
  status: EstablishmentStatus;
  tenant?: Maybe<Tenant>;
  /** 7 digits and a check letter, e.g. `0410017W`. */
  uai: Scalars['String']['output'];
  /**
   * The check letter is wrong, and an operator confirmed the code as the
   * official directory writes it.
   */
  uaiChecksumAcknowledged: Scalars['Boolean']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

/** What the import did, or would do, to one establishment. */
export type EstablishmentAccountsCount = {
  __typename?: 'EstablishmentAccountsCount';
  created: Scalars['Int']['output'];
  removed: Scalars['Int']['output'];
  uai: Scalars['String']['output'];
  unchanged: Scalars['Int']['output'];
  updated: Scalars['Int']['output'];
};

export type EstablishmentConnection = {
  __typename?: 'EstablishmentConnection';
  /** A list of edges. */
  edges: Array<EstablishmentEdge>;
  /** A list of nodes. */
  nodes: Array<Establishment>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type EstablishmentEdge = {
  __typename?: 'EstablishmentEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Establishment;
};

/** Search criteria, combined with AND. */
export type EstablishmentFilterInput = {
  academy?: InputMaybe<Scalars['String']['input']>;
  /** Where the establishment stands with its PRONOTE base. */
  configuration?: InputMaybe<ConfigurationState>;
  kind?: InputMaybe<EstablishmentKind>;
  /** Words of the name, in any order; case and accents ignored. */
  name?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<EstablishmentStatus>;
  /** The first characters of the UAI, e.g. `041`. */
  uaiPrefix?: InputMaybe<Scalars['String']['input']>;
};

/** Kind of establishment. */
export type EstablishmentKind =
  | 'COLLEGE'
  | 'EREA'
  | 'LYCEE'
  | 'LYCEE_PROFESSIONNEL'
  | 'OTHER';

/** Whether the establishment is open. */
export type EstablishmentStatus =
  | 'CLOSED'
  | 'OPEN';

export type ExchangeSettings = {
  __typename?: 'ExchangeSettings';
  /** SHA-256 of Index-Education's public key (first 16 hex digits). */
  indexEducationKeyFingerprint?: Maybe<Scalars['String']['output']>;
  /** The partner id given by Index-Education (`Partenaire` of file A). */
  partnerId?: Maybe<Scalars['String']['output']>;
  partnerKeyFingerprint?: Maybe<Scalars['String']['output']>;
  /**
   * The partner's name (`Partenaire` of the container, `PARTENAIRE@NOM`
   * of PRONOTE's exports).
   */
  partnerName?: Maybe<Scalars['String']['output']>;
  /**
   * The partner's public key (PEM), to give to Index-Education so that
   * PRONOTE encrypts its exports for this operator.
   */
  partnerPublicKey?: Maybe<Scalars['String']['output']>;
  /**
   * Days an account-matching file is kept (the operator's or the
   * platform's default).
   */
  retentionAccountMatchingDays: Scalars['Int']['output'];
  retentionIdentifiersExportDays: Scalars['Int']['output'];
};

/** Changes to the exchange settings; omitted fields keep their value. */
export type ExchangeSettingsInput = {
  /** Index-Education's RSA public key (PEM), used to seal file A. */
  indexEducationPublicKeyPem?: InputMaybe<Scalars['String']['input']>;
  partnerId?: InputMaybe<Scalars['String']['input']>;
  partnerName?: InputMaybe<Scalars['String']['input']>;
  /**
   * The operator's RSA private key (PEM) for PRONOTE's exports. Stored
   * sealed; never shown again.
   */
  partnerPrivateKeyPem?: InputMaybe<Scalars['String']['input']>;
  /** 1 to 3650 days. */
  retentionAccountMatchingDays?: InputMaybe<Scalars['Int']['input']>;
  retentionIdentifiersExportDays?: InputMaybe<Scalars['Int']['input']>;
  /** Platform administrators name the operator. */
  tenantId?: InputMaybe<Scalars['ID']['input']>;
};

/**
 * docs/domain.md §5: existing identifiers are kept, or replaced when the ENT
 * changed.
 */
export type ExistingLinksPolicy =
  | 'KEEP'
  | 'REPLACE';

/** One changed field, old and new value as shown to people. */
export type FieldChange = {
  __typename?: 'FieldChange';
  client?: Maybe<ModelClient>;
  /** Stable code: `CAS_URLS`, `IDENTIFICATION_MODE`, `PROFILE_VALUES`… */
  field: Scalars['String']['output'];
  /** French label, e.g. « Valeurs du profil Élève ». */
  label: Scalars['String']['output'];
  new?: Maybe<Scalars['String']['output']>;
  old?: Maybe<Scalars['String']['output']>;
  /** One line in French: « PRONOTE.net — Attribut du prénom : prenom → givenName ». */
  summary: Scalars['String']['output'];
};

/** What a stored file is (docs/domain.md §4). */
export type FileKindName =
  /** (A) ENT → PRONOTE account-matching file, sealed for Index-Education. */
  | 'ACCOUNT_MATCHING'
  /** (B) PRONOTE → ENT identifier export, received and decrypted. */
  | 'IDENTIFIERS_EXPORT'
  /**
   * The PRONOTE identifier of each linked ENT account, for the ENT
   * (its `idPronote` attribute).
   */
  | 'PRONOTE_IDENTIFIERS'
  /** A file joined to a helpdesk ticket. */
  | 'TICKET_ATTACHMENT';

/** One finding of the diagnostics. */
export type Finding = {
  __typename?: 'Finding';
  /** Stable code, e.g. `CAS_URL_HTTP`. */
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
  severity: Severity;
  severityLabel: Scalars['String']['output'];
};

/** How many bases have a finding, per code (the tenant's dashboard). */
export type FindingCount = {
  __typename?: 'FindingCount';
  bases: Scalars['Int']['output'];
  code: Scalars['String']['output'];
  /** One example message. */
  example: Scalars['String']['output'];
  severityLabel: Scalars['String']['output'];
};

/** The first-connection identification mode. */
export type FirstConnection = {
  __typename?: 'FirstConnection';
  /** `IDENTITY` mode: the attributes read. */
  identity?: Maybe<IdentityAttributes>;
  label: Scalars['String']['output'];
  mode: FirstConnectionMode;
  /** `PRONOTE_IDENTIFIER` mode: the attribute carrying the identifier. */
  pronoteIdentifierAttribute?: Maybe<Scalars['String']['output']>;
};

/** The first-connection mode and, depending on it, its attributes. */
export type FirstConnectionInput = {
  birthDate?: InputMaybe<Scalars['String']['input']>;
  firstName?: InputMaybe<Scalars['String']['input']>;
  /**
   * `IDENTITY`: the attribute names the ENT's CAS releases (each ENT
   * names its own: `sn` or `nom`, `givenName` or `prenom`…), all
   * required but the postal code; the values of the profile attribute
   * for at least one profile.
   */
  lastName?: InputMaybe<Scalars['String']['input']>;
  mode: FirstConnectionMode;
  postalCode?: InputMaybe<Scalars['String']['input']>;
  profile?: InputMaybe<Scalars['String']['input']>;
  profileValues?: Array<ProfileValuesInput>;
  /** `PRONOTE_IDENTIFIER`: the attribute carrying the identifier (`idPronote`). */
  pronoteIdentifierAttribute?: InputMaybe<Scalars['String']['input']>;
};

/** How PRONOTE identifies a user at the first connection. */
export type FirstConnectionMode =
  /** CAS login, then PRONOTE login once. */
  | 'DOUBLE_AUTHENTICATION'
  /** From the CAS attributes: names, birth date, profile. */
  | 'IDENTITY'
  /** A CAS attribute carries the PRONOTE identifier. */
  | 'PRONOTE_IDENTIFIER'
  /** Unknown CAS identifiers are refused. */
  | 'REFUSE_ACCESS';

/**
 * The helpdesk dashboard (issue 6): open tickets by age, category,
 * academy, establishment; establishments with the most tickets; time to
 * first answer.
 */
export type HelpdeskDashboard = {
  __typename?: 'HelpdeskDashboard';
  /**
   * Tickets answered by the helpdesk, and the median and mean delay of
   * their first answer, in seconds.
   */
  answeredTickets: Scalars['Int']['output'];
  /** All tickets, most first (ten at most). */
  establishmentsWithMostTickets: Array<CountBy>;
  meanFirstAnswerSeconds?: Maybe<Scalars['Float']['output']>;
  medianFirstAnswerSeconds?: Maybe<Scalars['Float']['output']>;
  openByAcademy: Array<CountBy>;
  /** `LESS_THAN_1_DAY`, `1_TO_7_DAYS`, `MORE_THAN_7_DAYS`. */
  openByAge: Array<CountBy>;
  openByCategory: Array<CountBy>;
  /** Keyed by UAI, most first. */
  openByEstablishment: Array<CountBy>;
  openTickets: Scalars['Int']['output'];
};

/** Where the PRONOTE server runs. */
export type Hosting =
  | 'HOSTED'
  | 'SELF_HOSTED';

/** What Relais read in a PRONOTE identifiers export. */
export type IdentifiersExportResult = {
  __typename?: 'IdentifiersExportResult';
  /**
   * The PRONOTE base the users belong to (a cité scolaire's one base,
   * whichever of its establishments the export was uploaded for).
   */
  baseId: Scalars['ID']['output'];
  byCategory: Array<CategoryCount>;
  /** PRONOTE users added to the base's list for the rapprochement. */
  created: Scalars['Int']['output'];
  /** Links created for users whose CAS identifier PRONOTE already holds. */
  existingLinks: Scalars['Int']['output'];
  /**
   * The UAI the export covers: the base's group UAI for the whole base
   * (« Tous les établissements »), one member's for one establishment of
   * a cité scolaire.
   */
  exportUai: Scalars['String']['output'];
  file: StoredFile;
  /**
   * Links (rapprochements) removed with those users; more than zero only
   * with `confirmLinkRemoval`.
   */
  linksRemoved: Scalars['Int']['output'];
  /** PRONOTE users no longer in the export (mode complet only), with their links. */
  removed: Scalars['Int']['output'];
  /** PRONOTE users whose name, birth date, category or CAS identifier changed. */
  updated: Scalars['Int']['output'];
  users: Scalars['Int']['output'];
  /** Users PRONOTE lists without a CAS identifier yet. */
  withoutCasId: Scalars['Int']['output'];
};

/** The CAS attributes PRONOTE reads in identity mode. */
export type IdentityAttributes = {
  __typename?: 'IdentityAttributes';
  birthDate: Scalars['String']['output'];
  firstName: Scalars['String']['output'];
  lastName: Scalars['String']['output'];
  postalCode?: Maybe<Scalars['String']['output']>;
  profile: Scalars['String']['output'];
  profileValues: Array<ProfileValuesView>;
};

/** A CSV file of establishments to import. */
export type ImportEstablishmentsInput = {
  /** Import the valid lines even when others are rejected. */
  acceptRejectedLines?: Scalars['Boolean']['input'];
  /** UAIs whose wrong check letter is confirmed. */
  acknowledgeChecksumMismatch?: Array<Scalars['String']['input']>;
  /** False: a dry run that writes nothing and reports what would happen. */
  commit?: Scalars['Boolean']['input'];
  /** The file, base64-encoded (UTF-8 or Windows-1252, `;` or `,`). */
  contentBase64: Scalars['String']['input'];
  tenantId?: InputMaybe<Scalars['ID']['input']>;
};

/** One line of the file. */
export type ImportLine = {
  __typename?: 'ImportLine';
  /** Line number in the file (the header is line 1). */
  line: Scalars['Int']['output'];
  outcome: ImportLineOutcome;
  /** Why the line was rejected, in French. */
  reason?: Maybe<Scalars['String']['output']>;
  /** The UAI as written in the file. */
  uai?: Maybe<Scalars['String']['output']>;
};

/** What the import did, or would do, with one line. */
export type ImportLineOutcome =
  | 'CREATED'
  | 'REJECTED'
  | 'UNCHANGED'
  | 'UPDATED';

/** The report of an establishment import, line by line. */
export type ImportReport = {
  __typename?: 'ImportReport';
  /** Whether the changes were written (false for a dry run). */
  committed: Scalars['Boolean']['output'];
  created: Scalars['Int']['output'];
  /** The column separator found: `;`, `,` or a tab. */
  delimiter: Scalars['String']['output'];
  /** `UTF-8` or `Windows-1252`. */
  encoding: Scalars['String']['output'];
  lines: Array<ImportLine>;
  rejected: Scalars['Int']['output'];
  unchanged: Scalars['Int']['output'];
  updated: Scalars['Int']['output'];
};

/** A frequent case and its answer (docs/domain.md §7). */
export type KnownAnswerView = {
  __typename?: 'KnownAnswerView';
  answer: Scalars['String']['output'];
  code: Scalars['String']['output'];
  title: Scalars['String']['output'];
};

/** Where a link comes from. */
export type LinkOriginName =
  /** Proposed by the engine and validated. */
  | 'AUTOMATIC'
  /** The CAS identifier was already set in PRONOTE. */
  | 'EXISTING'
  /** Made by a person. */
  | 'MANUAL';

/** A change made by someone, in any process of the deployment. */
export type LiveEvent = {
  __typename?: 'LiveEvent';
  baseId?: Maybe<Scalars['ID']['output']>;
  establishmentId?: Maybe<Scalars['ID']['output']>;
  kind: LiveEventKind;
  modelId?: Maybe<Scalars['ID']['output']>;
  ticketId?: Maybe<Scalars['ID']['output']>;
};

/** What happened. */
export type LiveEventKind =
  /** A base was published or its publication stopped. */
  | 'BASE_PUBLICATION_CHANGED'
  /** A base's values or delegation settings changed. */
  | 'BASE_SETTINGS_CHANGED'
  /**
   * The subscriber fell behind and events were lost: refetch everything
   * shown.
   */
  | 'MISSED'
  /** A base took its model's settings. */
  | 'MODEL_UPDATE_APPLIED'
  /** A base's pending model update was dismissed. */
  | 'MODEL_UPDATE_DISMISSED'
  /** A model changed: bases that applied it have a pending update. */
  | 'MODEL_UPDATE_PENDING'
  /**
   * The subscription is live: every later change will be told. Sent
   * first; after a reconnection, refetch what is shown (changes made
   * while the socket was down were not told).
   */
  | 'STARTED'
  /** A ticket's status or assignee changed. */
  | 'TICKET_CHANGED'
  /** A comment was added to a ticket. */
  | 'TICKET_COMMENTED'
  /** A ticket was opened. */
  | 'TICKET_CREATED';

/** A candidate PRONOTE user of a proposal left to a person. */
export type MatchingCandidate = {
  __typename?: 'MatchingCandidate';
  pronoteId: Scalars['String']['output'];
  score: Scalars['Float']['output'];
};

/**
 * What the engine proposes for an ENT account: a link (`AUTO`), a
 * decision left to a person (`REVIEW`), or a duplicate account.
 */
export type MatchingDecision =
  | 'AUTO'
  | 'DUPLICATE'
  | 'REVIEW';

/** An ENT account as the matching screens show it. */
export type MatchingEntAccount = {
  __typename?: 'MatchingEntAccount';
  birthDate?: Maybe<Scalars['NaiveDate']['output']>;
  entId: Scalars['String']['output'];
  firstName: Scalars['String']['output'];
  lastName: Scalars['String']['output'];
};

/** A PRONOTE user as the matching screens show it. */
export type MatchingPronoteUser = {
  __typename?: 'MatchingPronoteUser';
  birthDate?: Maybe<Scalars['NaiveDate']['output']>;
  firstName: Scalars['String']['output'];
  lastName: Scalars['String']['output'];
  population: Population;
  pronoteId: Scalars['String']['output'];
};

/** What the engine proposes for one ENT account. */
export type MatchingProposal = {
  __typename?: 'MatchingProposal';
  /** Candidates, best first, for `REVIEW`. */
  candidates: Array<MatchingCandidate>;
  decision: MatchingDecision;
  entId: Scalars['String']['output'];
  population: Population;
  /** The PRONOTE user of an `AUTO` proposal. */
  pronoteId?: Maybe<Scalars['String']['output']>;
  /** For `REVIEW`: `HOMONYM`, `NEAR_TIE`, `LOW_SCORE` or `DUPLICATE`. */
  reason?: Maybe<Scalars['String']['output']>;
  score?: Maybe<Scalars['Float']['output']>;
};

/**
 * A line of the matching table: a PRONOTE user and its ENT account, if
 * linked.
 */
export type MatchingRow = {
  __typename?: 'MatchingRow';
  entAccount?: Maybe<MatchingEntAccount>;
  link?: Maybe<AccountLink>;
  pronoteUser: MatchingPronoteUser;
};

export type MatchingRun = {
  __typename?: 'MatchingRun';
  baseId: Scalars['ID']['output'];
  existingLinks: ExistingLinksPolicy;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** The engine's proposals, optionally of one population and decision. */
  proposals: Array<MatchingProposal>;
  startedAt: Scalars['DateTime']['output'];
  status: MatchingRunStatus;
  /** One step per population with something to decide. */
  steps: Array<MatchingStep>;
};


export type MatchingRunProposalsArgs = {
  decision?: InputMaybe<MatchingDecision>;
  population?: InputMaybe<Population>;
};

/** The state of a run. */
export type MatchingRunStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'IN_PROGRESS';

/** One population's step of a run. */
export type MatchingStep = {
  __typename?: 'MatchingStep';
  /** Links the engine proposes. */
  autoLinks: Scalars['Int']['output'];
  /** Duplicate ENT accounts. */
  duplicates: Scalars['Int']['output'];
  label: Scalars['String']['output'];
  /** Links created when the step was validated. */
  linksCreated?: Maybe<Scalars['Int']['output']>;
  population: Population;
  /** Accounts left to a person (homonyms, near ties, low scores). */
  reviews: Scalars['Int']['output'];
  status: MatchingStepStatus;
  validatedAt?: Maybe<Scalars['DateTime']['output']>;
};

/** The state of one population's step. */
export type MatchingStepStatus =
  | 'PENDING'
  | 'VALIDATED';

/** The supervision table of a base and its latest run. */
export type MatchingSupervision = {
  __typename?: 'MatchingSupervision';
  latestRun?: Maybe<MatchingRun>;
  populations: Array<PopulationSupervision>;
};

/** How one test account fared in a validation. */
export type ModelAccountResult = {
  __typename?: 'ModelAccountResult';
  declaredIdentifier: Scalars['String']['output'];
  login: Scalars['String']['output'];
  passed: Scalars['Boolean']['output'];
  profile: Profile;
  profileLabel: Scalars['String']['output'];
  /** What the CAS server returned (Subject or identifier attribute). */
  returnedIdentifier?: Maybe<Scalars['String']['output']>;
  steps: Array<CasCheckStep>;
};

/** The field-level changes of one model in a new version of its list. */
export type ModelChanges = {
  __typename?: 'ModelChanges';
  changes: Array<FieldChange>;
  model: Scalars['String']['output'];
};

/** A PRONOTE client a model gives settings for. */
export type ModelClient =
  | 'PRONOTE_CLIENT'
  | 'PRONOTE_NET';

/** What a model gives for one client, shown like a base's settings. */
export type ModelClientSettings = {
  __typename?: 'ModelClientSettings';
  /** Empty: one CAS address per establishment, typed by the school. */
  casLoginUrl?: Maybe<Scalars['String']['output']>;
  /** Empty: one CAS address per establishment, typed by the school. */
  casUrls?: Maybe<CasUrlsView>;
  casValidationUrl?: Maybe<Scalars['String']['output']>;
  client: ModelClient;
  /** The CAS attribute identifying users; empty: the CAS Subject. */
  commonIdentifierAttribute?: Maybe<Scalars['String']['output']>;
  /**
   * The mode with the attribute names the ENT's CAS releases and the
   * accepted profile values, visible before anyone applies the model.
   */
  firstConnection: FirstConnection;
  /** The mode's French label. */
  identificationMode: Scalars['String']['output'];
  label: Scalars['String']['output'];
};

/** One revision of a model. */
export type ModelRevisionView = {
  __typename?: 'ModelRevisionView';
  createdAt: Scalars['DateTime']['output'];
  revision: Scalars['Int']['output'];
};

/** A source of models: the tenant's own list, or a feed fetched by URL. */
export type ModelSource = {
  __typename?: 'ModelSource';
  /**
   * What the source was created with; it no longer changes how it is
   * fetched (the platform's configuration decides).
   * @deprecated Les adresses autorisées se règlent dans la configuration de la plateforme (models.allow_http, models.allowed_networks).
   */
  allowHttpForTesting: Scalars['Boolean']['output'];
  /** When the feed is fetched (cron, Europe/Paris). */
  cron?: Maybe<Scalars['String']['output']>;
  /**
   * `MODEL_FEED_FAILED` when the last fetch failed, `MODEL_FEED_NEVER_FETCHED`
   * for a feed never read successfully.
   */
  findings: Array<Finding>;
  id: Scalars['ID']['output'];
  /** `OWN` or `FEED`. */
  kind: Scalars['String']['output'];
  /** The last failure, in French; the catalog kept its last good version. */
  lastError?: Maybe<Scalars['String']['output']>;
  lastFetchedAt?: Maybe<Scalars['DateTime']['output']>;
  lastSuccessAt?: Maybe<Scalars['DateTime']['output']>;
  name: Scalars['String']['output'];
  /** Published by the platform to every operator. */
  offeredToAll: Scalars['Boolean']['output'];
  url?: Maybe<Scalars['String']['output']>;
};

/** Where a base stands with its model. */
export type ModelStatus =
  /** The settings came from the model; no update waits. */
  | 'APPLIED'
  /** No base, or settings entered without a model. */
  | 'NO_MODEL'
  /** The model changed: an update waits for a person. */
  | 'UPDATE_PENDING'
  /** The model was withdrawn from its list. */
  | 'WITHDRAWN';

/** One of a model's test accounts; the password is never shown again. */
export type ModelTestAccount = {
  __typename?: 'ModelTestAccount';
  /** The CAS identifier the integrator declared for it. */
  casIdentifier: Scalars['String']['output'];
  /** The login typed on the CAS form (`PronoteEleve`…). */
  login: Scalars['String']['output'];
  /** A password is recorded (it is never given back). */
  passwordSet: Scalars['Boolean']['output'];
  profile: Profile;
  profileLabel: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

/** One of the four test accounts of docs/domain.md §3. */
export type ModelTestAccountInput = {
  /** The CAS identifier the integrator declares for this account. */
  casIdentifier: Scalars['String']['input'];
  /**
   * The login typed on the CAS form; default the brief's
   * (`PronotePersonnel`, `PronoteProfesseur`, `PronoteEleve`, `PronoteParent`).
   */
  login?: InputMaybe<Scalars['String']['input']>;
  /** Stored encrypted, never shown again. */
  password: Scalars['String']['input'];
  /** `PERSONNEL`, `PROFESSEUR`, `ELEVE` or `PARENT`. */
  profile: Profile;
};

/** A base and the version the operator read it at. */
export type ModelUpdateItemInput = {
  baseId: Scalars['ID']['input'];
  /** The base's `version` as read: a base changed since is not touched. */
  expectedVersion: Scalars['Int']['input'];
};

/** One base's outcome. */
export type ModelUpdateOutcome = {
  __typename?: 'ModelUpdateOutcome';
  baseId: Scalars['ID']['output'];
  /**
   * The error code when refused (`CONFLICT`, `NOT_FOUND`…), as the API
   * would answer it for this base alone.
   */
  code?: Maybe<Scalars['String']['output']>;
  /** Empty when the base is not visible (`NOT_FOUND`). */
  groupUai?: Maybe<Scalars['String']['output']>;
  /** Why it was refused, in French. */
  message?: Maybe<Scalars['String']['output']>;
  status: ModelUpdateOutcomeStatus;
  /**
   * The base's version after the action (its version now when refused
   * for a stale version).
   */
  version?: Maybe<Scalars['Int']['output']>;
};

/** What became of one base of a bulk action. */
export type ModelUpdateOutcomeStatus =
  /** The model's current values replaced the base's. */
  | 'APPLIED'
  /** The pending update was dropped; the settings are unchanged. */
  | 'DISMISSED'
  /** Nothing was written for this base: `code` and `message` say why. */
  | 'REFUSED';

/** How many bases use a model, and where they stand. */
export type ModelUsage = {
  __typename?: 'ModelUsage';
  /** Bases whose settings came from this model. */
  bases: Scalars['Int']['output'];
  model: EntModel;
  /** Of which with an update waiting for a person. */
  pendingUpdates: Scalars['Int']['output'];
};

/** The validation of a model revision with its four test accounts. */
export type ModelValidation = {
  __typename?: 'ModelValidation';
  accounts: Array<ModelAccountResult>;
  /**
   * All four accounts logged in, with the declared identifiers and the
   * attributes the identification mode needs.
   */
  passed: Scalars['Boolean']['output'];
  revision: Scalars['Int']['output'];
  /** The service the accounts logged in to. */
  serviceUrl: Scalars['String']['output'];
  validatedAt: Scalars['DateTime']['output'];
  validatedBy?: Maybe<Scalars['String']['output']>;
};

/** A `modelsFeed` export checked against Index-Education's schema. */
export type ModelsFeedCheck = {
  __typename?: 'ModelsFeedCheck';
  checked: Scalars['Boolean']['output'];
  /** Every error, in French with its line. */
  errors: Array<SchemaIssueView>;
  /** The checked document, as `modelsFeed` returns it. */
  feed: Scalars['String']['output'];
  /** The schema used; empty: the operator gave none, nothing was checked. */
  schema?: Maybe<ModelsSchema>;
  /** Checked and without error. */
  valid: Scalars['Boolean']['output'];
};

/**
 * The operator's copy of Index-Education's `ModelesConfiguration_CAS.xsd`
 * (not public; its content is not shown).
 */
export type ModelsSchema = {
  __typename?: 'ModelsSchema';
  fileName: Scalars['String']['output'];
  /** SHA-256 of the file, hexadecimal. */
  sha256: Scalars['String']['output'];
  uploadedAt: Scalars['DateTime']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Copies a model's values into the base's settings (while the base is
   * stopped). Values already entered are replaced only with
   * `confirmOverwrite: true`.
   */
  applyModel: ApplyModelResult;
  /**
   * Applies the pending model update: the model's current values replace
   * the base's (the person saw the diff).
   */
  applyModelUpdate: ApplyModelResult;
  /**
   * Operator administrators: applies the pending model update of each
   * base (at most 100 per call), each in its own transaction, when the
   * base is still at `expectedVersion` and stopped. Answers one outcome
   * per base, in the order given.
   */
  applyModelUpdates: Array<ModelUpdateOutcome>;
  /**
   * Puts the advised settings of the ENT's model on the base (the base
   * must not be published): every espace delegated to CAS, direct
   * authentication only when the CAS server does not answer, and the
   * model's values for both clients — its identifier, CAS addresses,
   * identification mode and attribute names (each ENT names its own,
   * there is no default set). The model is `modelId`, else the one the
   * base applied, else the operator's default model (`setDefaultModel`);
   * none: `VALIDATION` on `modelId`. `casRoot` only when the model leaves
   * the CAS address to the school. The base then follows the model
   * (pending updates, drift).
   */
  applyRecommendedSettings: PronoteBase;
  /** Helpdesk: gives the ticket to an agent of the operator. */
  assignTicket: Ticket;
  /**
   * Joins a file to a ticket (a screenshot, a log…): kept encrypted like
   * every file, limited to `storage.upload_max_bytes`.
   */
  attachToTicket: StoredFile;
  /** Cancels a run: the steps already validated keep their links. */
  cancelMatching: MatchingRun;
  /**
   * Changes the caller's own password. The current one is required; the
   * new one follows `passwordRules`. Every other session of the account
   * is closed (other devices must log in again); the answer holds this
   * device's new tokens.
   */
  changePassword: AuthPayload;
  /** Helpdesk: moves a ticket to another status; the requester is told. */
  changeTicketStatus: Ticket;
  /** Adds a comment; the other side is told by e-mail. */
  commentTicket: Ticket;
  /**
   * Operator administrators. The base starts unpublished, with nothing
   * delegated yet.
   */
  createBase: PronoteBase;
  /**
   * Operator administrators (and platform administrators, naming the
   * operator).
   */
  createEstablishment: Establishment;
  createModelSource: ModelSource;
  /** Platform administrators only. */
  createTenant: Tenant;
  /**
   * Creates an account. Operator administrators create accounts in their
   * operator only, and never platform administrators.
   */
  createUser: User;
  /**
   * Operator administrators: forgets the schema of models; answers
   * whether there was one.
   */
  deleteModelsSchema: Scalars['Boolean']['output'];
  /** « Supprimer le fichier exporté » : deletes a stored file at once. */
  deleteStoredFile: Scalars['ID']['output'];
  /**
   * Deletes an account; its access tokens stop working within seconds.
   * What it did stays in the audit log. Same permissions as
   * `setUserDisabled`.
   */
  deleteUser: Scalars['Boolean']['output'];
  /** Keeps the base's settings and drops the pending model update. */
  dismissModelUpdate: Scalars['Boolean']['output'];
  /**
   * Operator administrators: drops the pending model update of each
   * base (at most 100 per call) still at `expectedVersion`; the
   * settings stay as they are. One outcome per base, in the order given.
   */
  dismissModelUpdates: Array<ModelUpdateOutcome>;
  /**
   * Builds the account-matching file (A) of an establishment — of its
   * whole cité scolaire when its base serves several — sealed for
   * Index-Education, named `<UAI>.xml`, kept encrypted until its
   * retention ends.
   */
  generateAccountMatchingFile: StoredFile;
  /**
   * The PRONOTE identifier of each linked ENT account, as a CSV file for
   * the ENT (its `idPronote` attribute), kept encrypted like the other
   * exchanged files.
   */
  generatePronoteIdentifiersFile: StoredFile;
  /** Lets a school administrator see and manage an establishment. */
  grantEstablishment: Scalars['Boolean']['output'];
  /**
   * Imports ENT accounts (CSV). Accounts are attached to the
   * establishments of their `uai` column, or to `establishmentId` when the
   * column is empty. Any refused line refuses the whole file.
   */
  importEntAccounts: EntAccountsImportReport;
  /**
   * Imports (upserts by UAI) a CSV of establishments. Run it first with
   * `commit: false` to read the report.
   */
  importEstablishments: ImportReport;
  /**
   * Replaces the models of an operator's own list with a `relais-models/1`
   * document. Bases are not touched: those whose model changed get a
   * pending update.
   */
  importModels: RefreshReport;
  /** Links by hand a PRONOTE user to an ENT account of its population. */
  linkAccounts: AccountLink;
  /** Opens a session. Attempts are limited per account and per address. */
  login: AuthPayload;
  /**
   * Closes the session the refresh token belongs to. Answers `true` when a
   * session was closed.
   */
  logout: Scalars['Boolean']['output'];
  /**
   * Operator administrators: serves an establishment by another base
   * (cité scolaire), audited. Answers the receiving base.
   */
  moveEstablishment: PronoteBase;
  /**
   * Opens a ticket for an establishment: the base's settings and
   * diagnostics are attached as they are now; the helpdesk receives an
   * e-mail `ENT_Pronote — <UAI> — <title>`, the requester an
   * acknowledgement.
   */
  openTicket: Ticket;
  /**
   * Records the registry as it stands as exported to the ENT's CAS
   * server: later changes of a base show as its diff and diagnostic.
   * `digest` (from the archive's LISEZMOI.txt) refuses with `CONFLICT`
   * when the registry changed since it was downloaded. Operator
   * administrators; audited.
   */
  recordCasRegistryExport: CasRegistry;
  /** « Actualiser »: fetches the feed now. */
  refreshModelFeed: RefreshReport;
  /** Exchanges a refresh token (single use) for new tokens. */
  refreshSession: AuthPayload;
  /**
   * E-mails the account a single-use link to choose a new password
   * (valid `auth.password_reset_minutes`), to its own address, through
   * the outbox; the password itself is never sent nor shown. Same
   * permissions as `createUser`. The current password keeps working
   * until the link is used.
   */
  requestPasswordReset: Scalars['Boolean']['output'];
  /**
   * Operator administrators: « Renvoyer » a `FAILED` e-mail of the
   * tenant once its cause is fixed. It goes back in the queue, due at
   * once, with its attempts counted afresh; audited. A message that is
   * not `FAILED` is a `CONFLICT`.
   */
  requeueOutboxMessage: OutboxMessageView;
  /**
   * Rentrée (docs/domain.md §6, « supprimer tous les identifiants CAS »): deletes
   * every link of the given populations of the base. `confirmation` must
   * be the word `SUPPRIMER`. Returns the number of links deleted.
   */
  resetAccountLinks: Scalars['Int']['output'];
  /**
   * Sets a new password with the token of a reset link (e-mailed by
   * `requestPasswordReset` or `relais admin reset-password`). The link
   * serves once; every session of the account is closed.
   */
  resetPassword: Scalars['Boolean']['output'];
  /** Answers whether a grant was removed. */
  revokeEstablishment: Scalars['Boolean']['output'];
  /**
   * Replaces the ENT's internal attribute names that differ from those
   * PRONOTE reads (the release is then a mapping). An empty list: the
   * same names. Operator administrators; audited.
   */
  setCasRegistryAttributeMapping: CasRegistry;
  /**
   * Operator administrators: the ENT model the operator's recommended
   * settings come from when a base names none (`applyRecommendedSettings`):
   * one of the models the operator sees, not withdrawn. Without
   * `modelId`, the default is cleared.
   */
  setDefaultModel?: Maybe<EntModel>;
  /**
   * Records the CAS identifiers and passwords of a model's test accounts
   * (one or several of the four; others are kept). Passwords are stored
   * encrypted and never shown again.
   */
  setModelTestAccounts: Array<ModelTestAccount>;
  /**
   * Publishes the base, or stops its publication (« Arrêter la
   * publication ») before a change of settings.
   */
  setPublication: PronoteBase;
  /**
   * Disables an account (`disabled: true`) or enables it again. A
   * disabled account cannot log in, its sessions are closed and its
   * access tokens stop working within seconds. Same permissions as
   * `createUser`; nobody disables their own account.
   */
  setUserDisabled: User;
  /**
   * Runs the engine over the base's ENT accounts and PRONOTE users and
   * keeps its proposals as a run: nothing is linked until a step is
   * validated. `existingLinks`: `KEEP` leaves linked users out, `REPLACE`
   * re-matches them (when the ENT changed).
   */
  startMatching: MatchingRun;
  /**
   * Rentrée (docs/domain.md §6): the base moves to a later school year, with the
   * PRONOTE version the ENT must expect, and starts unpublished.
   */
  startSchoolYear: PronoteBase;
  /**
   * « Tester l'authentification »: checks the base's CAS settings against
   * the real CAS server (login page, form, validation endpoint; with
   * `credentials`, a full login, the ticket and the attributes). The
   * result is kept with the base (`PronoteBase.casCheck`, diagnostics).
   */
  testCasSettings: CasCheck;
  /** Undoes the link of a PRONOTE user. */
  unlinkAccount: AccountLink;
  /** Changes a base's own values (hosting, version, URLs). */
  updateBase: PronoteBase;
  /**
   * Replaces the delegation settings. The base must not be published
   * (docs/domain.md §2) and `version` must be the one read.
   */
  updateDelegationSettings: PronoteBase;
  updateEstablishment: Establishment;
  /**
   * Operator administrators: partner id and name, Index-Education's
   * public key, the operator's key pair, retention.
   */
  updateExchangeSettings: ExchangeSettings;
  /**
   * Platform administrators, and operator administrators for their own
   * operator.
   */
  updateTenant: Tenant;
  /**
   * Receives PRONOTE's identifiers export (`EXPORT_INDEX_EDUCATION`
   * container) for an establishment: decrypted with the operator's key,
   * checked, read, and kept encrypted. Nothing is kept when it fails.
   * The export must be the one of the base serving the establishment:
   * its UAI is the base's group UAI (a cité's « Tous les
   * établissements ») or one of its establishments', otherwise
   * `INVALID_FILE` with reason `EXPORT_WRONG_ESTABLISHMENT`. Its users
   * become the base's PRONOTE users for the rapprochement (a cité
   * scolaire's users once): `COMPLETE` (a full export, at the start of
   * the year) replaces those of its scope, `PARTIAL` (« uniquement les
   * utilisateurs sans identifiants CAS ») adds to them. A complete export
   * that would remove links is refused (`CONFLICT` on
   * `confirmLinkRemoval`, `extensions.count` = the links) unless
   * `confirmLinkRemoval: true`.
   */
  uploadIdentifiersExport: IdentifiersExportResult;
  /**
   * Operator administrators: keeps the copy of Index-Education's schema
   * of models (`ModelesConfiguration_CAS.xsd`, given by Index-Education
   * to integrators, not public) that `checkModelsFeed` checks the
   * operator's list against. The file must be an XSD xmllint compiles
   * (`INVALID_FILE`, reason `SCHEMA_INVALID`, otherwise).
   */
  uploadModelsSchema: ModelsSchema;
  /**
   * Validates one population's step: its automatic proposals become
   * links.
   */
  validateMatchingStep: MatchingStep;
  /**
   * Validates the model's current revision with its four test accounts,
   * as Index-Education does: each logs in through the model's CAS
   * settings for `serviceUrl` (default: `cas_check.model_validation_service_url`),
   * and the returned identifier and attributes are checked. The result
   * is kept with the revision (`EntModel.validation`).
   */
  validateModel: ModelValidation;
};


export type MutationApplyModelArgs = {
  baseId: Scalars['ID']['input'];
  confirmOverwrite?: Scalars['Boolean']['input'];
  expectedVersion: Scalars['Int']['input'];
  modelId: Scalars['ID']['input'];
};


export type MutationApplyModelUpdateArgs = {
  baseId: Scalars['ID']['input'];
  expectedVersion: Scalars['Int']['input'];
};


export type MutationApplyModelUpdatesArgs = {
  items: Array<ModelUpdateItemInput>;
};


export type MutationApplyRecommendedSettingsArgs = {
  baseId: Scalars['ID']['input'];
  casRoot?: InputMaybe<Scalars['String']['input']>;
  modelId?: InputMaybe<Scalars['ID']['input']>;
  version: Scalars['Int']['input'];
};


export type MutationAssignTicketArgs = {
  assigneeId: Scalars['ID']['input'];
  ticketId: Scalars['ID']['input'];
};


export type MutationAttachToTicketArgs = {
  file: Scalars['Upload']['input'];
  ticketId: Scalars['ID']['input'];
};


export type MutationCancelMatchingArgs = {
  runId: Scalars['ID']['input'];
};


export type MutationChangePasswordArgs = {
  currentPassword: Scalars['String']['input'];
  newPassword: Scalars['String']['input'];
};


export type MutationChangeTicketStatusArgs = {
  status: TicketStatusName;
  ticketId: Scalars['ID']['input'];
};


export type MutationCommentTicketArgs = {
  body: Scalars['String']['input'];
  ticketId: Scalars['ID']['input'];
};


export type MutationCreateBaseArgs = {
  input: CreateBaseInput;
};


export type MutationCreateEstablishmentArgs = {
  input: CreateEstablishmentInput;
};


export type MutationCreateModelSourceArgs = {
  input: CreateModelSourceInput;
};


export type MutationCreateTenantArgs = {
  input: CreateTenantInput;
};


export type MutationCreateUserArgs = {
  input: CreateUserInput;
};


export type MutationDeleteModelsSchemaArgs = {
  tenantId?: InputMaybe<Scalars['ID']['input']>;
};


export type MutationDeleteStoredFileArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteUserArgs = {
  userId: Scalars['ID']['input'];
};


export type MutationDismissModelUpdateArgs = {
  baseId: Scalars['ID']['input'];
};


export type MutationDismissModelUpdatesArgs = {
  items: Array<ModelUpdateItemInput>;
};


export type MutationGenerateAccountMatchingFileArgs = {
  establishmentId: Scalars['ID']['input'];
};


export type MutationGeneratePronoteIdentifiersFileArgs = {
  baseId: Scalars['ID']['input'];
};


export type MutationGrantEstablishmentArgs = {
  establishmentId: Scalars['ID']['input'];
  userId: Scalars['ID']['input'];
};


export type MutationImportEntAccountsArgs = {
  dryRun?: Scalars['Boolean']['input'];
  establishmentId?: InputMaybe<Scalars['ID']['input']>;
  file: Scalars['Upload']['input'];
  mode?: DirectoryImportModeName;
};


export type MutationImportEstablishmentsArgs = {
  input: ImportEstablishmentsInput;
};


export type MutationImportModelsArgs = {
  feedXml: Scalars['String']['input'];
  sourceId: Scalars['ID']['input'];
};


export type MutationLinkAccountsArgs = {
  baseId: Scalars['ID']['input'];
  entId: Scalars['String']['input'];
  pronoteId: Scalars['String']['input'];
};


export type MutationLoginArgs = {
  email: Scalars['String']['input'];
  password: Scalars['String']['input'];
};


export type MutationLogoutArgs = {
  refreshToken: Scalars['String']['input'];
};


export type MutationMoveEstablishmentArgs = {
  baseId: Scalars['ID']['input'];
  establishmentId: Scalars['ID']['input'];
};


export type MutationOpenTicketArgs = {
  input: OpenTicketInput;
};


export type MutationRecordCasRegistryExportArgs = {
  digest?: InputMaybe<Scalars['String']['input']>;
  tenantId?: InputMaybe<Scalars['ID']['input']>;
};


export type MutationRefreshModelFeedArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRefreshSessionArgs = {
  refreshToken: Scalars['String']['input'];
};


export type MutationRequestPasswordResetArgs = {
  userId: Scalars['ID']['input'];
};


export type MutationRequeueOutboxMessageArgs = {
  id: Scalars['ID']['input'];
};


export type MutationResetAccountLinksArgs = {
  baseId: Scalars['ID']['input'];
  confirmation: Scalars['String']['input'];
  populations: Array<Population>;
};


export type MutationResetPasswordArgs = {
  newPassword: Scalars['String']['input'];
  token: Scalars['String']['input'];
};


export type MutationRevokeEstablishmentArgs = {
  establishmentId: Scalars['ID']['input'];
  userId: Scalars['ID']['input'];
};


export type MutationSetCasRegistryAttributeMappingArgs = {
  mapping: Array<CasAttributeMappingInput>;
  tenantId?: InputMaybe<Scalars['ID']['input']>;
};


export type MutationSetDefaultModelArgs = {
  modelId?: InputMaybe<Scalars['ID']['input']>;
  tenantId?: InputMaybe<Scalars['ID']['input']>;
};


export type MutationSetModelTestAccountsArgs = {
  accounts: Array<ModelTestAccountInput>;
  modelId: Scalars['ID']['input'];
};


export type MutationSetPublicationArgs = {
  baseId: Scalars['ID']['input'];
  publication: Publication;
  version: Scalars['Int']['input'];
};


export type MutationSetUserDisabledArgs = {
  disabled: Scalars['Boolean']['input'];
  userId: Scalars['ID']['input'];
};


export type MutationStartMatchingArgs = {
  baseId: Scalars['ID']['input'];
  existingLinks?: ExistingLinksPolicy;
};


export type MutationStartSchoolYearArgs = {
  baseId: Scalars['ID']['input'];
  pronoteVersion?: InputMaybe<Scalars['Int']['input']>;
  schoolYear: Scalars['String']['input'];
  version: Scalars['Int']['input'];
};


export type MutationTestCasSettingsArgs = {
  baseId: Scalars['ID']['input'];
  credentials?: InputMaybe<CasTestCredentialsInput>;
};


export type MutationUnlinkAccountArgs = {
  baseId: Scalars['ID']['input'];
  pronoteId: Scalars['String']['input'];
};


export type MutationUpdateBaseArgs = {
  fields: BaseFieldsInput;
  id: Scalars['ID']['input'];
  version: Scalars['Int']['input'];
};


export type MutationUpdateDelegationSettingsArgs = {
  baseId: Scalars['ID']['input'];
  settings: DelegationSettingsInput;
  version: Scalars['Int']['input'];
};


export type MutationUpdateEstablishmentArgs = {
  id: Scalars['ID']['input'];
  input: UpdateEstablishmentInput;
};


export type MutationUpdateExchangeSettingsArgs = {
  input: ExchangeSettingsInput;
};


export type MutationUpdateTenantArgs = {
  id: Scalars['ID']['input'];
  input: UpdateTenantInput;
};


export type MutationUploadIdentifiersExportArgs = {
  confirmLinkRemoval?: Scalars['Boolean']['input'];
  establishmentId: Scalars['ID']['input'];
  file: Scalars['Upload']['input'];
  mode?: DirectoryImportModeName;
};


export type MutationUploadModelsSchemaArgs = {
  file: Scalars['Upload']['input'];
  tenantId?: InputMaybe<Scalars['ID']['input']>;
};


export type MutationValidateMatchingStepArgs = {
  population: Population;
  runId: Scalars['ID']['input'];
};


export type MutationValidateModelArgs = {
  modelId: Scalars['ID']['input'];
  serviceUrl?: InputMaybe<Scalars['String']['input']>;
};

export type OpenTicketInput = {
  category: TicketCategoryName;
  /**
   * Another address the helpdesk may use, shown to it in the ticket and
   * its e-mail; Relais never writes to it by itself (acknowledgement and
   * follow-ups go to the requester's account address).
   */
  contactEmail?: InputMaybe<Scalars['String']['input']>;
  contactPhone?: InputMaybe<Scalars['String']['input']>;
  description: Scalars['String']['input'];
  establishmentId: Scalars['ID']['input'];
  /** One line, 200 characters at most. */
  title: Scalars['String']['input'];
};

/** An e-mail of the outbox: where it stands, and why it failed. */
export type OutboxMessageView = {
  __typename?: 'OutboxMessageView';
  attempts: Scalars['Int']['output'];
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** `TICKET_OPENED`, `TICKET_COMMENTED`… */
  kind: Scalars['String']['output'];
  lastError?: Maybe<Scalars['String']['output']>;
  messageId: Scalars['String']['output'];
  nextAttemptAt: Scalars['DateTime']['output'];
  sentAt?: Maybe<Scalars['DateTime']['output']>;
  status: OutboxStatusName;
  subject: Scalars['String']['output'];
  to: Array<Scalars['String']['output']>;
};

export type OutboxMessageViewConnection = {
  __typename?: 'OutboxMessageViewConnection';
  /** A list of edges. */
  edges: Array<OutboxMessageViewEdge>;
  /** A list of nodes. */
  nodes: Array<OutboxMessageView>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type OutboxMessageViewEdge = {
  __typename?: 'OutboxMessageViewEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: OutboxMessageView;
};

export type OutboxStatusName =
  | 'FAILED'
  | 'PENDING'
  | 'SENT';

/** Information about pagination in a connection */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** When paginating forwards, the cursor to continue. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** When paginating forwards, are there more items? */
  hasNextPage: Scalars['Boolean']['output'];
  /** When paginating backwards, are there more items? */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** When paginating backwards, the cursor to continue. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** What a new password must be. */
export type PasswordRules = {
  __typename?: 'PasswordRules';
  maxLength: Scalars['Int']['output'];
  /** In characters. */
  minLength: Scalars['Int']['output'];
  /** The rules, one sentence each, in French. */
  rules: Array<Scalars['String']['output']>;
};

/** A model update waiting for a person: the base's settings are untouched. */
export type PendingModelUpdate = {
  __typename?: 'PendingModelUpdate';
  changes: Array<FieldChange>;
  fromRevision: Scalars['Int']['output'];
  since: Scalars['DateTime']['output'];
  /** Empty: the model was withdrawn from its list. */
  toRevision?: Maybe<Scalars['Int']['output']>;
  withdrawn: Scalars['Boolean']['output'];
};

/** A base with a model update waiting, as the bulk screen lists it. */
export type PendingModelUpdateRow = {
  __typename?: 'PendingModelUpdateRow';
  baseId: Scalars['ID']['output'];
  /** The labels of the fields the update changes. */
  changes: Array<Scalars['String']['output']>;
  /** The establishments served, `UAI — name`, by UAI. */
  establishments: Array<Scalars['String']['output']>;
  fromRevision: Scalars['Int']['output'];
  groupUai: Scalars['String']['output'];
  modelId: Scalars['ID']['output'];
  modelName: Scalars['String']['output'];
  publication: Publication;
  since: Scalars['DateTime']['output'];
  /** Empty: the model was withdrawn from its list. */
  toRevision?: Maybe<Scalars['Int']['output']>;
  /** The base's version: send it back with `applyModelUpdates`. */
  version: Scalars['Int']['output'];
  withdrawn: Scalars['Boolean']['output'];
};

export type PendingModelUpdateRowConnection = {
  __typename?: 'PendingModelUpdateRowConnection';
  /** A list of edges. */
  edges: Array<PendingModelUpdateRowEdge>;
  /** A list of nodes. */
  nodes: Array<PendingModelUpdateRow>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type PendingModelUpdateRowEdge = {
  __typename?: 'PendingModelUpdateRowEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: PendingModelUpdateRow;
};

/** A population of the supervision table (docs/domain.md §5). */
export type Population =
  /** Élèves. */
  | 'ELEVE'
  /** Inspecteurs. */
  | 'INSPECTEUR'
  /** Maîtres de stage. */
  | 'MAITRE_DE_STAGE'
  /** Personnels. */
  | 'PERSONNEL'
  /** Professeurs. */
  | 'PROFESSEUR'
  /** Parents (responsables). */
  | 'RESPONSABLE';

/** One line of the supervision table. */
export type PopulationSupervision = {
  __typename?: 'PopulationSupervision';
  /** Utilisateurs CAS (ENT accounts). */
  entAccounts: Scalars['Int']['output'];
  /** Utilisateurs CAS à rapprocher. */
  entToLink: Scalars['Int']['output'];
  /** « Élèves », « Parents »… */
  label: Scalars['String']['output'];
  /** Utilisateurs rapprochés. */
  linked: Scalars['Int']['output'];
  population: Population;
  /** Utilisateurs PRONOTE. */
  pronoteUsers: Scalars['Int']['output'];
};

/** A PRONOTE profile (user type). */
export type Profile =
  | 'ELEVE'
  | 'INSPECTEUR'
  | 'MAITRE_DE_STAGE'
  | 'PARENT'
  | 'PERSONNEL'
  | 'PROFESSEUR';

/** ENT accounts of an establishment, per profile. */
export type ProfileCount = {
  __typename?: 'ProfileCount';
  accounts: Scalars['Int']['output'];
  /** `ELEVE`, `RESPONSABLE`, `ENSEIGNANT`, `PERSONNEL`… */
  profile: Scalars['String']['output'];
};

/** Accepted values for one profile, `;`-separated (`National_1;Eleve`). */
export type ProfileValuesInput = {
  profile: Profile;
  values: Scalars['String']['input'];
};

/** The accepted values of the profile attribute for one PRONOTE profile. */
export type ProfileValuesView = {
  __typename?: 'ProfileValuesView';
  label: Scalars['String']['output'];
  profile: Profile;
  values: Array<Scalars['String']['output']>;
};

export type PronoteBase = {
  __typename?: 'PronoteBase';
  /** `<CAS login URL>?service=<public URL>/`. */
  casAuthenticationLink?: Maybe<Scalars['String']['output']>;
  /** The latest « Tester l'authentification » (`testCasSettings`). */
  casCheck?: Maybe<CasCheck>;
  /**
   * The base's service in the ENT's CAS registry (issue 21): the entry
   * its settings give now, or why it has none; the entry last exported
   * and what changed since.
   */
  casRegistry: BaseCasRegistry;
  /** `<CAS validation URL>?TARGET=<public URL>/`. */
  casValidationLink?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  /** What is wrong or risky, in a stable order (docs/diagnostics.md). */
  diagnostics: Array<Finding>;
  /** Direct access with PRONOTE credentials (`?login=true`). */
  directAccessUrl?: Maybe<Scalars['String']['output']>;
  /** The ENT has distributed its credentials to the users. */
  entCredentialsDistributed: Scalars['Boolean']['output'];
  /** The establishments served, by UAI. */
  establishments: Array<Establishment>;
  /** The UAI exports are keyed by: the main establishment's. */
  groupUai: Scalars['String']['output'];
  hosting: Hosting;
  hostingLabel: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** The model the settings came from, its pending update and the drift. */
  model?: Maybe<BaseModelStatus>;
  /** PRONOTE release (year). */
  pronoteVersion?: Maybe<Scalars['Int']['output']>;
  /** PRONOTE.net public URL, e.g. `https://0410017w.index-education.net/pronote`. */
  publicUrl?: Maybe<Scalars['String']['output']>;
  publication: Publication;
  /** `2026-2027`. */
  schoolYear: Scalars['String']['output'];
  /** Address of the PRONOTE server for the client (self-hosted bases). */
  serverAddress?: Maybe<Scalars['String']['output']>;
  /** « URL à communiquer au socle ENT »: the public URL followed by `**`. */
  serviceUrl?: Maybe<Scalars['String']['output']>;
  settings: DelegationSettings;
  tenant?: Maybe<Tenant>;
  updatedAt: Scalars['DateTime']['output'];
  /** Send it back with changes: a stale version is a `CONFLICT`. */
  version: Scalars['Int']['output'];
};

export type PronoteBaseConnection = {
  __typename?: 'PronoteBaseConnection';
  /** A list of edges. */
  edges: Array<PronoteBaseEdge>;
  /** A list of nodes. */
  nodes: Array<PronoteBase>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type PronoteBaseEdge = {
  __typename?: 'PronoteBaseEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: PronoteBase;
};

/**
 * Whether PRONOTE.net serves the base; settings change only while
 * `STOPPED`.
 */
export type Publication =
  | 'PUBLISHED'
  | 'STOPPED';

export type Query = {
  __typename?: 'Query';
  /** Every action the audit log records, with its French label. */
  auditActions: Array<AuditActionView>;
  /**
   * The audit log, newest first, narrowed by `filter`. Operator and
   * platform administrators only. A constant number of SQL statements
   * per page (the page, then the bases its objects belong to).
   */
  auditEvents: AuditEventConnection;
  base: PronoteBase;
  /**
   * Bases the caller may see: the whole tenant for operators and
   * helpdesk, their own for school administrators.
   */
  bases: PronoteBaseConnection;
  /** Findings over all the caller's bases. */
  basesSummary: BasesSummary;
  /**
   * The CAS service registry of the tenant's bases as their settings
   * give it now, the registry last exported and the diff between them
   * (services added, removed, changed field by field; the Apereo files
   * to add, replace, delete). Operator administrators and helpdesk
   * agents; `tenantId` for a platform administrator.
   */
  casRegistry: CasRegistry;
  /** The versions of a source's list, newest first (the last 100). */
  catalogVersions: Array<CatalogVersionView>;
  /**
   * The `modelsFeed` export of a source checked against
   * Index-Education's schema the operator uploaded, with xmllint's rules:
   * every error in French with its line. Without a schema, nothing is
   * checked (`checked: false`).
   */
  checkModelsFeed: ModelsFeedCheck;
  /** Up to 1,000 establishments per page, by creation order. */
  dashboard: DashboardPage;
  /**
   * « Paramètres non conformes au modèle »: the caller's bases whose
   * settings differ from the revision of the model they applied.
   */
  driftedBases: Array<DriftedBase>;
  /** How many ENT accounts an establishment has, per profile. */
  entAccountCounts: Array<ProfileCount>;
  /** One model of a visible source, withdrawn or not. */
  entModel: EntModel;
  establishment: Establishment;
  /**
   * The school administrators an establishment is granted to, by
   * e-mail. Operator administrators of its tenant and platform
   * administrators only.
   */
  establishmentAdministrators: Array<User>;
  /**
   * By UAI; a code with a wrong check letter is looked up as written.
   * Two operators may hold the same UAI: a platform administrator names
   * the operator (`tenantId`), else gets `VALIDATION` on `tenantId` when
   * the UAI is shared (`establishmentsByUai` lists them all).
   */
  establishmentByUai: Establishment;
  /**
   * Establishments the caller may see: the whole tenant for operators and
   * helpdesk, the granted ones for school administrators.
   */
  establishments: EstablishmentConnection;
  /**
   * Every establishment with this UAI the caller sees: one per operator
   * holding it (platform administrators may see several).
   */
  establishmentsByUai: Array<Establishment>;
  /**
   * The visible establishments as CSV (`;`, UTF-8, French labels), the
   * columns the import reads (docs/formats/establishments-csv.md).
   */
  establishmentsCsv: Scalars['String']['output'];
  /** The operator's exchange settings with Index-Education. */
  exchangeSettings: ExchangeSettings;
  /**
   * The establishments granted to a school administrator, by UAI.
   * Operator administrators of the user's tenant and platform
   * administrators only.
   */
  grantedEstablishments: Array<Establishment>;
  /** Helpdesk side: the state of the tickets the caller sees. */
  helpdeskDashboard: HelpdeskDashboard;
  /**
   * Known answers offered before a ticket is sent: for the category and
   * the current diagnostics of the establishment's base.
   */
  knownAnswers: Array<KnownAnswerView>;
  /**
   * `MAIL_DELIVERY_FAILED` when e-mails were given up on (too many failed
   * attempts, or refused by the mail server): `outboxMessages(status:
   * FAILED)` lists them with their last error.
   */
  mailFindings: Array<Finding>;
  /**
   * The PRONOTE users of one population with their ENT account when
   * linked; `onlyUnmatched` keeps those without (« Uniquement les non
   * rapprochés »).
   */
  matchingRows: Array<MatchingRow>;
  /** A run of the engine. */
  matchingRun: MatchingRun;
  /**
   * Per population: Utilisateurs PRONOTE, Utilisateurs CAS, Utilisateurs
   * rapprochés, Utilisateurs CAS à rapprocher.
   */
  matchingSupervision: MatchingSupervision;
  /** The logged-in user, as its access token names it. */
  me: User;
  /**
   * What changed in a model from revision `from` to revision `to`, field
   * by field, in French.
   */
  modelRevisionDiff: Array<FieldChange>;
  /** The revisions of a model, newest first. */
  modelRevisions: Array<ModelRevisionView>;
  /** The caller's model sources, and those offered to every operator. */
  modelSources: Array<ModelSource>;
  /**
   * Per current model: how many bases applied it, how many have an
   * update pending.
   */
  modelUsage: Array<ModelUsage>;
  /** The current models of one source, or of every visible source. */
  models: Array<EntModel>;
  /**
   * A source's current models as a `relais-models/1` feed (what an
   * integrator sends to Index-Education). `validatedOnly`: only the
   * models whose current revision passed `validateModel`.
   */
  modelsFeed: Scalars['String']['output'];
  /**
   * The operator's copy of Index-Education's schema of models
   * (`uploadModelsSchema`), if any.
   */
  modelsSchema?: Maybe<ModelsSchema>;
  /**
   * The operator's outgoing e-mails, newest first (helpdesk and
   * administrators): failures show their last error.
   */
  outboxMessages: OutboxMessageViewConnection;
  /**
   * The rules a new password follows, in French, for the forms that set
   * one (`createUser`, `changePassword`, `resetPassword`). Public.
   */
  passwordRules: PasswordRules;
  /**
   * The caller's bases with a model update waiting (of `modelId` only,
   * when given), up to 500 per page, oldest base first. Operators and
   * helpdesk see the tenant's, school administrators their own.
   */
  pendingModelUpdates: PendingModelUpdateRowConnection;
  /** Which bases have moved to `schoolYear` (default: the current one). */
  rentree: RentreeSummary;
  storedFile: StoredFile;
  /** Files kept by Relais, newest first. */
  storedFiles: StoredFileConnection;
  tenant: Tenant;
  /**
   * Operators the caller may see: all of them for platform administrators,
   * their own for everybody else.
   */
  tenants: TenantConnection;
  ticket: Ticket;
  /** The helpdesk's queue: four SQL statements at most, whatever the page. */
  ticketQueue: TicketQueue;
  /** Tickets the caller sees, newest first. */
  tickets: TicketConnection;
  /**
   * The ENT accounts of one population not linked yet: the choices of a
   * manual link.
   */
  unmatchedEntAccounts: Array<MatchingEntAccount>;
  user: User;
  /**
   * Users the caller may see; `tenantId` narrows a platform
   * administrator's list.
   */
  users: UserConnection;
};


export type QueryAuditEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditFilterInput>;
  first?: InputMaybe<Scalars['Int']['input']>;
  tenantId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryBaseArgs = {
  id: Scalars['ID']['input'];
};


export type QueryBasesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<BaseFilterInput>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryCasRegistryArgs = {
  tenantId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryCatalogVersionsArgs = {
  sourceId: Scalars['ID']['input'];
};


export type QueryCheckModelsFeedArgs = {
  sourceId: Scalars['ID']['input'];
  validatedOnly?: Scalars['Boolean']['input'];
};


export type QueryDashboardArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<EstablishmentFilterInput>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryEntAccountCountsArgs = {
  establishmentId: Scalars['ID']['input'];
};


export type QueryEntModelArgs = {
  id: Scalars['ID']['input'];
};


export type QueryEstablishmentArgs = {
  id: Scalars['ID']['input'];
};


export type QueryEstablishmentAdministratorsArgs = {
  establishmentId: Scalars['ID']['input'];
};


export type QueryEstablishmentByUaiArgs = {
  tenantId?: InputMaybe<Scalars['ID']['input']>;
  uai: Scalars['String']['input'];
};


export type QueryEstablishmentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<EstablishmentFilterInput>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryEstablishmentsByUaiArgs = {
  uai: Scalars['String']['input'];
};


export type QueryExchangeSettingsArgs = {
  tenantId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryGrantedEstablishmentsArgs = {
  userId: Scalars['ID']['input'];
};


export type QueryKnownAnswersArgs = {
  category: TicketCategoryName;
  establishmentId: Scalars['ID']['input'];
};


export type QueryMailFindingsArgs = {
  tenantId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryMatchingRowsArgs = {
  baseId: Scalars['ID']['input'];
  onlyUnmatched?: Scalars['Boolean']['input'];
  population: Population;
};


export type QueryMatchingRunArgs = {
  id: Scalars['ID']['input'];
};


export type QueryMatchingSupervisionArgs = {
  baseId: Scalars['ID']['input'];
};


export type QueryModelRevisionDiffArgs = {
  from: Scalars['Int']['input'];
  modelId: Scalars['ID']['input'];
  to: Scalars['Int']['input'];
};


export type QueryModelRevisionsArgs = {
  modelId: Scalars['ID']['input'];
};


export type QueryModelsArgs = {
  sourceId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryModelsFeedArgs = {
  sourceId: Scalars['ID']['input'];
  validatedOnly?: Scalars['Boolean']['input'];
};


export type QueryModelsSchemaArgs = {
  tenantId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryOutboxMessagesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<OutboxStatusName>;
  tenantId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryPendingModelUpdatesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  modelId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryRentreeArgs = {
  schoolYear?: InputMaybe<Scalars['String']['input']>;
};


export type QueryStoredFileArgs = {
  id: Scalars['ID']['input'];
};


export type QueryStoredFilesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  establishmentId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  kind?: InputMaybe<FileKindName>;
};


export type QueryTenantArgs = {
  id: Scalars['ID']['input'];
};


export type QueryTenantsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryTicketArgs = {
  id: Scalars['ID']['input'];
};


export type QueryTicketQueueArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<TicketFilterInput>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryTicketsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<TicketFilterInput>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryUnmatchedEntAccountsArgs = {
  baseId: Scalars['ID']['input'];
  population: Population;
};


export type QueryUserArgs = {
  id: Scalars['ID']['input'];
};


export type QueryUsersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  tenantId?: InputMaybe<Scalars['ID']['input']>;
};

/** What installing a list did. */
export type RefreshReport = {
  __typename?: 'RefreshReport';
  added: Array<Scalars['String']['output']>;
  basesWithPendingUpdate: Scalars['Int']['output'];
  changed: Array<Scalars['String']['output']>;
  /** Per changed model, what changed. */
  changes: Array<ModelChanges>;
  /** False: nothing new (HTTP 304 or the same content). */
  newVersion: Scalars['Boolean']['output'];
  withdrawn: Array<Scalars['String']['output']>;
};

/** The rentrée: bases moved to a school year, or still to move. */
export type RentreeSummary = {
  __typename?: 'RentreeSummary';
  done: Scalars['Int']['output'];
  /** Group UAIs of the bases still on an earlier year. */
  pendingGroupUais: Array<Scalars['String']['output']>;
  schoolYear: Scalars['String']['output'];
  toDo: Scalars['Int']['output'];
};

/** The role of a user. */
export type Role =
  /** Helpdesk agent: reads the whole tenant, works tickets. */
  | 'HELPDESK'
  /** Administers a regional ENT operator. */
  | 'OPERATOR_ADMIN'
  /** Hosts the service: every tenant. */
  | 'PLATFORM_ADMIN'
  /** Administers the establishments granted to them. */
  | 'SCHOOL_ADMIN';

/** One error xmllint found, in French. */
export type SchemaIssueView = {
  __typename?: 'SchemaIssueView';
  /** The line in the checked feed. */
  line?: Maybe<Scalars['Int']['output']>;
  message: Scalars['String']['output'];
};

/** How serious a finding is. */
export type Severity =
  | 'ERROR'
  | 'INFO'
  | 'WARNING';

export type StoredFile = {
  __typename?: 'StoredFile';
  baseId?: Maybe<Scalars['ID']['output']>;
  createdAt: Scalars['DateTime']['output'];
  /**
   * Relative address of the authorised download (`GET`, with the same
   * `Authorization: Bearer` header as the API).
   */
  downloadPath: Scalars['String']['output'];
  establishmentId?: Maybe<Scalars['ID']['output']>;
  /** When the retention ends and the file is deleted. */
  expiresAt: Scalars['DateTime']['output'];
  /** The name given on download, e.g. `0410017W.xml`. */
  fileName: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  kind: FileKindName;
  /** SHA-256 of the file, hexadecimal. */
  sha256: Scalars['String']['output'];
  /** Size of the file in bytes. */
  size: Scalars['Float']['output'];
  /** Counts per population (never names). */
  summary: Scalars['JSON']['output'];
};

export type StoredFileConnection = {
  __typename?: 'StoredFileConnection';
  /** A list of edges. */
  edges: Array<StoredFileEdge>;
  /** A list of nodes. */
  nodes: Array<StoredFile>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type StoredFileEdge = {
  __typename?: 'StoredFileEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: StoredFile;
};

export type Subscription = {
  __typename?: 'Subscription';
  /**
   * The changes the caller may see, as they happen, whichever process of
   * the deployment made them (served over the WebSocket of
   * `/graphql/live` only). Optionally only some kinds, or those about
   * one base or one ticket. The first event is `STARTED`; a `MISSED`
   * event says some were lost: refetch what is shown.
   */
  liveEvents: LiveEvent;
};


export type SubscriptionLiveEventsArgs = {
  baseId?: InputMaybe<Scalars['ID']['input']>;
  kinds?: InputMaybe<Array<LiveEventKind>>;
  ticketId?: InputMaybe<Scalars['ID']['input']>;
};

export type Tenant = {
  __typename?: 'Tenant';
  contactEmail: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  /**
   * The ENT model recommended settings come from when a base names none
   * (`setDefaultModel`).
   */
  defaultModel?: Maybe<EntModel>;
  /** Where helpdesk tickets are sent. */
  helpdeskEmail: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** Short name used in addresses, e.g. `netocentre`. */
  slug: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

export type TenantConnection = {
  __typename?: 'TenantConnection';
  /** A list of edges. */
  edges: Array<TenantEdge>;
  /** A list of nodes. */
  nodes: Array<Tenant>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type TenantEdge = {
  __typename?: 'TenantEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Tenant;
};

export type Ticket = {
  __typename?: 'Ticket';
  /**
   * The statuses the caller may move the ticket to now (the workflow of
   * `docs/domain.md`); none for a school administrator.
   */
  allowedStatuses: Array<TicketStatusName>;
  assigneeId?: Maybe<Scalars['ID']['output']>;
  /** Files joined to the ticket. */
  attachments: Array<StoredFile>;
  baseId?: Maybe<Scalars['ID']['output']>;
  category: TicketCategoryName;
  contactEmail: Scalars['String']['output'];
  contactPhone?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  /**
   * The base serving the establishment now, beside the snapshot taken
   * at opening.
   */
  current: TicketBaseNow;
  description: Scalars['String']['output'];
  /**
   * The base's findings when the ticket was opened (`code`, `severity`,
   * `message`).
   */
  diagnosticsSnapshot: Scalars['JSON']['output'];
  /** The e-mails of the ticket's thread, oldest first: helpdesk side only. */
  emails: Array<OutboxMessageView>;
  establishment: Establishment;
  /** When the helpdesk first answered (comment or status change). */
  firstAnswerAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** Known answers matching the category and the diagnostics. */
  knownAnswers: Array<KnownAnswerView>;
  /** The base's delegation settings when the ticket was opened. */
  settingsSnapshot?: Maybe<Scalars['JSON']['output']>;
  status: TicketStatusName;
  /** Comments and status changes, oldest first. */
  timeline: Array<TicketEventView>;
  title: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

/** How long ago a ticket was opened: the helpdesk dashboard's groups. */
export type TicketAgeName =
  /** Opened less than a day ago. */
  | 'LESS_THAN_ONE_DAY'
  /** Opened more than seven days ago. */
  | 'MORE_THAN_SEVEN_DAYS'
  /** Opened one to seven days ago. */
  | 'ONE_TO_SEVEN_DAYS';

/**
 * The base serving a ticket's establishment, as it is now: its settings
 * in the form of `Ticket.settingsSnapshot`, to compare them.
 */
export type TicketBaseNow = {
  __typename?: 'TicketBaseNow';
  baseId?: Maybe<Scalars['ID']['output']>;
  /** The base's findings now (`code`, `severity`, `message`). */
  diagnostics: Scalars['JSON']['output'];
  /**
   * The base's delegation settings now (none when no base serves the
   * establishment any more).
   */
  settings?: Maybe<Scalars['JSON']['output']>;
};

export type TicketCategoryName =
  | 'ACCOUNT_MATCHING'
  | 'CAS_CONFIGURATION'
  | 'DIRECT_ACCESS'
  | 'EXPORTS'
  | 'OTHER'
  | 'RENTREE';

export type TicketConnection = {
  __typename?: 'TicketConnection';
  /** A list of edges. */
  edges: Array<TicketEdge>;
  /** A list of nodes. */
  nodes: Array<Ticket>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type TicketEdge = {
  __typename?: 'TicketEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Ticket;
};

/** One entry of a ticket's timeline. */
export type TicketEventView = {
  __typename?: 'TicketEventView';
  authorEmail?: Maybe<Scalars['String']['output']>;
  body?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** `COMMENT`, `STATUS` or `ASSIGNED`. */
  kind: Scalars['String']['output'];
  statusFrom?: Maybe<Scalars['String']['output']>;
  statusTo?: Maybe<Scalars['String']['output']>;
};

export type TicketFilterInput = {
  /**
   * Only tickets of the establishments of this academy (its name as the
   * establishments give it, e.g. « Orléans-Tours »).
   */
  academy?: InputMaybe<Scalars['String']['input']>;
  /** Only tickets opened that long ago. */
  age?: InputMaybe<TicketAgeName>;
  /** Only the tickets given to this agent. */
  assigneeId?: InputMaybe<Scalars['ID']['input']>;
  category?: InputMaybe<TicketCategoryName>;
  establishmentId?: InputMaybe<Scalars['ID']['input']>;
  /** Only the tickets given to the caller (« mes tickets »). */
  mine?: Scalars['Boolean']['input'];
  /** Only tickets neither resolved nor closed. */
  openOnly?: Scalars['Boolean']['input'];
  status?: InputMaybe<TicketStatusName>;
  /** Only tickets of the establishment of this UAI. */
  uai?: InputMaybe<Scalars['String']['input']>;
  /** Only the tickets given to nobody yet. */
  unassigned?: Scalars['Boolean']['input'];
};

/** A page of the queue. */
export type TicketQueue = {
  __typename?: 'TicketQueue';
  /**
   * Tickets per status matching the filter's other criteria (its
   * `status` and `openOnly` left out), every status listed in the
   * workflow's order.
   */
  byStatus: Array<CountBy>;
  /** Pass it as `after` for the next page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  /** Oldest first: the longest waiting on top. */
  rows: Array<TicketQueueRow>;
};

/**
 * One row of the queue: the ticket and what the queue shows of its
 * establishment and agent.
 */
export type TicketQueueRow = {
  __typename?: 'TicketQueueRow';
  academy?: Maybe<Scalars['String']['output']>;
  assigneeId?: Maybe<Scalars['ID']['output']>;
  /** The agent's display name. */
  assigneeName?: Maybe<Scalars['String']['output']>;
  category: TicketCategoryName;
  createdAt: Scalars['DateTime']['output'];
  establishmentId: Scalars['ID']['output'];
  establishmentName: Scalars['String']['output'];
  firstAnswerAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  status: TicketStatusName;
  title: Scalars['String']['output'];
  uai: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

export type TicketStatusName =
  | 'CLOSED'
  | 'IN_PROGRESS'
  | 'OPEN'
  | 'RESOLVED'
  | 'WAITING_SCHOOL';

/** New values of an establishment (its UAI does not change). */
export type UpdateEstablishmentInput = {
  academy?: InputMaybe<Scalars['String']['input']>;
  commune?: InputMaybe<Scalars['String']['input']>;
  kind: EstablishmentKind;
  name: Scalars['String']['input'];
  postalCode?: InputMaybe<Scalars['String']['input']>;
  status: EstablishmentStatus;
};

/** Fields left out keep their value. */
export type UpdateTenantInput = {
  contactEmail?: InputMaybe<Scalars['String']['input']>;
  helpdeskEmail?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
};

export type User = {
  __typename?: 'User';
  createdAt: Scalars['DateTime']['output'];
  disabled: Scalars['Boolean']['output'];
  displayName: Scalars['String']['output'];
  email: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  lastLoginAt?: Maybe<Scalars['DateTime']['output']>;
  role: Role;
  /** French label of the role, as the console shows it. */
  roleLabel: Scalars['String']['output'];
  /** The user's operator; empty for platform administrators. */
  tenant?: Maybe<Tenant>;
};

export type UserConnection = {
  __typename?: 'UserConnection';
  /** A list of edges. */
  edges: Array<UserEdge>;
  /** A list of nodes. */
  nodes: Array<User>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type UserEdge = {
  __typename?: 'UserEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: User;
};

export type AssistanceQueryVariables = Exact<{
  baseId: Scalars['ID']['input'];
}>;


export type AssistanceQuery = { __typename?: 'Query', base: { __typename?: 'PronoteBase', id: string, groupUai: string, establishments: Array<{ __typename?: 'Establishment', id: string, uai: string, name: string }> }, tickets: { __typename?: 'TicketConnection', nodes: Array<{ __typename?: 'Ticket', id: string, title: string, category: TicketCategoryName, status: TicketStatusName, createdAt: string, establishment: { __typename?: 'Establishment', id: string, uai: string } }> } };

export type KnownAnswersQueryVariables = Exact<{
  category: TicketCategoryName;
  establishmentId: Scalars['ID']['input'];
}>;


export type KnownAnswersQuery = { __typename?: 'Query', knownAnswers: Array<{ __typename?: 'KnownAnswerView', code: string, title: string, answer: string }> };

export type TicketQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type TicketQuery = { __typename?: 'Query', ticket: { __typename?: 'Ticket', id: string, title: string, description: string, category: TicketCategoryName, status: TicketStatusName, createdAt: string, contactEmail: string, timeline: Array<{ __typename?: 'TicketEventView', id: string, kind: string, authorEmail?: string | null, body?: string | null, statusFrom?: string | null, statusTo?: string | null, createdAt: string }>, attachments: Array<{ __typename?: 'StoredFile', id: string, fileName: string, downloadPath: string, size: number }> } };

export type OpenTicketMutationVariables = Exact<{
  input: OpenTicketInput;
}>;


export type OpenTicketMutation = { __typename?: 'Mutation', openTicket: { __typename?: 'Ticket', id: string } };

export type CommentTicketMutationVariables = Exact<{
  ticketId: Scalars['ID']['input'];
  body: Scalars['String']['input'];
}>;


export type CommentTicketMutation = { __typename?: 'Mutation', commentTicket: { __typename?: 'Ticket', id: string } };

export type AuditJournalQueryVariables = Exact<{
  filter?: InputMaybe<AuditFilterInput>;
  tenantId?: InputMaybe<Scalars['ID']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type AuditJournalQuery = { __typename?: 'Query', auditEvents: { __typename?: 'AuditEventConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, nodes: Array<{ __typename?: 'AuditEvent', id: string, createdAt: string, actorEmail?: string | null, action: string, actionLabel: string, targetType: string, targetId?: string | null, baseId?: string | null, summary: string }> } };

export type AuditActionsQueryVariables = Exact<{ [key: string]: never; }>;


export type AuditActionsQuery = { __typename?: 'Query', auditActions: Array<{ __typename?: 'AuditActionView', code: string, label: string }> };

export type AuditCallerQueryVariables = Exact<{ [key: string]: never; }>;


export type AuditCallerQuery = { __typename?: 'Query', me: { __typename?: 'User', role: Role }, tenants: { __typename?: 'TenantConnection', nodes: Array<{ __typename?: 'Tenant', id: string, name: string }> } };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { __typename?: 'Query', me: { __typename?: 'User', id: string, displayName: string, email: string, role: Role, roleLabel: string, tenant?: { __typename?: 'Tenant', id: string, name: string } | null } };

export type SettingsFieldsFragment = { __typename?: 'DelegationSettings', directAccess: DirectAccess, clientDirectAccess: boolean, commonIdentifierAttribute?: string | null, delegations: { __typename?: 'Delegations', cas: boolean, wsFederation: boolean, eduConnect: boolean }, espaces: Array<{ __typename?: 'EspaceSetting', espace: Espace, label: string, delegation: EspaceDelegation }>, casUrls?: { __typename?: 'CasUrlsView', shape: CasUrlShape, root?: string | null, loginUrl: string, validationUrl: string } | null, firstConnection: { __typename?: 'FirstConnection', mode: FirstConnectionMode, label: string, pronoteIdentifierAttribute?: string | null, identity?: { __typename?: 'IdentityAttributes', lastName: string, firstName: string, birthDate: string, postalCode?: string | null, profile: string, profileValues: Array<{ __typename?: 'ProfileValuesView', profile: Profile, label: string, values: Array<string> }> } | null } };

export type BaseQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type BaseQuery = { __typename?: 'Query', base: { __typename?: 'PronoteBase', id: string, version: number, groupUai: string, hosting: Hosting, hostingLabel: string, pronoteVersion?: number | null, schoolYear: string, publicUrl?: string | null, publication: Publication, serviceUrl?: string | null, directAccessUrl?: string | null, casAuthenticationLink?: string | null, casValidationLink?: string | null, updatedAt: string, establishments: Array<{ __typename?: 'Establishment', id: string, uai: string, name: string, kindLabel: string }>, settings: { __typename?: 'DelegationSettings', directAccess: DirectAccess, clientDirectAccess: boolean, commonIdentifierAttribute?: string | null, delegations: { __typename?: 'Delegations', cas: boolean, wsFederation: boolean, eduConnect: boolean }, espaces: Array<{ __typename?: 'EspaceSetting', espace: Espace, label: string, delegation: EspaceDelegation }>, casUrls?: { __typename?: 'CasUrlsView', shape: CasUrlShape, root?: string | null, loginUrl: string, validationUrl: string } | null, firstConnection: { __typename?: 'FirstConnection', mode: FirstConnectionMode, label: string, pronoteIdentifierAttribute?: string | null, identity?: { __typename?: 'IdentityAttributes', lastName: string, firstName: string, birthDate: string, postalCode?: string | null, profile: string, profileValues: Array<{ __typename?: 'ProfileValuesView', profile: Profile, label: string, values: Array<string> }> } | null } }, diagnostics: Array<{ __typename?: 'Finding', code: string, severity: Severity, severityLabel: string, message: string }>, model?: { __typename?: 'BaseModelStatus', appliedRevision: number, appliedAt: string, appliedBy?: string | null, model: { __typename?: 'EntModel', id: string, name: string, revision: number }, pendingUpdate?: { __typename?: 'PendingModelUpdate', fromRevision: number, toRevision?: number | null, withdrawn: boolean, since: string, changes: Array<{ __typename?: 'FieldChange', field: string, label: string, old?: string | null, new?: string | null, summary: string }> } | null, drift: Array<{ __typename?: 'FieldChange', field: string, label: string, old?: string | null, new?: string | null, summary: string }> } | null } };

export type ModelsQueryVariables = Exact<{ [key: string]: never; }>;


export type ModelsQuery = { __typename?: 'Query', models: Array<{ __typename?: 'EntModel', id: string, name: string, location: string, description?: string | null, revision: number, withdrawn: boolean }> };

export type SetPublicationMutationVariables = Exact<{
  baseId: Scalars['ID']['input'];
  version: Scalars['Int']['input'];
  publication: Publication;
}>;


export type SetPublicationMutation = { __typename?: 'Mutation', setPublication: { __typename?: 'PronoteBase', id: string, version: number, publication: Publication } };

export type UpdateSettingsMutationVariables = Exact<{
  baseId: Scalars['ID']['input'];
  version: Scalars['Int']['input'];
  settings: DelegationSettingsInput;
}>;


export type UpdateSettingsMutation = { __typename?: 'Mutation', updateDelegationSettings: { __typename?: 'PronoteBase', id: string, version: number } };

export type ApplyRecommendedMutationVariables = Exact<{
  baseId: Scalars['ID']['input'];
  version: Scalars['Int']['input'];
  casRoot?: InputMaybe<Scalars['String']['input']>;
}>;


export type ApplyRecommendedMutation = { __typename?: 'Mutation', applyRecommendedSettings: { __typename?: 'PronoteBase', id: string, version: number } };

export type ApplyModelMutationVariables = Exact<{
  baseId: Scalars['ID']['input'];
  modelId: Scalars['ID']['input'];
  expectedVersion: Scalars['Int']['input'];
  confirmOverwrite: Scalars['Boolean']['input'];
}>;


export type ApplyModelMutation = { __typename?: 'Mutation', applyModel: { __typename?: 'ApplyModelResult', base: { __typename?: 'PronoteBase', id: string, version: number }, overwritten: Array<{ __typename?: 'FieldChange', field: string, label: string, old?: string | null, new?: string | null, summary: string }> } };

export type ApplyModelUpdateMutationVariables = Exact<{
  baseId: Scalars['ID']['input'];
  expectedVersion: Scalars['Int']['input'];
}>;


export type ApplyModelUpdateMutation = { __typename?: 'Mutation', applyModelUpdate: { __typename?: 'ApplyModelResult', base: { __typename?: 'PronoteBase', id: string, version: number } } };

export type DismissModelUpdateMutationVariables = Exact<{
  baseId: Scalars['ID']['input'];
}>;


export type DismissModelUpdateMutation = { __typename?: 'Mutation', dismissModelUpdate: boolean };

export type RentreeProgressQueryVariables = Exact<{
  schoolYear?: InputMaybe<Scalars['String']['input']>;
}>;


export type RentreeProgressQuery = { __typename?: 'Query', rentree: { __typename?: 'RentreeSummary', schoolYear: string, done: number, toDo: number } };

export type BasesBeforeYearQueryVariables = Exact<{
  schoolYear: Scalars['String']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type BasesBeforeYearQuery = { __typename?: 'Query', bases: { __typename?: 'PronoteBaseConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, nodes: Array<{ __typename?: 'PronoteBase', id: string, groupUai: string, schoolYear: string, pronoteVersion?: number | null, publication: Publication, version: number, establishments: Array<{ __typename?: 'Establishment', id: string, uai: string, name: string }> }> } };

export type BasesFromYearQueryVariables = Exact<{
  schoolYear: Scalars['String']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type BasesFromYearQuery = { __typename?: 'Query', bases: { __typename?: 'PronoteBaseConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, nodes: Array<{ __typename?: 'PronoteBase', id: string, groupUai: string, schoolYear: string, pronoteVersion?: number | null, publication: Publication }> } };

export type StartSchoolYearOfBaseMutationVariables = Exact<{
  baseId: Scalars['ID']['input'];
  version: Scalars['Int']['input'];
  schoolYear: Scalars['String']['input'];
  pronoteVersion?: InputMaybe<Scalars['Int']['input']>;
}>;


export type StartSchoolYearOfBaseMutation = { __typename?: 'Mutation', startSchoolYear: { __typename?: 'PronoteBase', id: string, schoolYear: string, version: number } };

export type CreateBaseOfOperatorMutationVariables = Exact<{
  input: CreateBaseInput;
}>;


export type CreateBaseOfOperatorMutation = { __typename?: 'Mutation', createBase: { __typename?: 'PronoteBase', id: string, groupUai: string, establishments: Array<{ __typename?: 'Establishment', uai: string }> } };

export type MoveEstablishmentToBaseMutationVariables = Exact<{
  establishmentId: Scalars['ID']['input'];
  baseId: Scalars['ID']['input'];
}>;


export type MoveEstablishmentToBaseMutation = { __typename?: 'Mutation', moveEstablishment: { __typename?: 'PronoteBase', id: string, groupUai: string, establishments: Array<{ __typename?: 'Establishment', uai: string }> } };

export type CasRegistryQueryVariables = Exact<{
  tenantId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type CasRegistryQuery = { __typename?: 'Query', casRegistry: { __typename?: 'CasRegistry', tenantId: string, digest: string, exportedAt?: string | null, exportedBy?: string | null, exportedServices: number, services: Array<{ __typename?: 'CasServiceEntry', id: string, baseId?: string | null, name: string, fileName: string, uais: Array<string>, mode: string, validation: string }>, report: Array<{ __typename?: 'CasRegistryReportLine', baseId: string, uai: string, level: CasRegistryReportLevel, code: string, message: string }>, diff: { __typename?: 'CasRegistryDiff', filesToAdd: Array<string>, filesToReplace: Array<string>, filesToDelete: Array<string>, added: Array<{ __typename?: 'CasServiceEntry', name: string, fileName: string, uais: Array<string> }>, removed: Array<{ __typename?: 'CasServiceEntry', name: string, fileName: string, uais: Array<string> }>, changed: Array<{ __typename?: 'CasServiceChange', name: string, fileName: string, fields: Array<{ __typename?: 'CasServiceFieldChange', field: string, before: string, after: string }> }> }, attributeMapping: Array<{ __typename?: 'CasAttributeMapping', name: string, source: string }> } };

export type CasRegistryFieldsFragment = { __typename?: 'CasRegistry', tenantId: string, digest: string, exportedAt?: string | null, exportedBy?: string | null, exportedServices: number, services: Array<{ __typename?: 'CasServiceEntry', id: string, baseId?: string | null, name: string, fileName: string, uais: Array<string>, mode: string, validation: string }>, report: Array<{ __typename?: 'CasRegistryReportLine', baseId: string, uai: string, level: CasRegistryReportLevel, code: string, message: string }>, diff: { __typename?: 'CasRegistryDiff', filesToAdd: Array<string>, filesToReplace: Array<string>, filesToDelete: Array<string>, added: Array<{ __typename?: 'CasServiceEntry', name: string, fileName: string, uais: Array<string> }>, removed: Array<{ __typename?: 'CasServiceEntry', name: string, fileName: string, uais: Array<string> }>, changed: Array<{ __typename?: 'CasServiceChange', name: string, fileName: string, fields: Array<{ __typename?: 'CasServiceFieldChange', field: string, before: string, after: string }> }> }, attributeMapping: Array<{ __typename?: 'CasAttributeMapping', name: string, source: string }> };

export type RegistryTenantsQueryVariables = Exact<{ [key: string]: never; }>;


export type RegistryTenantsQuery = { __typename?: 'Query', tenants: { __typename?: 'TenantConnection', nodes: Array<{ __typename?: 'Tenant', id: string, name: string }> } };

export type RecordCasRegistryExportMutationVariables = Exact<{
  tenantId?: InputMaybe<Scalars['ID']['input']>;
  digest?: InputMaybe<Scalars['String']['input']>;
}>;


export type RecordCasRegistryExportMutation = { __typename?: 'Mutation', recordCasRegistryExport: { __typename?: 'CasRegistry', tenantId: string, digest: string, exportedAt?: string | null, exportedBy?: string | null, exportedServices: number, services: Array<{ __typename?: 'CasServiceEntry', id: string, baseId?: string | null, name: string, fileName: string, uais: Array<string>, mode: string, validation: string }>, report: Array<{ __typename?: 'CasRegistryReportLine', baseId: string, uai: string, level: CasRegistryReportLevel, code: string, message: string }>, diff: { __typename?: 'CasRegistryDiff', filesToAdd: Array<string>, filesToReplace: Array<string>, filesToDelete: Array<string>, added: Array<{ __typename?: 'CasServiceEntry', name: string, fileName: string, uais: Array<string> }>, removed: Array<{ __typename?: 'CasServiceEntry', name: string, fileName: string, uais: Array<string> }>, changed: Array<{ __typename?: 'CasServiceChange', name: string, fileName: string, fields: Array<{ __typename?: 'CasServiceFieldChange', field: string, before: string, after: string }> }> }, attributeMapping: Array<{ __typename?: 'CasAttributeMapping', name: string, source: string }> } };

export type SetCasRegistryAttributeMappingMutationVariables = Exact<{
  tenantId?: InputMaybe<Scalars['ID']['input']>;
  mapping: Array<CasAttributeMappingInput> | CasAttributeMappingInput;
}>;


export type SetCasRegistryAttributeMappingMutation = { __typename?: 'Mutation', setCasRegistryAttributeMapping: { __typename?: 'CasRegistry', tenantId: string, digest: string, exportedAt?: string | null, exportedBy?: string | null, exportedServices: number, services: Array<{ __typename?: 'CasServiceEntry', id: string, baseId?: string | null, name: string, fileName: string, uais: Array<string>, mode: string, validation: string }>, report: Array<{ __typename?: 'CasRegistryReportLine', baseId: string, uai: string, level: CasRegistryReportLevel, code: string, message: string }>, diff: { __typename?: 'CasRegistryDiff', filesToAdd: Array<string>, filesToReplace: Array<string>, filesToDelete: Array<string>, added: Array<{ __typename?: 'CasServiceEntry', name: string, fileName: string, uais: Array<string> }>, removed: Array<{ __typename?: 'CasServiceEntry', name: string, fileName: string, uais: Array<string> }>, changed: Array<{ __typename?: 'CasServiceChange', name: string, fileName: string, fields: Array<{ __typename?: 'CasServiceFieldChange', field: string, before: string, after: string }> }> }, attributeMapping: Array<{ __typename?: 'CasAttributeMapping', name: string, source: string }> } };

export type CasCheckQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type CasCheckQuery = { __typename?: 'Query', base: { __typename?: 'PronoteBase', id: string, groupUai: string, casCheck?: { __typename?: 'CasCheck', checkedAt: string, checkedBy?: string | null, outcome: CasCheckStatus, protocol: string, withCredentials: boolean, outdated: boolean, steps: Array<{ __typename?: 'CasCheckStep', kind: CasCheckStepKind, label: string, status: CasCheckStatus, durationMs: number, message: string }> } | null } };

export type CasCheckFieldsFragment = { __typename?: 'CasCheck', checkedAt: string, checkedBy?: string | null, outcome: CasCheckStatus, protocol: string, withCredentials: boolean, outdated: boolean, steps: Array<{ __typename?: 'CasCheckStep', kind: CasCheckStepKind, label: string, status: CasCheckStatus, durationMs: number, message: string }> };

export type TestCasMutationVariables = Exact<{
  baseId: Scalars['ID']['input'];
  credentials?: InputMaybe<CasTestCredentialsInput>;
}>;


export type TestCasMutation = { __typename?: 'Mutation', testCasSettings: { __typename?: 'CasCheck', checkedAt: string, checkedBy?: string | null, outcome: CasCheckStatus, protocol: string, withCredentials: boolean, outdated: boolean, steps: Array<{ __typename?: 'CasCheckStep', kind: CasCheckStepKind, label: string, status: CasCheckStatus, durationMs: number, message: string }> } };

export type DiagnosticsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DiagnosticsQuery = { __typename?: 'Query', base: { __typename?: 'PronoteBase', id: string, groupUai: string, diagnostics: Array<{ __typename?: 'Finding', code: string, severity: Severity, severityLabel: string, message: string }> } };

export type EstablishmentAdminCallerQueryVariables = Exact<{ [key: string]: never; }>;


export type EstablishmentAdminCallerQuery = { __typename?: 'Query', me: { __typename?: 'User', id: string, role: Role, tenant?: { __typename?: 'Tenant', id: string } | null } };

export type EstablishmentAdminTenantsQueryVariables = Exact<{ [key: string]: never; }>;


export type EstablishmentAdminTenantsQuery = { __typename?: 'Query', tenants: { __typename?: 'TenantConnection', nodes: Array<{ __typename?: 'Tenant', id: string, name: string }> } };

export type ManagedEstablishmentsQueryVariables = Exact<{
  filter?: InputMaybe<EstablishmentFilterInput>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ManagedEstablishmentsQuery = { __typename?: 'Query', establishments: { __typename?: 'EstablishmentConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, nodes: Array<{ __typename?: 'Establishment', id: string, uai: string, name: string, kindLabel: string, commune?: string | null, academy?: string | null, status: EstablishmentStatus, tenant?: { __typename?: 'Tenant', id: string, name: string } | null }> } };

export type ManagedEstablishmentQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ManagedEstablishmentQuery = { __typename?: 'Query', establishment: { __typename?: 'Establishment', id: string, uai: string, uaiChecksumAcknowledged: boolean, name: string, kind: EstablishmentKind, kindLabel: string, commune?: string | null, postalCode?: string | null, academy?: string | null, status: EstablishmentStatus, updatedAt: string, tenant?: { __typename?: 'Tenant', id: string, name: string } | null, base?: { __typename?: 'PronoteBase', id: string, groupUai: string } | null } };

export type CreateManagedEstablishmentMutationVariables = Exact<{
  input: CreateEstablishmentInput;
}>;


export type CreateManagedEstablishmentMutation = { __typename?: 'Mutation', createEstablishment: { __typename?: 'Establishment', id: string, uai: string, name: string } };

export type UpdateManagedEstablishmentMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: UpdateEstablishmentInput;
}>;


export type UpdateManagedEstablishmentMutation = { __typename?: 'Mutation', updateEstablishment: { __typename?: 'Establishment', id: string, name: string, kind: EstablishmentKind, kindLabel: string, commune?: string | null, postalCode?: string | null, academy?: string | null, status: EstablishmentStatus, updatedAt: string } };

export type EstablishmentTenantAccountsQueryVariables = Exact<{
  tenantId?: InputMaybe<Scalars['ID']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type EstablishmentTenantAccountsQuery = { __typename?: 'Query', users: { __typename?: 'UserConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, nodes: Array<{ __typename?: 'User', id: string, email: string, displayName: string, role: Role, disabled: boolean }> } };

export type EstablishmentAdministratorsQueryVariables = Exact<{
  establishmentId: Scalars['ID']['input'];
}>;


export type EstablishmentAdministratorsQuery = { __typename?: 'Query', establishmentAdministrators: Array<{ __typename?: 'User', id: string, email: string, displayName: string, role: Role, disabled: boolean }> };

export type GrantManagedEstablishmentMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
  establishmentId: Scalars['ID']['input'];
}>;


export type GrantManagedEstablishmentMutation = { __typename?: 'Mutation', grantEstablishment: boolean };

export type RevokeManagedEstablishmentMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
  establishmentId: Scalars['ID']['input'];
}>;


export type RevokeManagedEstablishmentMutation = { __typename?: 'Mutation', revokeEstablishment: boolean };

export type MyEstablishmentsQueryVariables = Exact<{
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type MyEstablishmentsQuery = { __typename?: 'Query', establishments: { __typename?: 'EstablishmentConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, nodes: Array<{ __typename?: 'Establishment', id: string, uai: string, name: string, kindLabel: string, commune?: string | null, base?: { __typename?: 'PronoteBase', id: string, groupUai: string, hostingLabel: string, publication: Publication, schoolYear: string, diagnostics: Array<{ __typename?: 'Finding', severity: Severity }>, model?: { __typename?: 'BaseModelStatus', pendingUpdate?: { __typename?: 'PendingModelUpdate', toRevision?: number | null, withdrawn: boolean } | null, drift: Array<{ __typename?: 'FieldChange', field: string }> } | null } | null }> } };

export type ExchangesCallerQueryVariables = Exact<{ [key: string]: never; }>;


export type ExchangesCallerQuery = { __typename?: 'Query', me: { __typename?: 'User', id: string, role: Role, tenant?: { __typename?: 'Tenant', id: string, name: string } | null } };

export type ExchangeTenantsQueryVariables = Exact<{ [key: string]: never; }>;


export type ExchangeTenantsQuery = { __typename?: 'Query', tenants: { __typename?: 'TenantConnection', nodes: Array<{ __typename?: 'Tenant', id: string, name: string }> } };

export type ExchangeSettingsOfTenantQueryVariables = Exact<{
  tenantId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type ExchangeSettingsOfTenantQuery = { __typename?: 'Query', exchangeSettings: { __typename?: 'ExchangeSettings', partnerId?: string | null, partnerName?: string | null, indexEducationKeyFingerprint?: string | null, partnerPublicKey?: string | null, partnerKeyFingerprint?: string | null, retentionAccountMatchingDays: number, retentionIdentifiersExportDays: number } };

export type UpdateExchangeSettingsMutationVariables = Exact<{
  input: ExchangeSettingsInput;
}>;


export type UpdateExchangeSettingsMutation = { __typename?: 'Mutation', updateExchangeSettings: { __typename?: 'ExchangeSettings', partnerId?: string | null, partnerName?: string | null, indexEducationKeyFingerprint?: string | null, partnerPublicKey?: string | null, partnerKeyFingerprint?: string | null, retentionAccountMatchingDays: number, retentionIdentifiersExportDays: number } };

export type ImportEntAccountsMutationVariables = Exact<{
  file: Scalars['Upload']['input'];
  establishmentId?: InputMaybe<Scalars['ID']['input']>;
  mode: DirectoryImportModeName;
  dryRun: Scalars['Boolean']['input'];
}>;


export type ImportEntAccountsMutation = { __typename?: 'Mutation', importEntAccounts: { __typename?: 'EntAccountsImportReport', committed: boolean, accounts: number, errors: Array<string>, establishments: Array<{ __typename?: 'EstablishmentAccountsCount', uai: string, created: number, updated: number, unchanged: number, removed: number }> } };

export type StoredFilesQueryVariables = Exact<{
  establishmentId?: InputMaybe<Scalars['ID']['input']>;
  kind?: InputMaybe<FileKindName>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type StoredFilesQuery = { __typename?: 'Query', storedFiles: { __typename?: 'StoredFileConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, nodes: Array<{ __typename?: 'StoredFile', id: string, kind: FileKindName, fileName: string, establishmentId?: string | null, size: number, sha256: string, summary: unknown, createdAt: string, expiresAt: string, downloadPath: string }> } };

export type DeleteStoredFileMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteStoredFileMutation = { __typename?: 'Mutation', deleteStoredFile: string };

export type TicketQueueQueryVariables = Exact<{
  filter?: InputMaybe<TicketFilterInput>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type TicketQueueQuery = { __typename?: 'Query', ticketQueue: { __typename?: 'TicketQueue', hasNextPage: boolean, endCursor?: string | null, rows: Array<{ __typename?: 'TicketQueueRow', id: string, title: string, category: TicketCategoryName, status: TicketStatusName, createdAt: string, uai: string, establishmentName: string, academy?: string | null, assigneeId?: string | null, assigneeName?: string | null }>, byStatus: Array<{ __typename?: 'CountBy', key: string, label: string, tickets: number }> } };

export type HelpdeskViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type HelpdeskViewerQuery = { __typename?: 'Query', me: { __typename?: 'User', id: string, role: Role } };

export type HelpdeskAgentsQueryVariables = Exact<{ [key: string]: never; }>;


export type HelpdeskAgentsQuery = { __typename?: 'Query', me: { __typename?: 'User', id: string }, users: { __typename?: 'UserConnection', nodes: Array<{ __typename?: 'User', id: string, displayName: string, email: string, role: Role, disabled: boolean }> } };

export type HelpdeskTicketQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type HelpdeskTicketQuery = { __typename?: 'Query', ticket: { __typename?: 'Ticket', id: string, title: string, description: string, category: TicketCategoryName, status: TicketStatusName, allowedStatuses: Array<TicketStatusName>, createdAt: string, firstAnswerAt?: string | null, contactEmail: string, contactPhone?: string | null, assigneeId?: string | null, baseId?: string | null, settingsSnapshot?: unknown | null, diagnosticsSnapshot: unknown, establishment: { __typename?: 'Establishment', id: string, uai: string, name: string, academy?: string | null }, current: { __typename?: 'TicketBaseNow', baseId?: string | null, settings?: unknown | null, diagnostics: unknown }, knownAnswers: Array<{ __typename?: 'KnownAnswerView', code: string, title: string, answer: string }>, timeline: Array<{ __typename?: 'TicketEventView', id: string, kind: string, authorEmail?: string | null, body?: string | null, statusFrom?: string | null, statusTo?: string | null, createdAt: string }>, attachments: Array<{ __typename?: 'StoredFile', id: string, fileName: string, downloadPath: string, size: number, createdAt: string }> } };

export type TicketEmailsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type TicketEmailsQuery = { __typename?: 'Query', ticket: { __typename?: 'Ticket', id: string, emails: Array<{ __typename?: 'OutboxMessageView', id: string, kind: string, to: Array<string>, subject: string, status: OutboxStatusName, createdAt: string, sentAt?: string | null }> } };

export type CommentOnTicketMutationVariables = Exact<{
  ticketId: Scalars['ID']['input'];
  body: Scalars['String']['input'];
}>;


export type CommentOnTicketMutation = { __typename?: 'Mutation', commentTicket: { __typename?: 'Ticket', id: string } };

export type ChangeTicketStatusMutationVariables = Exact<{
  ticketId: Scalars['ID']['input'];
  status: TicketStatusName;
}>;


export type ChangeTicketStatusMutation = { __typename?: 'Mutation', changeTicketStatus: { __typename?: 'Ticket', id: string, status: TicketStatusName } };

export type AssignTicketMutationVariables = Exact<{
  ticketId: Scalars['ID']['input'];
  assigneeId: Scalars['ID']['input'];
}>;


export type AssignTicketMutation = { __typename?: 'Mutation', assignTicket: { __typename?: 'Ticket', id: string, assigneeId?: string | null } };

export type AttachToTicketMutationVariables = Exact<{
  ticketId: Scalars['ID']['input'];
  file: Scalars['Upload']['input'];
}>;


export type AttachToTicketMutation = { __typename?: 'Mutation', attachToTicket: { __typename?: 'StoredFile', id: string, fileName: string } };

export type HelpdeskDashboardQueryVariables = Exact<{ [key: string]: never; }>;


export type HelpdeskDashboardQuery = { __typename?: 'Query', helpdeskDashboard: { __typename?: 'HelpdeskDashboard', openTickets: number, answeredTickets: number, medianFirstAnswerSeconds?: number | null, meanFirstAnswerSeconds?: number | null, openByAge: Array<{ __typename?: 'CountBy', key: string, label: string, tickets: number }>, openByCategory: Array<{ __typename?: 'CountBy', key: string, label: string, tickets: number }>, openByAcademy: Array<{ __typename?: 'CountBy', key: string, label: string, tickets: number }>, openByEstablishment: Array<{ __typename?: 'CountBy', key: string, label: string, tickets: number }>, establishmentsWithMostTickets: Array<{ __typename?: 'CountBy', key: string, label: string, tickets: number }> } };

export type MatchingQueryVariables = Exact<{
  baseId: Scalars['ID']['input'];
}>;


export type MatchingQuery = { __typename?: 'Query', base: { __typename?: 'PronoteBase', id: string, groupUai: string, establishments: Array<{ __typename?: 'Establishment', id: string, uai: string, name: string }> }, matchingSupervision: { __typename?: 'MatchingSupervision', populations: Array<{ __typename?: 'PopulationSupervision', population: Population, label: string, pronoteUsers: number, entAccounts: number, linked: number, entToLink: number }>, latestRun?: { __typename?: 'MatchingRun', id: string, status: MatchingRunStatus, existingLinks: ExistingLinksPolicy, startedAt: string, finishedAt?: string | null, steps: Array<{ __typename?: 'MatchingStep', population: Population, label: string, status: MatchingStepStatus, autoLinks: number, reviews: number, duplicates: number, linksCreated?: number | null, validatedAt?: string | null }>, proposals: Array<{ __typename?: 'MatchingProposal', population: Population, entId: string, decision: MatchingDecision, reason?: string | null, candidates: Array<{ __typename?: 'MatchingCandidate', pronoteId: string, score: number }> }> } | null } };

export type MatchingRowsQueryVariables = Exact<{
  baseId: Scalars['ID']['input'];
  population: Population;
  onlyUnmatched: Scalars['Boolean']['input'];
}>;


export type MatchingRowsQuery = { __typename?: 'Query', matchingRows: Array<{ __typename?: 'MatchingRow', pronoteUser: { __typename?: 'MatchingPronoteUser', pronoteId: string, lastName: string, firstName: string, birthDate?: string | null }, link?: { __typename?: 'AccountLink', entId: string, origin: LinkOriginName } | null, entAccount?: { __typename?: 'MatchingEntAccount', entId: string, lastName: string, firstName: string } | null }>, unmatchedEntAccounts: Array<{ __typename?: 'MatchingEntAccount', entId: string, lastName: string, firstName: string, birthDate?: string | null }> };

export type GenerateMatchingFileMutationVariables = Exact<{
  establishmentId: Scalars['ID']['input'];
}>;


export type GenerateMatchingFileMutation = { __typename?: 'Mutation', generateAccountMatchingFile: { __typename?: 'StoredFile', id: string, fileName: string, downloadPath: string } };

export type GenerateIdPronoteFileMutationVariables = Exact<{
  baseId: Scalars['ID']['input'];
}>;


export type GenerateIdPronoteFileMutation = { __typename?: 'Mutation', generatePronoteIdentifiersFile: { __typename?: 'StoredFile', id: string, fileName: string, downloadPath: string } };

export type UploadIdentifiersMutationVariables = Exact<{
  establishmentId: Scalars['ID']['input'];
  file: Scalars['Upload']['input'];
  mode: DirectoryImportModeName;
  confirmLinkRemoval: Scalars['Boolean']['input'];
}>;


export type UploadIdentifiersMutation = { __typename?: 'Mutation', uploadIdentifiersExport: { __typename?: 'IdentifiersExportResult', users: number, withoutCasId: number, exportUai: string } };

export type StartMatchingMutationVariables = Exact<{
  baseId: Scalars['ID']['input'];
  existingLinks: ExistingLinksPolicy;
}>;


export type StartMatchingMutation = { __typename?: 'Mutation', startMatching: { __typename?: 'MatchingRun', id: string } };

export type ValidateStepMutationVariables = Exact<{
  runId: Scalars['ID']['input'];
  population: Population;
}>;


export type ValidateStepMutation = { __typename?: 'Mutation', validateMatchingStep: { __typename?: 'MatchingStep', population: Population, linksCreated?: number | null } };

export type CancelMatchingMutationVariables = Exact<{
  runId: Scalars['ID']['input'];
}>;


export type CancelMatchingMutation = { __typename?: 'Mutation', cancelMatching: { __typename?: 'MatchingRun', id: string, status: MatchingRunStatus } };

export type LinkAccountsMutationVariables = Exact<{
  baseId: Scalars['ID']['input'];
  pronoteId: Scalars['String']['input'];
  entId: Scalars['String']['input'];
}>;


export type LinkAccountsMutation = { __typename?: 'Mutation', linkAccounts: { __typename?: 'AccountLink', pronoteId: string, entId: string } };

export type UnlinkAccountMutationVariables = Exact<{
  baseId: Scalars['ID']['input'];
  pronoteId: Scalars['String']['input'];
}>;


export type UnlinkAccountMutation = { __typename?: 'Mutation', unlinkAccount: { __typename?: 'AccountLink', pronoteId: string } };

export type ResetLinksMutationVariables = Exact<{
  baseId: Scalars['ID']['input'];
  populations: Array<Population> | Population;
  confirmation: Scalars['String']['input'];
}>;


export type ResetLinksMutation = { __typename?: 'Mutation', resetAccountLinks: number };

export type ModelSourcesQueryVariables = Exact<{ [key: string]: never; }>;


export type ModelSourcesQuery = { __typename?: 'Query', modelSources: Array<{ __typename?: 'ModelSource', id: string, name: string, kind: string, url?: string | null, cron?: string | null, offeredToAll: boolean, lastFetchedAt?: string | null, lastSuccessAt?: string | null, lastError?: string | null }>, models: Array<{ __typename?: 'EntModel', id: string, sourceId: string, name: string, location: string, revision: number, updatedAt: string }> };

export type ModelUsageCountsQueryVariables = Exact<{ [key: string]: never; }>;


export type ModelUsageCountsQuery = { __typename?: 'Query', modelUsage: Array<{ __typename?: 'ModelUsage', bases: number, pendingUpdates: number, model: { __typename?: 'EntModel', id: string } }> };

export type CatalogVersionsQueryVariables = Exact<{
  sourceId: Scalars['ID']['input'];
}>;


export type CatalogVersionsQuery = { __typename?: 'Query', catalogVersions: Array<{ __typename?: 'CatalogVersionView', id: string, models: number, added: number, changed: number, withdrawn: number, createdAt: string }> };

export type RefreshModelFeedNowMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RefreshModelFeedNowMutation = { __typename?: 'Mutation', refreshModelFeed: { __typename?: 'RefreshReport', newVersion: boolean, added: Array<string>, changed: Array<string>, withdrawn: Array<string>, basesWithPendingUpdate: number } };

export type ModelDetailQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ModelDetailQuery = { __typename?: 'Query', entModel: { __typename?: 'EntModel', id: string, sourceId: string, name: string, location: string, description?: string | null, revision: number, withdrawn: boolean, updatedAt: string, testAccounts: Array<{ __typename?: 'ModelTestAccount', profile: Profile, profileLabel: string, login: string, casIdentifier: string, passwordSet: boolean, updatedAt: string }>, validation?: { __typename?: 'ModelValidation', revision: number, validatedAt: string, validatedBy?: string | null, passed: boolean, serviceUrl: string, accounts: Array<{ __typename?: 'ModelAccountResult', profile: Profile, profileLabel: string, login: string, declaredIdentifier: string, returnedIdentifier?: string | null, passed: boolean, steps: Array<{ __typename?: 'CasCheckStep', kind: CasCheckStepKind, label: string, status: CasCheckStatus, message: string }> }> } | null }, modelRevisions: Array<{ __typename?: 'ModelRevisionView', revision: number, createdAt: string }> };

export type ModelValidationFieldsFragment = { __typename?: 'ModelValidation', revision: number, validatedAt: string, validatedBy?: string | null, passed: boolean, serviceUrl: string, accounts: Array<{ __typename?: 'ModelAccountResult', profile: Profile, profileLabel: string, login: string, declaredIdentifier: string, returnedIdentifier?: string | null, passed: boolean, steps: Array<{ __typename?: 'CasCheckStep', kind: CasCheckStepKind, label: string, status: CasCheckStatus, message: string }> }> };

export type ModelRevisionDiffQueryVariables = Exact<{
  modelId: Scalars['ID']['input'];
  from: Scalars['Int']['input'];
  to: Scalars['Int']['input'];
}>;


export type ModelRevisionDiffQuery = { __typename?: 'Query', modelRevisionDiff: Array<{ __typename?: 'FieldChange', client?: ModelClient | null, field: string, label: string, old?: string | null, new?: string | null, summary: string }> };

export type SetModelTestAccountsOfModelMutationVariables = Exact<{
  modelId: Scalars['ID']['input'];
  accounts: Array<ModelTestAccountInput> | ModelTestAccountInput;
}>;


export type SetModelTestAccountsOfModelMutation = { __typename?: 'Mutation', setModelTestAccounts: Array<{ __typename?: 'ModelTestAccount', profile: Profile, profileLabel: string, login: string, casIdentifier: string, passwordSet: boolean, updatedAt: string }> };

export type ValidateModelNowMutationVariables = Exact<{
  modelId: Scalars['ID']['input'];
  serviceUrl?: InputMaybe<Scalars['String']['input']>;
}>;


export type ValidateModelNowMutation = { __typename?: 'Mutation', validateModel: { __typename?: 'ModelValidation', revision: number, validatedAt: string, validatedBy?: string | null, passed: boolean, serviceUrl: string, accounts: Array<{ __typename?: 'ModelAccountResult', profile: Profile, profileLabel: string, login: string, declaredIdentifier: string, returnedIdentifier?: string | null, passed: boolean, steps: Array<{ __typename?: 'CasCheckStep', kind: CasCheckStepKind, label: string, status: CasCheckStatus, message: string }> }> } };

export type PendingModelUpdatesQueryVariables = Exact<{
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type PendingModelUpdatesQuery = { __typename?: 'Query', pendingModelUpdates: { __typename?: 'PendingModelUpdateRowConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, nodes: Array<{ __typename?: 'PendingModelUpdateRow', baseId: string, groupUai: string, version: number, publication: Publication, establishments: Array<string>, modelId: string, modelName: string, fromRevision: number, toRevision?: number | null, withdrawn: boolean, changes: Array<string> }> } };

export type ApplyModelUpdatesMutationVariables = Exact<{
  items: Array<ModelUpdateItemInput> | ModelUpdateItemInput;
}>;


export type ApplyModelUpdatesMutation = { __typename?: 'Mutation', applyModelUpdates: Array<{ __typename?: 'ModelUpdateOutcome', baseId: string, groupUai?: string | null, status: ModelUpdateOutcomeStatus, code?: string | null, message?: string | null, version?: number | null }> };

export type DismissModelUpdatesMutationVariables = Exact<{
  items: Array<ModelUpdateItemInput> | ModelUpdateItemInput;
}>;


export type DismissModelUpdatesMutation = { __typename?: 'Mutation', dismissModelUpdates: Array<{ __typename?: 'ModelUpdateOutcome', baseId: string, groupUai?: string | null, status: ModelUpdateOutcomeStatus, code?: string | null, message?: string | null, version?: number | null }> };

export type ImportEstablishmentsCsvMutationVariables = Exact<{
  input: ImportEstablishmentsInput;
}>;


export type ImportEstablishmentsCsvMutation = { __typename?: 'Mutation', importEstablishments: { __typename?: 'ImportReport', committed: boolean, encoding: string, delimiter: string, created: number, updated: number, unchanged: number, rejected: number, lines: Array<{ __typename?: 'ImportLine', line: number, uai?: string | null, outcome: ImportLineOutcome, reason?: string | null }> } };

export type OutboxMessagesQueryVariables = Exact<{
  status?: InputMaybe<OutboxStatusName>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type OutboxMessagesQuery = { __typename?: 'Query', outboxMessages: { __typename?: 'OutboxMessageViewConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, nodes: Array<{ __typename?: 'OutboxMessageView', id: string, kind: string, to: Array<string>, subject: string, status: OutboxStatusName, attempts: number, lastError?: string | null, nextAttemptAt: string, sentAt?: string | null, createdAt: string }> } };

export type RequeueOutboxMessageMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RequeueOutboxMessageMutation = { __typename?: 'Mutation', requeueOutboxMessage: { __typename?: 'OutboxMessageView', id: string, status: OutboxStatusName, attempts: number, lastError?: string | null, nextAttemptAt: string } };

export type RegionDashboardQueryVariables = Exact<{
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type RegionDashboardQuery = { __typename?: 'Query', dashboard: { __typename?: 'DashboardPage', hasNextPage: boolean, endCursor?: string | null, rows: Array<{ __typename?: 'DashboardRow', uai: string, name: string, kind?: EstablishmentKind | null, kindLabel: string, commune?: string | null, department: string, academy?: string | null, closed: boolean, baseId?: string | null, groupUai?: string | null, hosting?: Hosting | null, schoolYear?: string | null, publication?: Publication | null, errors: number, warnings: number, model?: string | null, modelStatus: ModelStatus, casCheckedAt?: string | null, casOutcome?: CasCheckStatus | null }> } };

export type RegionSummaryQueryVariables = Exact<{ [key: string]: never; }>;


export type RegionSummaryQuery = { __typename?: 'Query', basesSummary: { __typename?: 'BasesSummary', bases: number, published: number, findings: Array<{ __typename?: 'FindingCount', code: string, severityLabel: string, example: string, bases: number }> }, modelUsage: Array<{ __typename?: 'ModelUsage', bases: number, pendingUpdates: number, model: { __typename?: 'EntModel', id: string, name: string } }>, driftedBases: Array<{ __typename?: 'DriftedBase', base: { __typename?: 'PronoteBase', id: string } }> };

export type UsersCallerQueryVariables = Exact<{ [key: string]: never; }>;


export type UsersCallerQuery = { __typename?: 'Query', me: { __typename?: 'User', id: string, role: Role, tenant?: { __typename?: 'Tenant', id: string } | null }, passwordRules: { __typename?: 'PasswordRules', minLength: number, rules: Array<string> } };

export type UserTenantsQueryVariables = Exact<{ [key: string]: never; }>;


export type UserTenantsQuery = { __typename?: 'Query', tenants: { __typename?: 'TenantConnection', nodes: Array<{ __typename?: 'Tenant', id: string, name: string }> } };

export type UsersListQueryVariables = Exact<{
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type UsersListQuery = { __typename?: 'Query', users: { __typename?: 'UserConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, nodes: Array<{ __typename?: 'User', id: string, email: string, displayName: string, role: Role, roleLabel: string, disabled: boolean, lastLoginAt?: string | null, createdAt: string, tenant?: { __typename?: 'Tenant', id: string, name: string } | null }> } };

export type CreateOperatorUserMutationVariables = Exact<{
  input: CreateUserInput;
}>;


export type CreateOperatorUserMutation = { __typename?: 'Mutation', createUser: { __typename?: 'User', id: string, email: string, displayName: string } };

export type SetUserDisabledMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
  disabled: Scalars['Boolean']['input'];
}>;


export type SetUserDisabledMutation = { __typename?: 'Mutation', setUserDisabled: { __typename?: 'User', id: string, disabled: boolean } };

export type RequestUserPasswordResetMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
}>;


export type RequestUserPasswordResetMutation = { __typename?: 'Mutation', requestPasswordReset: boolean };

export type GrantedEstablishmentsQueryVariables = Exact<{
  userId: Scalars['ID']['input'];
}>;


export type GrantedEstablishmentsQuery = { __typename?: 'Query', grantedEstablishments: Array<{ __typename?: 'Establishment', id: string, uai: string, name: string, commune?: string | null }> };

export type GrantEstablishmentToUserMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
  establishmentId: Scalars['ID']['input'];
}>;


export type GrantEstablishmentToUserMutation = { __typename?: 'Mutation', grantEstablishment: boolean };

export type RevokeEstablishmentFromUserMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
  establishmentId: Scalars['ID']['input'];
}>;


export type RevokeEstablishmentFromUserMutation = { __typename?: 'Mutation', revokeEstablishment: boolean };

export type EstablishmentLookupQueryVariables = Exact<{
  uai: Scalars['String']['input'];
  tenantId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type EstablishmentLookupQuery = { __typename?: 'Query', establishmentByUai: { __typename?: 'Establishment', id: string, uai: string, name: string, base?: { __typename?: 'PronoteBase', id: string, groupUai: string } | null } };

export type LiveEventsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type LiveEventsSubscription = { __typename?: 'Subscription', liveEvents: { __typename?: 'LiveEvent', kind: LiveEventKind, ticketId?: string | null, establishmentId?: string | null, baseId?: string | null, modelId?: string | null } };

export const SettingsFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SettingsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DelegationSettings"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"delegations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cas"}},{"kind":"Field","name":{"kind":"Name","value":"wsFederation"}},{"kind":"Field","name":{"kind":"Name","value":"eduConnect"}}]}},{"kind":"Field","name":{"kind":"Name","value":"espaces"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"espace"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"delegation"}}]}},{"kind":"Field","name":{"kind":"Name","value":"casUrls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"shape"}},{"kind":"Field","name":{"kind":"Name","value":"root"}},{"kind":"Field","name":{"kind":"Name","value":"loginUrl"}},{"kind":"Field","name":{"kind":"Name","value":"validationUrl"}}]}},{"kind":"Field","name":{"kind":"Name","value":"directAccess"}},{"kind":"Field","name":{"kind":"Name","value":"clientDirectAccess"}},{"kind":"Field","name":{"kind":"Name","value":"commonIdentifierAttribute"}},{"kind":"Field","name":{"kind":"Name","value":"firstConnection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"pronoteIdentifierAttribute"}},{"kind":"Field","name":{"kind":"Name","value":"identity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"birthDate"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"profile"}},{"kind":"Field","name":{"kind":"Name","value":"profileValues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"profile"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"values"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SettingsFieldsFragment, unknown>;
export const CasRegistryFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CasRegistryFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CasRegistry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenantId"}},{"kind":"Field","name":{"kind":"Name","value":"digest"}},{"kind":"Field","name":{"kind":"Name","value":"exportedAt"}},{"kind":"Field","name":{"kind":"Name","value":"exportedBy"}},{"kind":"Field","name":{"kind":"Name","value":"exportedServices"}},{"kind":"Field","name":{"kind":"Name","value":"services"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"baseId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"uais"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"validation"}}]}},{"kind":"Field","name":{"kind":"Name","value":"report"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"baseId"}},{"kind":"Field","name":{"kind":"Name","value":"uai"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"diff"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"added"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"uais"}}]}},{"kind":"Field","name":{"kind":"Name","value":"removed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"uais"}}]}},{"kind":"Field","name":{"kind":"Name","value":"changed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"filesToAdd"}},{"kind":"Field","name":{"kind":"Name","value":"filesToReplace"}},{"kind":"Field","name":{"kind":"Name","value":"filesToDelete"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attributeMapping"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"source"}}]}}]}}]} as unknown as DocumentNode<CasRegistryFieldsFragment, unknown>;
export const CasCheckFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CasCheckFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CasCheck"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"checkedAt"}},{"kind":"Field","name":{"kind":"Name","value":"checkedBy"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"protocol"}},{"kind":"Field","name":{"kind":"Name","value":"withCredentials"}},{"kind":"Field","name":{"kind":"Name","value":"outdated"}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<CasCheckFieldsFragment, unknown>;
export const ModelValidationFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ModelValidationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ModelValidation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revision"}},{"kind":"Field","name":{"kind":"Name","value":"validatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"validatedBy"}},{"kind":"Field","name":{"kind":"Name","value":"passed"}},{"kind":"Field","name":{"kind":"Name","value":"serviceUrl"}},{"kind":"Field","name":{"kind":"Name","value":"accounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"profile"}},{"kind":"Field","name":{"kind":"Name","value":"profileLabel"}},{"kind":"Field","name":{"kind":"Name","value":"login"}},{"kind":"Field","name":{"kind":"Name","value":"declaredIdentifier"}},{"kind":"Field","name":{"kind":"Name","value":"returnedIdentifier"}},{"kind":"Field","name":{"kind":"Name","value":"passed"}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ModelValidationFieldsFragment, unknown>;
export const AssistanceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Assistance"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"baseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"base"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"baseId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"groupUai"}},{"kind":"Field","name":{"kind":"Name","value":"establishments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"uai"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"tickets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"establishment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"uai"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AssistanceQuery, AssistanceQueryVariables>;
export const KnownAnswersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"KnownAnswers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"category"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TicketCategoryName"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"establishmentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"knownAnswers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"category"},"value":{"kind":"Variable","name":{"kind":"Name","value":"category"}}},{"kind":"Argument","name":{"kind":"Name","value":"establishmentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"establishmentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"answer"}}]}}]}}]} as unknown as DocumentNode<KnownAnswersQuery, KnownAnswersQueryVariables>;
export const TicketDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Ticket"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ticket"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"contactEmail"}},{"kind":"Field","name":{"kind":"Name","value":"timeline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"authorEmail"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"statusFrom"}},{"kind":"Field","name":{"kind":"Name","value":"statusTo"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attachments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"downloadPath"}},{"kind":"Field","name":{"kind":"Name","value":"size"}}]}}]}}]}}]} as unknown as DocumentNode<TicketQuery, TicketQueryVariables>;
export const OpenTicketDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OpenTicket"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"OpenTicketInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"openTicket"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<OpenTicketMutation, OpenTicketMutationVariables>;
export const CommentTicketDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CommentTicket"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"body"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commentTicket"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ticketId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}}},{"kind":"Argument","name":{"kind":"Name","value":"body"},"value":{"kind":"Variable","name":{"kind":"Name","value":"body"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<CommentTicketMutation, CommentTicketMutationVariables>;
export const AuditJournalDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditJournal"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AuditFilterInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"actorEmail"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"actionLabel"}},{"kind":"Field","name":{"kind":"Name","value":"targetType"}},{"kind":"Field","name":{"kind":"Name","value":"targetId"}},{"kind":"Field","name":{"kind":"Name","value":"baseId"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}}]}}]}}]}}]} as unknown as DocumentNode<AuditJournalQuery, AuditJournalQueryVariables>;
export const AuditActionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditActions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditActions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}}]}}]} as unknown as DocumentNode<AuditActionsQuery, AuditActionsQueryVariables>;
export const AuditCallerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditCaller"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tenants"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<AuditCallerQuery, AuditCallerQueryVariables>;
export const MeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"roleLabel"}},{"kind":"Field","name":{"kind":"Name","value":"tenant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const BaseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Base"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"base"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"groupUai"}},{"kind":"Field","name":{"kind":"Name","value":"hosting"}},{"kind":"Field","name":{"kind":"Name","value":"hostingLabel"}},{"kind":"Field","name":{"kind":"Name","value":"pronoteVersion"}},{"kind":"Field","name":{"kind":"Name","value":"schoolYear"}},{"kind":"Field","name":{"kind":"Name","value":"publicUrl"}},{"kind":"Field","name":{"kind":"Name","value":"publication"}},{"kind":"Field","name":{"kind":"Name","value":"serviceUrl"}},{"kind":"Field","name":{"kind":"Name","value":"directAccessUrl"}},{"kind":"Field","name":{"kind":"Name","value":"casAuthenticationLink"}},{"kind":"Field","name":{"kind":"Name","value":"casValidationLink"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"establishments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"uai"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kindLabel"}}]}},{"kind":"Field","name":{"kind":"Name","value":"settings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SettingsFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"diagnostics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"severityLabel"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"model"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appliedRevision"}},{"kind":"Field","name":{"kind":"Name","value":"appliedAt"}},{"kind":"Field","name":{"kind":"Name","value":"appliedBy"}},{"kind":"Field","name":{"kind":"Name","value":"model"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"revision"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pendingUpdate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fromRevision"}},{"kind":"Field","name":{"kind":"Name","value":"toRevision"}},{"kind":"Field","name":{"kind":"Name","value":"withdrawn"}},{"kind":"Field","name":{"kind":"Name","value":"since"}},{"kind":"Field","name":{"kind":"Name","value":"changes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"old"}},{"kind":"Field","name":{"kind":"Name","value":"new"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"drift"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"old"}},{"kind":"Field","name":{"kind":"Name","value":"new"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SettingsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DelegationSettings"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"delegations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cas"}},{"kind":"Field","name":{"kind":"Name","value":"wsFederation"}},{"kind":"Field","name":{"kind":"Name","value":"eduConnect"}}]}},{"kind":"Field","name":{"kind":"Name","value":"espaces"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"espace"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"delegation"}}]}},{"kind":"Field","name":{"kind":"Name","value":"casUrls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"shape"}},{"kind":"Field","name":{"kind":"Name","value":"root"}},{"kind":"Field","name":{"kind":"Name","value":"loginUrl"}},{"kind":"Field","name":{"kind":"Name","value":"validationUrl"}}]}},{"kind":"Field","name":{"kind":"Name","value":"directAccess"}},{"kind":"Field","name":{"kind":"Name","value":"clientDirectAccess"}},{"kind":"Field","name":{"kind":"Name","value":"commonIdentifierAttribute"}},{"kind":"Field","name":{"kind":"Name","value":"firstConnection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"pronoteIdentifierAttribute"}},{"kind":"Field","name":{"kind":"Name","value":"identity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"birthDate"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"profile"}},{"kind":"Field","name":{"kind":"Name","value":"profileValues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"profile"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"values"}}]}}]}}]}}]}}]} as unknown as DocumentNode<BaseQuery, BaseQueryVariables>;
export const ModelsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Models"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"models"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"location"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"revision"}},{"kind":"Field","name":{"kind":"Name","value":"withdrawn"}}]}}]}}]} as unknown as DocumentNode<ModelsQuery, ModelsQueryVariables>;
export const SetPublicationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetPublication"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"baseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"publication"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Publication"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setPublication"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"baseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"baseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}},{"kind":"Argument","name":{"kind":"Name","value":"publication"},"value":{"kind":"Variable","name":{"kind":"Name","value":"publication"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"publication"}}]}}]}}]} as unknown as DocumentNode<SetPublicationMutation, SetPublicationMutationVariables>;
export const UpdateSettingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateSettings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"baseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"settings"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DelegationSettingsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateDelegationSettings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"baseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"baseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}},{"kind":"Argument","name":{"kind":"Name","value":"settings"},"value":{"kind":"Variable","name":{"kind":"Name","value":"settings"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<UpdateSettingsMutation, UpdateSettingsMutationVariables>;
export const ApplyRecommendedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApplyRecommended"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"baseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"casRoot"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"applyRecommendedSettings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"baseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"baseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}},{"kind":"Argument","name":{"kind":"Name","value":"casRoot"},"value":{"kind":"Variable","name":{"kind":"Name","value":"casRoot"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<ApplyRecommendedMutation, ApplyRecommendedMutationVariables>;
export const ApplyModelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApplyModel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"baseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"modelId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"confirmOverwrite"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"applyModel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"baseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"baseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"modelId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"modelId"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}}},{"kind":"Argument","name":{"kind":"Name","value":"confirmOverwrite"},"value":{"kind":"Variable","name":{"kind":"Name","value":"confirmOverwrite"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"base"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"overwritten"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"old"}},{"kind":"Field","name":{"kind":"Name","value":"new"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}}]}}]}}]}}]} as unknown as DocumentNode<ApplyModelMutation, ApplyModelMutationVariables>;
export const ApplyModelUpdateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApplyModelUpdate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"baseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"applyModelUpdate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"baseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"baseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"base"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]}}]} as unknown as DocumentNode<ApplyModelUpdateMutation, ApplyModelUpdateMutationVariables>;
export const DismissModelUpdateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DismissModelUpdate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"baseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dismissModelUpdate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"baseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"baseId"}}}]}]}}]} as unknown as DocumentNode<DismissModelUpdateMutation, DismissModelUpdateMutationVariables>;
export const RentreeProgressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RentreeProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"schoolYear"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rentree"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"schoolYear"},"value":{"kind":"Variable","name":{"kind":"Name","value":"schoolYear"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"schoolYear"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"toDo"}}]}}]}}]} as unknown as DocumentNode<RentreeProgressQuery, RentreeProgressQueryVariables>;
export const BasesBeforeYearDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BasesBeforeYear"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"schoolYear"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"schoolYearBefore"},"value":{"kind":"Variable","name":{"kind":"Name","value":"schoolYear"}}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"groupUai"}},{"kind":"Field","name":{"kind":"Name","value":"schoolYear"}},{"kind":"Field","name":{"kind":"Name","value":"pronoteVersion"}},{"kind":"Field","name":{"kind":"Name","value":"publication"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"establishments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"uai"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<BasesBeforeYearQuery, BasesBeforeYearQueryVariables>;
export const BasesFromYearDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BasesFromYear"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"schoolYear"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"schoolYearFrom"},"value":{"kind":"Variable","name":{"kind":"Name","value":"schoolYear"}}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"groupUai"}},{"kind":"Field","name":{"kind":"Name","value":"schoolYear"}},{"kind":"Field","name":{"kind":"Name","value":"pronoteVersion"}},{"kind":"Field","name":{"kind":"Name","value":"publication"}}]}}]}}]}}]} as unknown as DocumentNode<BasesFromYearQuery, BasesFromYearQueryVariables>;
export const StartSchoolYearOfBaseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartSchoolYearOfBase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"baseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"schoolYear"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"pronoteVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startSchoolYear"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"baseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"baseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}},{"kind":"Argument","name":{"kind":"Name","value":"schoolYear"},"value":{"kind":"Variable","name":{"kind":"Name","value":"schoolYear"}}},{"kind":"Argument","name":{"kind":"Name","value":"pronoteVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"pronoteVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"schoolYear"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<StartSchoolYearOfBaseMutation, StartSchoolYearOfBaseMutationVariables>;
export const CreateBaseOfOperatorDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateBaseOfOperator"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateBaseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createBase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"groupUai"}},{"kind":"Field","name":{"kind":"Name","value":"establishments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uai"}}]}}]}}]}}]} as unknown as DocumentNode<CreateBaseOfOperatorMutation, CreateBaseOfOperatorMutationVariables>;
export const MoveEstablishmentToBaseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MoveEstablishmentToBase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"establishmentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"baseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"moveEstablishment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"establishmentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"establishmentId"}}},{"kind":"Argument","name":{"kind":"Name","value":"baseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"baseId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"groupUai"}},{"kind":"Field","name":{"kind":"Name","value":"establishments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uai"}}]}}]}}]}}]} as unknown as DocumentNode<MoveEstablishmentToBaseMutation, MoveEstablishmentToBaseMutationVariables>;
export const CasRegistryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CasRegistry"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"casRegistry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CasRegistryFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CasRegistryFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CasRegistry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenantId"}},{"kind":"Field","name":{"kind":"Name","value":"digest"}},{"kind":"Field","name":{"kind":"Name","value":"exportedAt"}},{"kind":"Field","name":{"kind":"Name","value":"exportedBy"}},{"kind":"Field","name":{"kind":"Name","value":"exportedServices"}},{"kind":"Field","name":{"kind":"Name","value":"services"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"baseId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"uais"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"validation"}}]}},{"kind":"Field","name":{"kind":"Name","value":"report"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"baseId"}},{"kind":"Field","name":{"kind":"Name","value":"uai"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"diff"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"added"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"uais"}}]}},{"kind":"Field","name":{"kind":"Name","value":"removed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"uais"}}]}},{"kind":"Field","name":{"kind":"Name","value":"changed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"filesToAdd"}},{"kind":"Field","name":{"kind":"Name","value":"filesToReplace"}},{"kind":"Field","name":{"kind":"Name","value":"filesToDelete"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attributeMapping"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"source"}}]}}]}}]} as unknown as DocumentNode<CasRegistryQuery, CasRegistryQueryVariables>;
export const RegistryTenantsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RegistryTenants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenants"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<RegistryTenantsQuery, RegistryTenantsQueryVariables>;
export const RecordCasRegistryExportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordCasRegistryExport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"digest"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordCasRegistryExport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}},{"kind":"Argument","name":{"kind":"Name","value":"digest"},"value":{"kind":"Variable","name":{"kind":"Name","value":"digest"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CasRegistryFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CasRegistryFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CasRegistry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenantId"}},{"kind":"Field","name":{"kind":"Name","value":"digest"}},{"kind":"Field","name":{"kind":"Name","value":"exportedAt"}},{"kind":"Field","name":{"kind":"Name","value":"exportedBy"}},{"kind":"Field","name":{"kind":"Name","value":"exportedServices"}},{"kind":"Field","name":{"kind":"Name","value":"services"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"baseId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"uais"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"validation"}}]}},{"kind":"Field","name":{"kind":"Name","value":"report"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"baseId"}},{"kind":"Field","name":{"kind":"Name","value":"uai"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"diff"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"added"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"uais"}}]}},{"kind":"Field","name":{"kind":"Name","value":"removed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"uais"}}]}},{"kind":"Field","name":{"kind":"Name","value":"changed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"filesToAdd"}},{"kind":"Field","name":{"kind":"Name","value":"filesToReplace"}},{"kind":"Field","name":{"kind":"Name","value":"filesToDelete"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attributeMapping"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"source"}}]}}]}}]} as unknown as DocumentNode<RecordCasRegistryExportMutation, RecordCasRegistryExportMutationVariables>;
export const SetCasRegistryAttributeMappingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetCasRegistryAttributeMapping"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"mapping"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CasAttributeMappingInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setCasRegistryAttributeMapping"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}},{"kind":"Argument","name":{"kind":"Name","value":"mapping"},"value":{"kind":"Variable","name":{"kind":"Name","value":"mapping"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CasRegistryFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CasRegistryFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CasRegistry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenantId"}},{"kind":"Field","name":{"kind":"Name","value":"digest"}},{"kind":"Field","name":{"kind":"Name","value":"exportedAt"}},{"kind":"Field","name":{"kind":"Name","value":"exportedBy"}},{"kind":"Field","name":{"kind":"Name","value":"exportedServices"}},{"kind":"Field","name":{"kind":"Name","value":"services"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"baseId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"uais"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"validation"}}]}},{"kind":"Field","name":{"kind":"Name","value":"report"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"baseId"}},{"kind":"Field","name":{"kind":"Name","value":"uai"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"diff"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"added"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"uais"}}]}},{"kind":"Field","name":{"kind":"Name","value":"removed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"uais"}}]}},{"kind":"Field","name":{"kind":"Name","value":"changed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"filesToAdd"}},{"kind":"Field","name":{"kind":"Name","value":"filesToReplace"}},{"kind":"Field","name":{"kind":"Name","value":"filesToDelete"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attributeMapping"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"source"}}]}}]}}]} as unknown as DocumentNode<SetCasRegistryAttributeMappingMutation, SetCasRegistryAttributeMappingMutationVariables>;
export const CasCheckDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CasCheck"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"base"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"groupUai"}},{"kind":"Field","name":{"kind":"Name","value":"casCheck"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CasCheckFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CasCheckFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CasCheck"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"checkedAt"}},{"kind":"Field","name":{"kind":"Name","value":"checkedBy"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"protocol"}},{"kind":"Field","name":{"kind":"Name","value":"withCredentials"}},{"kind":"Field","name":{"kind":"Name","value":"outdated"}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<CasCheckQuery, CasCheckQueryVariables>;
export const TestCasDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TestCas"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"baseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"credentials"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CasTestCredentialsInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"testCasSettings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"baseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"baseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"credentials"},"value":{"kind":"Variable","name":{"kind":"Name","value":"credentials"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CasCheckFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CasCheckFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CasCheck"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"checkedAt"}},{"kind":"Field","name":{"kind":"Name","value":"checkedBy"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"protocol"}},{"kind":"Field","name":{"kind":"Name","value":"withCredentials"}},{"kind":"Field","name":{"kind":"Name","value":"outdated"}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<TestCasMutation, TestCasMutationVariables>;
export const DiagnosticsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Diagnostics"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"base"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"groupUai"}},{"kind":"Field","name":{"kind":"Name","value":"diagnostics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"severityLabel"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<DiagnosticsQuery, DiagnosticsQueryVariables>;
export const EstablishmentAdminCallerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EstablishmentAdminCaller"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"tenant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<EstablishmentAdminCallerQuery, EstablishmentAdminCallerQueryVariables>;
export const EstablishmentAdminTenantsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EstablishmentAdminTenants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenants"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<EstablishmentAdminTenantsQuery, EstablishmentAdminTenantsQueryVariables>;
export const ManagedEstablishmentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ManagedEstablishments"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EstablishmentFilterInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"establishments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"uai"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kindLabel"}},{"kind":"Field","name":{"kind":"Name","value":"commune"}},{"kind":"Field","name":{"kind":"Name","value":"academy"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"tenant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ManagedEstablishmentsQuery, ManagedEstablishmentsQueryVariables>;
export const ManagedEstablishmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ManagedEstablishment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"establishment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"uai"}},{"kind":"Field","name":{"kind":"Name","value":"uaiChecksumAcknowledged"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"kindLabel"}},{"kind":"Field","name":{"kind":"Name","value":"commune"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"academy"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"tenant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"base"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"groupUai"}}]}}]}}]}}]} as unknown as DocumentNode<ManagedEstablishmentQuery, ManagedEstablishmentQueryVariables>;
export const CreateManagedEstablishmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateManagedEstablishment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateEstablishmentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createEstablishment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"uai"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<CreateManagedEstablishmentMutation, CreateManagedEstablishmentMutationVariables>;
export const UpdateManagedEstablishmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateManagedEstablishment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateEstablishmentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateEstablishment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"kindLabel"}},{"kind":"Field","name":{"kind":"Name","value":"commune"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"academy"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<UpdateManagedEstablishmentMutation, UpdateManagedEstablishmentMutationVariables>;
export const EstablishmentTenantAccountsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EstablishmentTenantAccounts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"users"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"disabled"}}]}}]}}]}}]} as unknown as DocumentNode<EstablishmentTenantAccountsQuery, EstablishmentTenantAccountsQueryVariables>;
export const EstablishmentAdministratorsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EstablishmentAdministrators"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"establishmentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"establishmentAdministrators"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"establishmentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"establishmentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"disabled"}}]}}]}}]} as unknown as DocumentNode<EstablishmentAdministratorsQuery, EstablishmentAdministratorsQueryVariables>;
export const GrantManagedEstablishmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"GrantManagedEstablishment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"establishmentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"grantEstablishment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}},{"kind":"Argument","name":{"kind":"Name","value":"establishmentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"establishmentId"}}}]}]}}]} as unknown as DocumentNode<GrantManagedEstablishmentMutation, GrantManagedEstablishmentMutationVariables>;
export const RevokeManagedEstablishmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeManagedEstablishment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"establishmentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeEstablishment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}},{"kind":"Argument","name":{"kind":"Name","value":"establishmentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"establishmentId"}}}]}]}}]} as unknown as DocumentNode<RevokeManagedEstablishmentMutation, RevokeManagedEstablishmentMutationVariables>;
export const MyEstablishmentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyEstablishments"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"establishments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"uai"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kindLabel"}},{"kind":"Field","name":{"kind":"Name","value":"commune"}},{"kind":"Field","name":{"kind":"Name","value":"base"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"groupUai"}},{"kind":"Field","name":{"kind":"Name","value":"hostingLabel"}},{"kind":"Field","name":{"kind":"Name","value":"publication"}},{"kind":"Field","name":{"kind":"Name","value":"schoolYear"}},{"kind":"Field","name":{"kind":"Name","value":"diagnostics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"severity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"model"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pendingUpdate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"toRevision"}},{"kind":"Field","name":{"kind":"Name","value":"withdrawn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"drift"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyEstablishmentsQuery, MyEstablishmentsQueryVariables>;
export const ExchangesCallerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExchangesCaller"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"tenant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<ExchangesCallerQuery, ExchangesCallerQueryVariables>;
export const ExchangeTenantsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExchangeTenants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenants"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<ExchangeTenantsQuery, ExchangeTenantsQueryVariables>;
export const ExchangeSettingsOfTenantDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExchangeSettingsOfTenant"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exchangeSettings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partnerId"}},{"kind":"Field","name":{"kind":"Name","value":"partnerName"}},{"kind":"Field","name":{"kind":"Name","value":"indexEducationKeyFingerprint"}},{"kind":"Field","name":{"kind":"Name","value":"partnerPublicKey"}},{"kind":"Field","name":{"kind":"Name","value":"partnerKeyFingerprint"}},{"kind":"Field","name":{"kind":"Name","value":"retentionAccountMatchingDays"}},{"kind":"Field","name":{"kind":"Name","value":"retentionIdentifiersExportDays"}}]}}]}}]} as unknown as DocumentNode<ExchangeSettingsOfTenantQuery, ExchangeSettingsOfTenantQueryVariables>;
export const UpdateExchangeSettingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateExchangeSettings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ExchangeSettingsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateExchangeSettings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partnerId"}},{"kind":"Field","name":{"kind":"Name","value":"partnerName"}},{"kind":"Field","name":{"kind":"Name","value":"indexEducationKeyFingerprint"}},{"kind":"Field","name":{"kind":"Name","value":"partnerPublicKey"}},{"kind":"Field","name":{"kind":"Name","value":"partnerKeyFingerprint"}},{"kind":"Field","name":{"kind":"Name","value":"retentionAccountMatchingDays"}},{"kind":"Field","name":{"kind":"Name","value":"retentionIdentifiersExportDays"}}]}}]}}]} as unknown as DocumentNode<UpdateExchangeSettingsMutation, UpdateExchangeSettingsMutationVariables>;
export const ImportEntAccountsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ImportEntAccounts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"file"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Upload"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"establishmentId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"mode"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DirectoryImportModeName"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"dryRun"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importEntAccounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"file"},"value":{"kind":"Variable","name":{"kind":"Name","value":"file"}}},{"kind":"Argument","name":{"kind":"Name","value":"establishmentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"establishmentId"}}},{"kind":"Argument","name":{"kind":"Name","value":"mode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"mode"}}},{"kind":"Argument","name":{"kind":"Name","value":"dryRun"},"value":{"kind":"Variable","name":{"kind":"Name","value":"dryRun"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"committed"}},{"kind":"Field","name":{"kind":"Name","value":"accounts"}},{"kind":"Field","name":{"kind":"Name","value":"establishments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uai"}},{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}},{"kind":"Field","name":{"kind":"Name","value":"removed"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"}}]}}]}}]} as unknown as DocumentNode<ImportEntAccountsMutation, ImportEntAccountsMutationVariables>;
export const StoredFilesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StoredFiles"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"establishmentId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"FileKindName"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"storedFiles"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"establishmentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"establishmentId"}}},{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"establishmentId"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"sha256"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"downloadPath"}}]}}]}}]}}]} as unknown as DocumentNode<StoredFilesQuery, StoredFilesQueryVariables>;
export const DeleteStoredFileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteStoredFile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteStoredFile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteStoredFileMutation, DeleteStoredFileMutationVariables>;
export const TicketQueueDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TicketQueue"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TicketFilterInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ticketQueue"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rows"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"uai"}},{"kind":"Field","name":{"kind":"Name","value":"establishmentName"}},{"kind":"Field","name":{"kind":"Name","value":"academy"}},{"kind":"Field","name":{"kind":"Name","value":"assigneeId"}},{"kind":"Field","name":{"kind":"Name","value":"assigneeName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}},{"kind":"Field","name":{"kind":"Name","value":"byStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"tickets"}}]}}]}}]}}]} as unknown as DocumentNode<TicketQueueQuery, TicketQueueQueryVariables>;
export const HelpdeskViewerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"HelpdeskViewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]} as unknown as DocumentNode<HelpdeskViewerQuery, HelpdeskViewerQueryVariables>;
export const HelpdeskAgentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"HelpdeskAgents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"users"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"disabled"}}]}}]}}]}}]} as unknown as DocumentNode<HelpdeskAgentsQuery, HelpdeskAgentsQueryVariables>;
export const HelpdeskTicketDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"HelpdeskTicket"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ticket"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"allowedStatuses"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"firstAnswerAt"}},{"kind":"Field","name":{"kind":"Name","value":"contactEmail"}},{"kind":"Field","name":{"kind":"Name","value":"contactPhone"}},{"kind":"Field","name":{"kind":"Name","value":"assigneeId"}},{"kind":"Field","name":{"kind":"Name","value":"baseId"}},{"kind":"Field","name":{"kind":"Name","value":"establishment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"uai"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"academy"}}]}},{"kind":"Field","name":{"kind":"Name","value":"settingsSnapshot"}},{"kind":"Field","name":{"kind":"Name","value":"diagnosticsSnapshot"}},{"kind":"Field","name":{"kind":"Name","value":"current"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"baseId"}},{"kind":"Field","name":{"kind":"Name","value":"settings"}},{"kind":"Field","name":{"kind":"Name","value":"diagnostics"}}]}},{"kind":"Field","name":{"kind":"Name","value":"knownAnswers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"answer"}}]}},{"kind":"Field","name":{"kind":"Name","value":"timeline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"authorEmail"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"statusFrom"}},{"kind":"Field","name":{"kind":"Name","value":"statusTo"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attachments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"downloadPath"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}}]} as unknown as DocumentNode<HelpdeskTicketQuery, HelpdeskTicketQueryVariables>;
export const TicketEmailsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TicketEmails"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ticket"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"emails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"sentAt"}}]}}]}}]}}]} as unknown as DocumentNode<TicketEmailsQuery, TicketEmailsQueryVariables>;
export const CommentOnTicketDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CommentOnTicket"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"body"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commentTicket"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ticketId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}}},{"kind":"Argument","name":{"kind":"Name","value":"body"},"value":{"kind":"Variable","name":{"kind":"Name","value":"body"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<CommentOnTicketMutation, CommentOnTicketMutationVariables>;
export const ChangeTicketStatusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ChangeTicketStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TicketStatusName"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changeTicketStatus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ticketId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<ChangeTicketStatusMutation, ChangeTicketStatusMutationVariables>;
export const AssignTicketDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AssignTicket"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"assigneeId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assignTicket"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ticketId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}}},{"kind":"Argument","name":{"kind":"Name","value":"assigneeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"assigneeId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"assigneeId"}}]}}]}}]} as unknown as DocumentNode<AssignTicketMutation, AssignTicketMutationVariables>;
export const AttachToTicketDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AttachToTicket"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"file"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Upload"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attachToTicket"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ticketId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}}},{"kind":"Argument","name":{"kind":"Name","value":"file"},"value":{"kind":"Variable","name":{"kind":"Name","value":"file"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}}]}}]}}]} as unknown as DocumentNode<AttachToTicketMutation, AttachToTicketMutationVariables>;
export const HelpdeskDashboardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"HelpdeskDashboard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"helpdeskDashboard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"openTickets"}},{"kind":"Field","name":{"kind":"Name","value":"openByAge"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"tickets"}}]}},{"kind":"Field","name":{"kind":"Name","value":"openByCategory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"tickets"}}]}},{"kind":"Field","name":{"kind":"Name","value":"openByAcademy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"tickets"}}]}},{"kind":"Field","name":{"kind":"Name","value":"openByEstablishment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"tickets"}}]}},{"kind":"Field","name":{"kind":"Name","value":"establishmentsWithMostTickets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"tickets"}}]}},{"kind":"Field","name":{"kind":"Name","value":"answeredTickets"}},{"kind":"Field","name":{"kind":"Name","value":"medianFirstAnswerSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"meanFirstAnswerSeconds"}}]}}]}}]} as unknown as DocumentNode<HelpdeskDashboardQuery, HelpdeskDashboardQueryVariables>;
export const MatchingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Matching"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"baseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"base"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"baseId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"groupUai"}},{"kind":"Field","name":{"kind":"Name","value":"establishments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"uai"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"matchingSupervision"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"baseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"baseId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"populations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"population"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"pronoteUsers"}},{"kind":"Field","name":{"kind":"Name","value":"entAccounts"}},{"kind":"Field","name":{"kind":"Name","value":"linked"}},{"kind":"Field","name":{"kind":"Name","value":"entToLink"}}]}},{"kind":"Field","name":{"kind":"Name","value":"latestRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"existingLinks"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"population"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"autoLinks"}},{"kind":"Field","name":{"kind":"Name","value":"reviews"}},{"kind":"Field","name":{"kind":"Name","value":"duplicates"}},{"kind":"Field","name":{"kind":"Name","value":"linksCreated"}},{"kind":"Field","name":{"kind":"Name","value":"validatedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"proposals"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"decision"},"value":{"kind":"EnumValue","value":"REVIEW"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"population"}},{"kind":"Field","name":{"kind":"Name","value":"entId"}},{"kind":"Field","name":{"kind":"Name","value":"decision"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"candidates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pronoteId"}},{"kind":"Field","name":{"kind":"Name","value":"score"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<MatchingQuery, MatchingQueryVariables>;
export const MatchingRowsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MatchingRows"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"baseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"population"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Population"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"onlyUnmatched"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"matchingRows"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"baseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"baseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"population"},"value":{"kind":"Variable","name":{"kind":"Name","value":"population"}}},{"kind":"Argument","name":{"kind":"Name","value":"onlyUnmatched"},"value":{"kind":"Variable","name":{"kind":"Name","value":"onlyUnmatched"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pronoteUser"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pronoteId"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"birthDate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"link"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entId"}},{"kind":"Field","name":{"kind":"Name","value":"origin"}}]}},{"kind":"Field","name":{"kind":"Name","value":"entAccount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entId"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"unmatchedEntAccounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"baseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"baseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"population"},"value":{"kind":"Variable","name":{"kind":"Name","value":"population"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entId"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"birthDate"}}]}}]}}]} as unknown as DocumentNode<MatchingRowsQuery, MatchingRowsQueryVariables>;
export const GenerateMatchingFileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"GenerateMatchingFile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"establishmentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"generateAccountMatchingFile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"establishmentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"establishmentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"downloadPath"}}]}}]}}]} as unknown as DocumentNode<GenerateMatchingFileMutation, GenerateMatchingFileMutationVariables>;
export const GenerateIdPronoteFileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"GenerateIdPronoteFile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"baseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"generatePronoteIdentifiersFile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"baseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"baseId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"downloadPath"}}]}}]}}]} as unknown as DocumentNode<GenerateIdPronoteFileMutation, GenerateIdPronoteFileMutationVariables>;
export const UploadIdentifiersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UploadIdentifiers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"establishmentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"file"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Upload"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"mode"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DirectoryImportModeName"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"confirmLinkRemoval"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uploadIdentifiersExport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"establishmentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"establishmentId"}}},{"kind":"Argument","name":{"kind":"Name","value":"file"},"value":{"kind":"Variable","name":{"kind":"Name","value":"file"}}},{"kind":"Argument","name":{"kind":"Name","value":"mode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"mode"}}},{"kind":"Argument","name":{"kind":"Name","value":"confirmLinkRemoval"},"value":{"kind":"Variable","name":{"kind":"Name","value":"confirmLinkRemoval"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"users"}},{"kind":"Field","name":{"kind":"Name","value":"withoutCasId"}},{"kind":"Field","name":{"kind":"Name","value":"exportUai"}}]}}]}}]} as unknown as DocumentNode<UploadIdentifiersMutation, UploadIdentifiersMutationVariables>;
export const StartMatchingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartMatching"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"baseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"existingLinks"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ExistingLinksPolicy"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startMatching"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"baseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"baseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"existingLinks"},"value":{"kind":"Variable","name":{"kind":"Name","value":"existingLinks"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<StartMatchingMutation, StartMatchingMutationVariables>;
export const ValidateStepDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ValidateStep"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"population"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Population"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"validateMatchingStep"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"runId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runId"}}},{"kind":"Argument","name":{"kind":"Name","value":"population"},"value":{"kind":"Variable","name":{"kind":"Name","value":"population"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"population"}},{"kind":"Field","name":{"kind":"Name","value":"linksCreated"}}]}}]}}]} as unknown as DocumentNode<ValidateStepMutation, ValidateStepMutationVariables>;
export const CancelMatchingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelMatching"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelMatching"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"runId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<CancelMatchingMutation, CancelMatchingMutationVariables>;
export const LinkAccountsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LinkAccounts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"baseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"pronoteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"entId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"linkAccounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"baseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"baseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"pronoteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"pronoteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"entId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"entId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pronoteId"}},{"kind":"Field","name":{"kind":"Name","value":"entId"}}]}}]}}]} as unknown as DocumentNode<LinkAccountsMutation, LinkAccountsMutationVariables>;
export const UnlinkAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UnlinkAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"baseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"pronoteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unlinkAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"baseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"baseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"pronoteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"pronoteId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pronoteId"}}]}}]}}]} as unknown as DocumentNode<UnlinkAccountMutation, UnlinkAccountMutationVariables>;
export const ResetLinksDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResetLinks"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"baseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"populations"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Population"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"confirmation"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resetAccountLinks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"baseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"baseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"populations"},"value":{"kind":"Variable","name":{"kind":"Name","value":"populations"}}},{"kind":"Argument","name":{"kind":"Name","value":"confirmation"},"value":{"kind":"Variable","name":{"kind":"Name","value":"confirmation"}}}]}]}}]} as unknown as DocumentNode<ResetLinksMutation, ResetLinksMutationVariables>;
export const ModelSourcesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ModelSources"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"modelSources"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"cron"}},{"kind":"Field","name":{"kind":"Name","value":"offeredToAll"}},{"kind":"Field","name":{"kind":"Name","value":"lastFetchedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSuccessAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}}]}},{"kind":"Field","name":{"kind":"Name","value":"models"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"sourceId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"location"}},{"kind":"Field","name":{"kind":"Name","value":"revision"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<ModelSourcesQuery, ModelSourcesQueryVariables>;
export const ModelUsageCountsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ModelUsageCounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"modelUsage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"model"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"bases"}},{"kind":"Field","name":{"kind":"Name","value":"pendingUpdates"}}]}}]}}]} as unknown as DocumentNode<ModelUsageCountsQuery, ModelUsageCountsQueryVariables>;
export const CatalogVersionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CatalogVersions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sourceId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"catalogVersions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sourceId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sourceId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"models"}},{"kind":"Field","name":{"kind":"Name","value":"added"}},{"kind":"Field","name":{"kind":"Name","value":"changed"}},{"kind":"Field","name":{"kind":"Name","value":"withdrawn"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<CatalogVersionsQuery, CatalogVersionsQueryVariables>;
export const RefreshModelFeedNowDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefreshModelFeedNow"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refreshModelFeed"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"newVersion"}},{"kind":"Field","name":{"kind":"Name","value":"added"}},{"kind":"Field","name":{"kind":"Name","value":"changed"}},{"kind":"Field","name":{"kind":"Name","value":"withdrawn"}},{"kind":"Field","name":{"kind":"Name","value":"basesWithPendingUpdate"}}]}}]}}]} as unknown as DocumentNode<RefreshModelFeedNowMutation, RefreshModelFeedNowMutationVariables>;
export const ModelDetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ModelDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entModel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"sourceId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"location"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"revision"}},{"kind":"Field","name":{"kind":"Name","value":"withdrawn"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"testAccounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"profile"}},{"kind":"Field","name":{"kind":"Name","value":"profileLabel"}},{"kind":"Field","name":{"kind":"Name","value":"login"}},{"kind":"Field","name":{"kind":"Name","value":"casIdentifier"}},{"kind":"Field","name":{"kind":"Name","value":"passwordSet"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"validation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ModelValidationFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"modelRevisions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"modelId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revision"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ModelValidationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ModelValidation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revision"}},{"kind":"Field","name":{"kind":"Name","value":"validatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"validatedBy"}},{"kind":"Field","name":{"kind":"Name","value":"passed"}},{"kind":"Field","name":{"kind":"Name","value":"serviceUrl"}},{"kind":"Field","name":{"kind":"Name","value":"accounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"profile"}},{"kind":"Field","name":{"kind":"Name","value":"profileLabel"}},{"kind":"Field","name":{"kind":"Name","value":"login"}},{"kind":"Field","name":{"kind":"Name","value":"declaredIdentifier"}},{"kind":"Field","name":{"kind":"Name","value":"returnedIdentifier"}},{"kind":"Field","name":{"kind":"Name","value":"passed"}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ModelDetailQuery, ModelDetailQueryVariables>;
export const ModelRevisionDiffDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ModelRevisionDiff"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"modelId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"modelRevisionDiff"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"modelId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"modelId"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"client"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"old"}},{"kind":"Field","name":{"kind":"Name","value":"new"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}}]}}]}}]} as unknown as DocumentNode<ModelRevisionDiffQuery, ModelRevisionDiffQueryVariables>;
export const SetModelTestAccountsOfModelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetModelTestAccountsOfModel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"modelId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accounts"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ModelTestAccountInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setModelTestAccounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"modelId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"modelId"}}},{"kind":"Argument","name":{"kind":"Name","value":"accounts"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accounts"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"profile"}},{"kind":"Field","name":{"kind":"Name","value":"profileLabel"}},{"kind":"Field","name":{"kind":"Name","value":"login"}},{"kind":"Field","name":{"kind":"Name","value":"casIdentifier"}},{"kind":"Field","name":{"kind":"Name","value":"passwordSet"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<SetModelTestAccountsOfModelMutation, SetModelTestAccountsOfModelMutationVariables>;
export const ValidateModelNowDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ValidateModelNow"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"modelId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"serviceUrl"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"validateModel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"modelId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"modelId"}}},{"kind":"Argument","name":{"kind":"Name","value":"serviceUrl"},"value":{"kind":"Variable","name":{"kind":"Name","value":"serviceUrl"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ModelValidationFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ModelValidationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ModelValidation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revision"}},{"kind":"Field","name":{"kind":"Name","value":"validatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"validatedBy"}},{"kind":"Field","name":{"kind":"Name","value":"passed"}},{"kind":"Field","name":{"kind":"Name","value":"serviceUrl"}},{"kind":"Field","name":{"kind":"Name","value":"accounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"profile"}},{"kind":"Field","name":{"kind":"Name","value":"profileLabel"}},{"kind":"Field","name":{"kind":"Name","value":"login"}},{"kind":"Field","name":{"kind":"Name","value":"declaredIdentifier"}},{"kind":"Field","name":{"kind":"Name","value":"returnedIdentifier"}},{"kind":"Field","name":{"kind":"Name","value":"passed"}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ValidateModelNowMutation, ValidateModelNowMutationVariables>;
export const PendingModelUpdatesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PendingModelUpdates"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pendingModelUpdates"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"500"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"baseId"}},{"kind":"Field","name":{"kind":"Name","value":"groupUai"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"publication"}},{"kind":"Field","name":{"kind":"Name","value":"establishments"}},{"kind":"Field","name":{"kind":"Name","value":"modelId"}},{"kind":"Field","name":{"kind":"Name","value":"modelName"}},{"kind":"Field","name":{"kind":"Name","value":"fromRevision"}},{"kind":"Field","name":{"kind":"Name","value":"toRevision"}},{"kind":"Field","name":{"kind":"Name","value":"withdrawn"}},{"kind":"Field","name":{"kind":"Name","value":"changes"}}]}}]}}]}}]} as unknown as DocumentNode<PendingModelUpdatesQuery, PendingModelUpdatesQueryVariables>;
export const ApplyModelUpdatesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApplyModelUpdates"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"items"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ModelUpdateItemInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"applyModelUpdates"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"items"},"value":{"kind":"Variable","name":{"kind":"Name","value":"items"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"baseId"}},{"kind":"Field","name":{"kind":"Name","value":"groupUai"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<ApplyModelUpdatesMutation, ApplyModelUpdatesMutationVariables>;
export const DismissModelUpdatesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DismissModelUpdates"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"items"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ModelUpdateItemInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dismissModelUpdates"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"items"},"value":{"kind":"Variable","name":{"kind":"Name","value":"items"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"baseId"}},{"kind":"Field","name":{"kind":"Name","value":"groupUai"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<DismissModelUpdatesMutation, DismissModelUpdatesMutationVariables>;
export const ImportEstablishmentsCsvDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ImportEstablishmentsCsv"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ImportEstablishmentsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importEstablishments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"committed"}},{"kind":"Field","name":{"kind":"Name","value":"encoding"}},{"kind":"Field","name":{"kind":"Name","value":"delimiter"}},{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}},{"kind":"Field","name":{"kind":"Name","value":"rejected"}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"line"}},{"kind":"Field","name":{"kind":"Name","value":"uai"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]} as unknown as DocumentNode<ImportEstablishmentsCsvMutation, ImportEstablishmentsCsvMutationVariables>;
export const OutboxMessagesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OutboxMessages"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"OutboxStatusName"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"outboxMessages"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"sentAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}}]} as unknown as DocumentNode<OutboxMessagesQuery, OutboxMessagesQueryVariables>;
export const RequeueOutboxMessageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequeueOutboxMessage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requeueOutboxMessage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}}]}}]}}]} as unknown as DocumentNode<RequeueOutboxMessageMutation, RequeueOutboxMessageMutationVariables>;
export const RegionDashboardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RegionDashboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dashboard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1000"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}},{"kind":"Field","name":{"kind":"Name","value":"rows"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uai"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"kindLabel"}},{"kind":"Field","name":{"kind":"Name","value":"commune"}},{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"academy"}},{"kind":"Field","name":{"kind":"Name","value":"closed"}},{"kind":"Field","name":{"kind":"Name","value":"baseId"}},{"kind":"Field","name":{"kind":"Name","value":"groupUai"}},{"kind":"Field","name":{"kind":"Name","value":"hosting"}},{"kind":"Field","name":{"kind":"Name","value":"schoolYear"}},{"kind":"Field","name":{"kind":"Name","value":"publication"}},{"kind":"Field","name":{"kind":"Name","value":"errors"}},{"kind":"Field","name":{"kind":"Name","value":"warnings"}},{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"modelStatus"}},{"kind":"Field","name":{"kind":"Name","value":"casCheckedAt"}},{"kind":"Field","name":{"kind":"Name","value":"casOutcome"}}]}}]}}]}}]} as unknown as DocumentNode<RegionDashboardQuery, RegionDashboardQueryVariables>;
export const RegionSummaryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RegionSummary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"basesSummary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bases"}},{"kind":"Field","name":{"kind":"Name","value":"published"}},{"kind":"Field","name":{"kind":"Name","value":"findings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"severityLabel"}},{"kind":"Field","name":{"kind":"Name","value":"example"}},{"kind":"Field","name":{"kind":"Name","value":"bases"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"modelUsage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"model"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"bases"}},{"kind":"Field","name":{"kind":"Name","value":"pendingUpdates"}}]}},{"kind":"Field","name":{"kind":"Name","value":"driftedBases"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"base"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<RegionSummaryQuery, RegionSummaryQueryVariables>;
export const UsersCallerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UsersCaller"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"tenant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"passwordRules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"minLength"}},{"kind":"Field","name":{"kind":"Name","value":"rules"}}]}}]}}]} as unknown as DocumentNode<UsersCallerQuery, UsersCallerQueryVariables>;
export const UserTenantsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UserTenants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenants"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<UserTenantsQuery, UserTenantsQueryVariables>;
export const UsersListDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UsersList"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"users"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"roleLabel"}},{"kind":"Field","name":{"kind":"Name","value":"disabled"}},{"kind":"Field","name":{"kind":"Name","value":"lastLoginAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"tenant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<UsersListQuery, UsersListQueryVariables>;
export const CreateOperatorUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateOperatorUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]} as unknown as DocumentNode<CreateOperatorUserMutation, CreateOperatorUserMutationVariables>;
export const SetUserDisabledDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetUserDisabled"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"disabled"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setUserDisabled"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}},{"kind":"Argument","name":{"kind":"Name","value":"disabled"},"value":{"kind":"Variable","name":{"kind":"Name","value":"disabled"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"disabled"}}]}}]}}]} as unknown as DocumentNode<SetUserDisabledMutation, SetUserDisabledMutationVariables>;
export const RequestUserPasswordResetDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestUserPasswordReset"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestPasswordReset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}]}]}}]} as unknown as DocumentNode<RequestUserPasswordResetMutation, RequestUserPasswordResetMutationVariables>;
export const GrantedEstablishmentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"GrantedEstablishments"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"grantedEstablishments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"uai"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"commune"}}]}}]}}]} as unknown as DocumentNode<GrantedEstablishmentsQuery, GrantedEstablishmentsQueryVariables>;
export const GrantEstablishmentToUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"GrantEstablishmentToUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"establishmentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"grantEstablishment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}},{"kind":"Argument","name":{"kind":"Name","value":"establishmentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"establishmentId"}}}]}]}}]} as unknown as DocumentNode<GrantEstablishmentToUserMutation, GrantEstablishmentToUserMutationVariables>;
export const RevokeEstablishmentFromUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeEstablishmentFromUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"establishmentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeEstablishment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}},{"kind":"Argument","name":{"kind":"Name","value":"establishmentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"establishmentId"}}}]}]}}]} as unknown as DocumentNode<RevokeEstablishmentFromUserMutation, RevokeEstablishmentFromUserMutationVariables>;
export const EstablishmentLookupDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EstablishmentLookup"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"uai"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"establishmentByUai"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"uai"},"value":{"kind":"Variable","name":{"kind":"Name","value":"uai"}}},{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"uai"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"base"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"groupUai"}}]}}]}}]}}]} as unknown as DocumentNode<EstablishmentLookupQuery, EstablishmentLookupQueryVariables>;
export const LiveEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"LiveEvents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"liveEvents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"ticketId"}},{"kind":"Field","name":{"kind":"Name","value":"establishmentId"}},{"kind":"Field","name":{"kind":"Name","value":"baseId"}},{"kind":"Field","name":{"kind":"Name","value":"modelId"}}]}}]}}]} as unknown as DocumentNode<LiveEventsSubscription, LiveEventsSubscriptionVariables>;