import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PROJECT_STATUSES } from '@cloister/domain';
import { z } from 'zod';
import { RequirePermission } from '../auth/route-policy.decorator';
import { limit } from '../http/common-schemas';
import { Validate } from '../http/validate.decorator';
import { PostureService } from './posture.service';

const policyCompliance = z.object({
  // Null before the worker's first posture sweep (or while nothing is deployed).
  evaluatedAt: z.string().nullable(),
  note: z.string(),
  summary: z.object({
    source: z.enum(['azure-policy', 'simulated']), simulated: z.boolean(), resourceGroup: z.string(),
    compliantResources: z.number().int(), nonCompliantResources: z.number().int(),
    nonCompliantPolicies: z.array(z.object({
      policyDefinitionId: z.string(), name: z.string(), effect: z.string().nullable(), nonCompliantResources: z.number().int(), controls: z.array(z.string()),
    })),
    sweptAt: z.string(),
  }).nullable(),
});

const postureResponse = z.object({
  mode: z.enum(['local', 'azure']),
  platform: z.object({ policyCompliance }),
  items: z.array(z.object({
    projectId: z.string(), name: z.string(), status: z.enum(PROJECT_STATUSES), tier: z.number().int(),
    environment: z.object({ driver: z.string(), simulated: z.boolean(), deployed: z.boolean(), updatedAt: z.string() }).nullable(),
    invariants: z.array(z.object({
      id: z.string(), title: z.string(), check: z.string(), passed: z.boolean(),
      violations: z.array(z.object({ resourceType: z.string(), resourceName: z.string(), message: z.string() })),
    })),
    policyCompliance,
  })),
  // The next page's cursor (projects are listed by name), or null on the last page.
  nextCursor: z.string().nullable(),
});

const postureQuery = z.strictObject({ cursor: z.string().max(400).optional(), limit });

/** Platform admins' view of every project's security posture (never project data). */
@ApiTags('posture')
@Controller('v1/posture')
export class PostureController {
  constructor(private readonly service: PostureService) {}

  @Get()
  @RequirePermission('platform:posture:read')
  @Validate({ query: postureQuery, response: postureResponse })
  posture(@Query() q: z.infer<typeof postureQuery>) {
    return this.service.posture(q.cursor, q.limit);
  }
}
