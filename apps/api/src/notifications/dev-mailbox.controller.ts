import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type Db, DevMailboxRepository } from '@cloister/persistence';
import type { z } from 'zod';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Authenticated } from '../auth/route-policy.decorator';
import type { RequestActor } from '../core/request-context';
import { DATABASE } from '../core/tokens';
import { Validate } from '../http/validate.decorator';
import { mailboxQuery, mailboxResponse } from './notifications.schemas';

/**
 * Local mode only (the controller is not registered in azure mode): the mail the embedded SMTP server caught.
 * Any signed-in user sees the mail addressed to them; a platform admin sees all of it.
 */
@ApiTags('dev')
@Controller('v1/dev/mailbox')
export class DevMailboxController {
  private readonly mailbox: DevMailboxRepository;

  constructor(@Inject(DATABASE) db: Db) {
    this.mailbox = new DevMailboxRepository(db);
  }

  @Get()
  @Authenticated()
  @Validate({ query: mailboxQuery, response: mailboxResponse })
  async list(@CurrentActor() actor: RequestActor, @Query() q: z.infer<typeof mailboxQuery>): Promise<z.infer<typeof mailboxResponse>> {
    const all = actor.user.isPlatformAdmin;
    const mail = await this.mailbox.list({ ...(!all && { recipients: [actor.user.email] }), limit: q.limit });
    return {
      scope: all ? 'all' : 'mine',
      items: mail.map((m) => ({
        id: m.id, receivedAt: m.receivedAt.toISOString(), from: m.from, to: [...m.to], envelopeTo: [...m.envelopeTo], subject: m.subject, text: m.text,
      })),
    };
  }
}
