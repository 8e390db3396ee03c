import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { CloisterRequest, RequestActor } from '../core/request-context';

/** The caller as established by the access guard; only valid on routes that are not public. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestActor => {
  const req = ctx.switchToHttp().getRequest<CloisterRequest>();
  if (!req.actor) throw new Error('CurrentActor used on a route without an authenticated policy');
  return req.actor;
});
