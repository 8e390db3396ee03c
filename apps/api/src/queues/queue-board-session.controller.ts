import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { RequirePermission } from '../auth/route-policy.decorator';
import type { CloisterRequest } from '../core/request-context';
import { emptyBody } from '../http/common-schemas';
import { Validate } from '../http/validate.decorator';
import { QUEUE_BOARD_COOKIE, QUEUE_BOARD_PATH } from './queue-board';

const sessionResponse = z.object({ url: z.string() });

@ApiTags('admin')
@Controller('v1/admin/queue-board/session')
export class QueueBoardSessionController {
  /** Hands the caller's own token to the dashboard as an HttpOnly cookie limited to its path and 15 minutes. */
  @Post()
  @HttpCode(200)
  @RequirePermission('platform:queues:admin')
  @Validate({ body: emptyBody, response: sessionResponse })
  open(@Req() req: CloisterRequest, @Res({ passthrough: true }) res: Response): z.infer<typeof sessionResponse> {
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    res.cookie(QUEUE_BOARD_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: QUEUE_BOARD_PATH, maxAge: 15 * 60 * 1000, secure: req.secure });
    return { url: `${QUEUE_BOARD_PATH}/` };
  }
}
