import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { notFound } from '@cloister/domain';
import { type Db, EnvironmentsRepository } from '@cloister/persistence';
import { z } from 'zod';
import { RequirePermission } from '../auth/route-policy.decorator';
import { DATABASE } from '../core/tokens';
import { projectIdParams } from '../http/common-schemas';
import { Validate } from '../http/validate.decorator';

const step = z.object({ name: z.string(), status: z.enum(['pending', 'running', 'succeeded', 'failed']), startedAt: z.string().nullable(), finishedAt: z.string().nullable(), detail: z.string().nullable() });
const environmentResponse = z.object({
  driver: z.string(),
  simulated: z.boolean(),
  steps: z.array(step),
  plan: z.object({ changes: z.array(z.object({ resourceType: z.string(), name: z.string(), changeType: z.string() })) }).nullable(),
  resources: z.array(z.object({ type: z.string(), name: z.string(), id: z.string(), simulated: z.boolean() })),
  lastError: z.string().nullable(),
  updatedAt: z.string(),
});

/** A project's environment as provisioning left it: what-if plan, step timeline and resources (labelled when simulated). */
@ApiTags('environments')
@Controller('v1/projects/:projectId/environment')
export class EnvironmentsController {
  private readonly environments: EnvironmentsRepository;

  constructor(@Inject(DATABASE) db: Db) {
    this.environments = new EnvironmentsRepository(db);
  }

  @Get()
  @RequirePermission('project:read')
  @Validate({ params: projectIdParams, response: environmentResponse })
  async get(@Param() p: z.infer<typeof projectIdParams>): Promise<z.infer<typeof environmentResponse>> {
    const env = await this.environments.get(p.projectId);
    if (!env) throw notFound('ENVIRONMENT_NOT_FOUND', 'this project has not been provisioned yet');
    return {
      driver: env.driver, simulated: env.driver === 'local-simulated', steps: [...env.steps], plan: env.plan ? { changes: [...env.plan.changes] } : null,
      resources: [...env.resources], lastError: env.lastError, updatedAt: env.updatedAt.toISOString(),
    };
  }
}
