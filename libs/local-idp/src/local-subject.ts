import { createHash } from 'node:crypto';

/** Stable subject per email, so the same person keeps one identity across restarts and dev tokens. */
export function localSubjectFor(email: string): string {
  return `local|${createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32)}`;
}
