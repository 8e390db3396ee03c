import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import type { Executor } from './audit.repository';

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

  async findByEmail(email: string, ex: Executor = this.db): Promise<UserRecord | null> {
    const r = await ex.selectFrom('users').select(columns).where('email', '=', email.toLowerCase()).executeTakeFirst();
    return r ? toUser(r) : null;
  }

  /**
   * Resolves a signed-in identity to a user: by (issuer, subject), else by email — which is how an invited user
   * (created before they ever signed in) is joined to their identity on first sign-in.
   */
  async resolveSignIn(identity: { issuer: string; subject: string; email: string | null; name: string | null }): Promise<UserRecord | null> {
    const bySubject = await this.db.selectFrom('users').select(columns)
      .where('issuer', '=', identity.issuer).where('subject', '=', identity.subject).executeTakeFirst();
    if (bySubject) return toUser(bySubject);
    if (!identity.email) return null;
    const email = identity.email.toLowerCase();
    const updated = await this.db.updateTable('users')
      .set({ subject: identity.subject, issuer: identity.issuer, last_seen_at: new Date() })
      .where('email', '=', email).where('subject', 'is', null)
      .returning(columns).executeTakeFirst();
    if (updated) return toUser(updated);
    const inserted = await this.db.insertInto('users')
      .values({ email, display_name: identity.name ?? email, subject: identity.subject, issuer: identity.issuer, last_seen_at: new Date() })
      .onConflict((oc) => oc.column('email').doNothing())
      .returning(columns).executeTakeFirst();
    if (inserted) return toUser(inserted);
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
