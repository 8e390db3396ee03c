import { createHmac } from 'node:crypto';

/** The break-glass local administrator of every project VM (researchers sign in with Microsoft Entra ID). */
export const VM_ADMIN_USERNAME = 'cloisteradmin';

// One character of each class Azure's password complexity rule asks for (upper, lower, digit, special), so the
// derived password always qualifies whatever the HMAC slice happens to contain.
const COMPLEXITY_SUFFIX = 'Aa1!';
// 32 base64url characters carry 192 bits of the HMAC; with the suffix the password is 36 characters, inside both
// Windows' (8–123) and Linux's (6–72) limits.
const HMAC_CHARACTERS = 32;

/**
 * A project VM's admin password, derived rather than generated: ARM refuses to change osProfile.adminPassword of an
 * existing VM, so every redeploy must send the same value, and deriving it means Cloister never stores it (the
 * template keeps it in the project's Key Vault for break-glass use). HMAC keeps it unique per project and
 * unguessable without the secret.
 */
export function vmAdminPassword(secret: string, projectId: string): string {
  const digest = createHmac('sha256', secret).update(projectId).digest('base64url');
  return `${digest.slice(0, HMAC_CHARACTERS)}${COMPLEXITY_SUFFIX}`;
}
