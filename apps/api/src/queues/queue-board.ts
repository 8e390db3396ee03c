import type { INestApplication } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullJobQueue } from '@cloister/adapters';
import { DomainError } from '@cloister/domain';
import type { NextFunction, Request, Response } from 'express';
import { AuthenticationService } from '../auth/authentication.service';

export const QUEUE_BOARD_PATH = '/admin/queues';
export const QUEUE_BOARD_COOKIE = 'cloister_queue_board';

function tokenOf(req: Request): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (bearer) return bearer;
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === QUEUE_BOARD_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/**
 * Bull Board for platform admins. A browser cannot attach a bearer token to page loads, so the portal first calls
 * the session route, which sets a short-lived HttpOnly cookie scoped to this path; every request here re-checks it.
 */
export function mountQueueBoard(app: INestApplication): void {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({ queues: app.get(BullJobQueue).all().map((q) => new BullMQAdapter(q)), serverAdapter });
  const authentication = app.get(AuthenticationService);
  const guard = (req: Request, res: Response, next: NextFunction) => {
    const token = tokenOf(req);
    if (!token) {
      res.status(401).json({ code: 'UNAUTHENTICATED', message: 'open the queue dashboard from the portal (Platform → Queues)', details: null });
      return;
    }
    authentication.authenticate(token).then(
      (user) => (user.isPlatformAdmin ? next() : res.status(403).json({ code: 'PERMISSION_DENIED', message: 'the queue dashboard is for platform admins', details: null })),
      (e: unknown) => {
        if (e instanceof DomainError) res.status(e.kind === 'unauthenticated' ? 401 : 403).json({ code: e.code, message: e.message, details: null });
        else next(e);
      },
    );
  };
  app.use(QUEUE_BOARD_PATH, guard, serverAdapter.getRouter());
}
