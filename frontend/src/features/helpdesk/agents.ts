import type { HelpdeskAgentsQuery } from '@/gql/graphql';

export interface Agent {
  id: string;
  name: string;
  /** The signed-in person. */
  me: boolean;
}

/**
 * The people a ticket may be given to: the tenant's helpdesk agents and
 * operator administrators still active (the API's rule), by name.
 */
export function agentsOf(data: HelpdeskAgentsQuery): Agent[] {
  return data.users.nodes
    .filter((u) => !u.disabled && (u.role === 'HELPDESK' || u.role === 'OPERATOR_ADMIN'))
    .map((u) => ({ id: u.id, name: `${u.displayName} (${u.email})`, me: u.id === data.me.id }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}
