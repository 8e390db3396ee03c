import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { NotificationRecord } from '@cloister/persistence';
import type { z } from 'zod';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Authenticated } from '../auth/route-policy.decorator';
import { auditContextOf, type CloisterRequest, type RequestActor } from '../core/request-context';
import { emptyBody } from '../http/common-schemas';
import { Validate } from '../http/validate.decorator';
import { NotificationsService } from './notifications.service';
import { notificationIdParams, notificationListQuery, notificationPageResponse, notificationResponse, readAllResponse } from './notifications.schemas';

const toResponse = (n: NotificationRecord): z.infer<typeof notificationResponse> => ({
  id: n.id, kind: n.kind, subject: n.subject, body: n.body, projectId: n.projectId, link: n.link, createdAt: n.createdAt.toISOString(),
  readAt: n.readAt?.toISOString() ?? null,
});

/** The signed-in user's notification centre: only ever their own rows. */
@ApiTags('me')
@Controller('v1/me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** Newest first, paged; `unread` is the count for the bell whatever the page. */
  @Get()
  @Authenticated()
  @Validate({ query: notificationListQuery, response: notificationPageResponse })
  async list(@CurrentActor() actor: RequestActor, @Query() q: z.infer<typeof notificationListQuery>): Promise<z.infer<typeof notificationPageResponse>> {
    const page = await this.notifications.list(actor.user.id, q);
    return { items: page.items.map(toResponse), total: page.total, unread: page.unread, limit: q.limit, offset: q.offset };
  }

  @Post('read-all')
  @HttpCode(200)
  @Authenticated()
  @Validate({ body: emptyBody, response: readAllResponse })
  async readAll(@CurrentActor() actor: RequestActor, @Body() _body: z.infer<typeof emptyBody>, @Req() req: CloisterRequest): Promise<z.infer<typeof readAllResponse>> {
    const marked = await this.notifications.markAllRead(actor.user.id, auditContextOf(req));
    return { marked, unread: 0 };
  }

  @Post(':id/read')
  @HttpCode(200)
  @Authenticated()
  @Validate({ params: notificationIdParams, body: emptyBody, response: notificationResponse })
  async read(
    @CurrentActor() actor: RequestActor, @Param() p: z.infer<typeof notificationIdParams>, @Body() _body: z.infer<typeof emptyBody>, @Req() req: CloisterRequest,
  ): Promise<z.infer<typeof notificationResponse>> {
    return toResponse(await this.notifications.markRead(actor.user.id, p.id, auditContextOf(req)));
  }
}
