import type { Role } from '@/gql/graphql';

/** The roles as the API labels them (`User.roleLabel`), for the creation form. */
export const ROLE_LABELS: Record<Role, string> = {
  PLATFORM_ADMIN: 'Administrateur de la plateforme',
  OPERATOR_ADMIN: 'Administrateur de l’opérateur ENT',
  HELPDESK: 'Assistance',
  SCHOOL_ADMIN: 'Administrateur d’établissement',
};

/** The roles `caller` may give (the API's rule: nobody but a platform administrator creates one). */
export function creatableRoles(caller: Role): Role[] {
  if (caller === 'PLATFORM_ADMIN') return ['SCHOOL_ADMIN', 'HELPDESK', 'OPERATOR_ADMIN', 'PLATFORM_ADMIN'];
  if (caller === 'OPERATOR_ADMIN') return ['SCHOOL_ADMIN', 'HELPDESK', 'OPERATOR_ADMIN'];
  return [];
}
