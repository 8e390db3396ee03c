import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ApiConfig } from '@cloister/config';
import { mintLocalAccessToken } from '@cloister/local-idp';
import { AuditRepository, type Db, UsersRepository } from '@cloister/persistence';
import { z } from 'zod';
import { type CloisterRequest } from '../core/request-context';
import { API_CONFIG, DATABASE } from '../core/tokens';
import { email } from '../http/common-schemas';
import { Validate } from '../http/validate.decorator';
import { Public } from './route-policy.decorator';

const devTokenBody = z.strictObject({ email });
const devTokenResponse = z.object({ access_token: z.string(), token_type: z.literal('Bearer'), expires_in: z.number().int() });

/**
 * Local mode only: a token for any email without the browser flow, for scripts and tests. The module that registers
 * this controller is left out entirely in azure mode, and config refuses it under NODE_ENV=production.
 */
@ApiTags('dev')
@Controller('v1/dev/token')
export class DevTokenController {
  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(DATABASE) private readonly db: Db,
    private readonly users: UsersRepository,
    private readonly audit: AuditRepository,
  ) {}

  @Post()
  @HttpCode(200)
  @Public('local-mode developer convenience; absent in azure mode')
  @Validate({ body: devTokenBody, response: devTokenResponse })
  async issue(@Body() body: z.infer<typeof devTokenBody>, @Req() req: CloisterRequest): Promise<z.infer<typeof devTokenResponse>> {
    const ttl = 3600;
    const token = await mintLocalAccessToken({
      dataDir: this.config.CLOISTER_DATA_DIR, issuer: this.config.OIDC_ISSUER, audience: this.config.OIDC_AUDIENCE, email: body.email, ttlSeconds: ttl,
    });
    // The user (created if new) and the issue record commit together.
    await this.db.transaction().execute(async (trx) => {
      const user = await this.users.ensureByEmail(body.email, null, trx);
      await this.audit.append(trx, {
        actorId: user.id, actorEmail: user.email, action: 'auth.dev_token_issued', targetType: 'user', targetId: user.id,
        projectId: null, requestId: req.id, sourceIp: req.ip ?? null, details: { ttlSeconds: ttl },
      });
    });
    return { access_token: token, token_type: 'Bearer', expires_in: ttl };
  }
}
