import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ApiConfig } from '@cloister/config';
import { z } from 'zod';
import { Public } from '../auth/route-policy.decorator';
import { API_CONFIG } from '../core/tokens';
import { Validate } from '../http/validate.decorator';

const clientConfig = z.object({
  mode: z.enum(['local', 'azure']),
  oidc: z.object({ authority: z.string(), clientId: z.string(), scope: z.string() }),
});

@ApiTags('client')
@Controller('v1/client-config')
export class ClientConfigController {
  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {}

  /** What the portal needs before anyone signs in: where to sign in. */
  @Get()
  @Public('the portal reads it before sign-in')
  @Validate({ response: clientConfig })
  get(): z.infer<typeof clientConfig> {
    return {
      mode: this.config.CLOISTER_MODE,
      oidc: { authority: this.config.OIDC_ISSUER, clientId: this.config.OIDC_CLIENT_ID, scope: 'openid email profile' },
    };
  }
}
