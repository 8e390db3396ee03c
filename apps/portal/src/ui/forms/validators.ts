// Client-side mirrors of the API's rules, worded like the API, so a message reads the same
// whether the browser or the server caught it. The API stays the authority.

import { isUuid, TEXT_LIMITS, tooLongMessage } from '@cloister/domain';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailProblem(value: string): string | null {
  const email = value.trim();
  if (email === '') return 'must not be empty';
  if (email.length > TEXT_LIMITS.user.email) return tooLongMessage(TEXT_LIMITS.user.email);
  if (!EMAIL.test(email)) return 'must be a valid email address';
  return null;
}

export function uuidProblem(value: string): string | null {
  return isUuid(value.trim()) ? null : 'must be a UUID';
}

/** Drops keys whose value is null, so "no errors" is an empty object. */
export function compactErrors(errors: Record<string, string | null>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors)) if (message !== null) result[key] = message;
  return result;
}
