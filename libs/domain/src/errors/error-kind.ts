/**
 * What kind of failure a domain error is. The API maps kinds to HTTP statuses in one place;
 * the domain itself knows nothing about HTTP.
 */
export type ErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition_failed'
  | 'payload_too_large'
  | 'unavailable';
