// Where a finding (docs/diagnostics.md) sends the person: the id of the
// field at fault on the base page.
const FIELD_OF_FINDING: Record<string, string> = {
  SETTINGS_INCOMPLETE: 'field-delegations',
  NO_DELEGATION: 'field-delegations',
  ESPACE_WITHOUT_DELEGATION: 'field-espaces',
  CAS_URL_HTTP: 'field-casRoot',
  PUBLIC_URL_MISSING: 'identity',
  PUBLIC_URL_HTTP: 'identity',
  SERVICE_URL: 'identity',
  DIRECT_ACCESS_OFF_BEFORE_CREDENTIALS: 'field-directAccess',
  DIRECT_ACCESS_LIMITED_BEFORE_CREDENTIALS: 'field-directAccess',
  DIRECT_ACCESS_URL: 'field-directAccess',
  COMMON_IDENTIFIER_ATTRIBUTE: 'field-commonIdentifier',
  PRONOTE_IDENTIFIER_NEEDS_EXPORT: 'field-identification',
  REFUSE_ACCESS_NEEDS_IMPORT: 'field-identification',
  NOT_PUBLISHED: 'publication',
  ESTABLISHMENT_CLOSED: 'identity',
  CAS_CHECK_FAILED: 'cas-test',
  CAS_CHECK_WARNING: 'cas-test',
  CAS_CHECK_PASSED: 'cas-test',
  CAS_CHECK_OUTDATED: 'cas-test',
  MODEL_FEED_FAILED: 'model',
  MODEL_FEED_NEVER_FETCHED: 'model',
};

export function fieldOfFinding(code: string): string | undefined {
  return FIELD_OF_FINDING[code];
}
