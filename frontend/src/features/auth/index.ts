export { RequireAuth } from './components/RequireAuth';
export { MeQuery } from './api/me';
