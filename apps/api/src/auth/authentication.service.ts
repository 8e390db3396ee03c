import { Inject, Injectable } from '@nestjs/common';
import { type AccessTokenVerifierPort, DomainError, forbidden } from '@cloister/domain';
import { AccessTokenError } from '@cloister/local-idp';
import { AuditRepository, type Db, type UserRecord, UsersRepository } from '@cloister/persistence';
import { ACCESS_TOKEN_VERIFIER, DATABASE } from '../core/tokens';

/** Where a sign-in came from, for the audit event of a first sign-in. */
export interface SignInContext {
  readonly requestId: string | null;
  readonly sourceIp: string | null;
}

/** Turns a bearer token into a Cloister user, for the route guard and for the queue dashboard alike. */
@Injectable()
export class AuthenticationService {
  constructor(
    @Inject(ACCESS_TOKEN_VERIFIER) private readonly verifier: AccessTokenVerifierPort,
    @Inject(DATABASE) private readonly db: Db,
    private readonly users: UsersRepository,
    private readonly audit: AuditRepository,
  ) {}

  async authenticate(token: string, ctx: SignInContext = { requestId: null, sourceIp: null }): Promise<UserRecord> {
    let identity;
    try {
      identity = await this.verifier.verify(token);
    } catch (e) {
      // A refused token is the caller's problem (401); an unreachable identity provider is ours (500, logged).
      if (!(e instanceof AccessTokenError)) throw e;
      throw new DomainError('unauthenticated', 'INVALID_TOKEN', `the access token was refused (${e.reason})`, { reason: e.reason });
    }
    const known = await this.users.findByIdentity(identity.issuer, identity.subject);
    if (known) return known;
    // First sign-in changes who the user is (an invitation is joined, or a user created): audited with the change.
    const linked = await this.db.transaction().execute(async (trx) => {
      const result = await this.users.linkFirstSignIn(identity, trx);
      if (result) {
        await this.audit.append(trx, {
          actorId: result.user.id, actorEmail: result.user.email, action: result.invited ? 'auth.invitation_joined' : 'auth.user_created',
          targetType: 'user', targetId: result.user.id, projectId: null, requestId: ctx.requestId, sourceIp: ctx.sourceIp,
          details: { issuer: identity.issuer, subject: identity.subject },
        });
      }
      return result;
    });
    if (linked) return linked.user;
    // A parallel first request of the same identity may have linked it a moment ago (the portal sends several).
    const raced = await this.users.findByIdentity(identity.issuer, identity.subject);
    if (raced) return raced;
    throw forbidden('IDENTITY_CONFLICT', 'this email is already linked to another sign-in identity');
  }
}
