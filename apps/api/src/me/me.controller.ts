import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PROJECT_ROLES, PROJECT_STATUSES } from '@cloister/domain';
import { ProjectsRepository } from '@cloister/persistence';
import { z } from 'zod';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Authenticated } from '../auth/route-policy.decorator';
import type { RequestActor } from '../core/request-context';
import { Validate } from '../http/validate.decorator';

export const meResponse = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  isPlatformAdmin: z.boolean(),
  projects: z.array(z.object({ id: z.string(), name: z.string(), tier: z.number().int(), status: z.enum(PROJECT_STATUSES), roles: z.array(z.enum(PROJECT_ROLES)) })),
});

@ApiTags('me')
@Controller('v1/me')
export class MeController {
  constructor(private readonly projects: ProjectsRepository) {}

  /** Who the caller is and what they may do where; the portal builds its navigation from this. */
  @Get()
  @Authenticated()
  @Validate({ response: meResponse })
  async me(@CurrentActor() actor: RequestActor): Promise<z.infer<typeof meResponse>> {
    const memberships = await this.projects.membershipsOf(actor.user.id);
    return {
      id: actor.user.id,
      email: actor.user.email,
      displayName: actor.user.displayName,
      isPlatformAdmin: actor.user.isPlatformAdmin,
      projects: memberships.map(({ project, roles }) => ({ id: project.id, name: project.name, tier: project.tier, status: project.status, roles })),
    };
  }
}
