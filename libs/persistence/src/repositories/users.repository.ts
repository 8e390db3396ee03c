import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import type { Executor } from './audit.repository';
import { inUuids } from './id-list';

export interface UserRecord {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly isPlatformAdmin: boolean;
  readonly subject: string | null;
}

const columns = ['id', 'email', 'display_name', 'is_platform_admin', 'subject'] as const;
const toUser = (r: { id: string; email: string; display_name: string; is_platform_admin: boolean; subject: string | null }): UserRecord => ({
  id: r.id, email: r.email, displayName: r.display_name, isPlatformAdmin: r.is_platform_admin, subject: r.subject,
});

export class UsersRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async findById(id: string, ex: Executor = this.db): Promise<UserRecord | null> {
    const r = await ex.selectFrom('users').select(columns).where('id', '=', id).executeTakeFirst();
    return r ? toUser(r) : null;
  }

  /** These users (ids naming none are skipped), in one query. */
  async findByIds(ids: readonly string[], ex: Executor = this.db): Promise<UserRecord[]> {
    if (!ids.length) return [];
    return (await ex.selectFrom('users').select(columns).where(inUuids('id', [...new Set(ids)])).execute()).map(toUser);
  }

  async findByEmail(email: string, ex: Executor = this.db): Promise<UserRecord | null> {
    const r = await ex.selectFrom('users').select(columns).where('email', '=', email.toLowerCase()).executeTakeFirst();
    return r ? toUser(r) : null;
  }

  /** The user already linked to this sign-in identity, if any (every request after the first takes this path). */
  async findByIdentity(issuer: string, subject: string, ex: Executor = this.db): Promise<UserRecord | null> {
    const r = await ex.selectFrom('users').select(columns).where('issuer', '=', issuer).where('subject', '=', subject).executeTakeFirst();
    return r ? toUser(r) : null;
  }

  /**
   * First sign-in of an identity not linked yet: joins it to the user invited by that email (their memberships
   * apply from this request on), or creates a new user. Null when another identity already owns the email.
   */
  async linkFirstSignIn(
    identity: { issuer: string; subject: string; email: string | null; name: string | null }, ex: Executor = this.db,
  ): Promise<{ user: UserRecord; invited: boolean } | null> {
    if (!identity.email) return null;
    const email = identity.email.toLowerCase();
    const updated = await ex.updateTable('users')
      .set({ subject: identity.subject, issuer: identity.issuer, last_seen_at: new Date() })
      .where('email', '=', email).where('subject', 'is', null)
      .returning(columns).executeTakeFirst();
    if (updated) return { user: toUser(updated), invited: true };
    const inserted = await ex.insertInto('users')
      .values({ email, display_name: identity.name ?? email, subject: identity.subject, issuer: identity.issuer, last_seen_at: new Date() })
      .onConflict((oc) => oc.column('email').doNothing())
      .returning(columns).executeTakeFirst();
    if (inserted) return { user: toUser(inserted), invited: false };
    // Someone else's identity already owns this email: refuse rather than merge accounts.
    return null;
  }

  /** Creates an invited user (no identity yet) or returns the existing one. */
  async ensureByEmail(email: string, displayName: string | null, ex: Executor = this.db): Promise<UserRecord> {
    const normalized = email.toLowerCase();
    await ex.insertInto('users').values({ email: normalized, display_name: displayName ?? normalized })
      .onConflict((oc) => oc.column('email').doNothing()).execute();
    const user = await this.findByEmail(normalized, ex);
    if (!user) throw new Error(`user ${normalized} vanished after insert`);
    return user;
  }

  async setPlatformAdmin(userId: string, value: boolean, ex: Executor = this.db): Promise<void> {
    await ex.updateTable('users').set({ is_platform_admin: value }).where('id', '=', userId).execute();
  }
}
