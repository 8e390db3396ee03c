import { Inject, Injectable } from '@nestjs/common';
import { type AccessTokenVerifierPort, DomainError, forbidden } from '@cloister/domain';
import { AccessTokenError } from '@cloister/local-idp';
import { type UserRecord, UsersRepository } from '@cloister/persistence';
import { ACCESS_TOKEN_VERIFIER } from '../core/tokens';

/** Turns a bearer token into a Cloister user, for the route guard and for the queue dashboard alike. */
@Injectable()
export class AuthenticationService {
  constructor(@Inject(ACCESS_TOKEN_VERIFIER) private readonly verifier: AccessTokenVerifierPort, private readonly users: UsersRepository) {}

  async authenticate(token: string): Promise<UserRecord> {
    let identity;
    try {
      identity = await this.verifier.verify(token);
    } catch (e) {
      // A refused token is the caller's problem (401); an unreachable identity provider is ours (500, logged).
      if (!(e instanceof AccessTokenError)) throw e;
      throw new DomainError('unauthenticated', 'INVALID_TOKEN', `the access token was refused (${e.reason})`, { reason: e.reason });
    }
    const user = await this.users.resolveSignIn(identity);
    if (!user) throw forbidden('IDENTITY_CONFLICT', 'this email is already linked to another sign-in identity');
    return user;
  }
}
