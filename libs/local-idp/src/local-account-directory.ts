import { localSubjectFor } from './local-subject';

export interface LocalAccount {
  subject: string;
  email: string;
  name: string;
}

// Deliberately loose: local mode accepts any plausible address, the API owns real user records.
const EMAIL_PATTERN = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

export function isPlausibleEmail(value: string): boolean {
  return value.length <= 254 && EMAIL_PATTERN.test(value);
}

/** "jane.doe@example.org" → "Jane Doe": a readable default for people not in knownUsers. */
export function displayNameFromEmail(email: string): string {
  const localPart = email.split('@')[0] ?? email;
  const words = localPart.split(/[._+-]+/).filter((word) => word.length > 0);
  if (words.length === 0) return email;
  return words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ');
}

/**
 * Who has signed in to this IdP process. The provider only keeps a `sub` in its sessions and
 * tokens, and `sub` is a one-way hash, so we remember email and name per subject here. It is
 * in memory, like the provider's own sessions: after a restart people sign in again.
 */
export class LocalAccountDirectory {
  private readonly accounts = new Map<string, LocalAccount>();
  // Keyed by lowercased email; known users keep the spelling the seed data uses.
  private readonly knownUsers = new Map<string, { email: string; name: string }>();

  constructor(knownUsers: readonly { email: string; name: string }[] = []) {
    for (const user of knownUsers) {
      this.knownUsers.set(user.email.trim().toLowerCase(), { email: user.email.trim(), name: user.name });
      this.remember(user.email);
    }
  }

  remember(email: string): LocalAccount {
    const normalized = email.trim().toLowerCase();
    const known = this.knownUsers.get(normalized);
    const account: LocalAccount = {
      subject: localSubjectFor(normalized),
      email: known?.email ?? normalized,
      name: known?.name ?? displayNameFromEmail(normalized),
    };
    this.accounts.set(account.subject, account);
    return account;
  }

  find(subject: string): LocalAccount | undefined {
    return this.accounts.get(subject);
  }
}
