import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ProjectRecord } from '@cloister/persistence';
import type { z } from 'zod';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Authenticated, RequirePermission } from '../auth/route-policy.decorator';
import { auditContextOf, type CloisterRequest, type RequestActor } from '../core/request-context';
import { projectIdParams } from '../http/common-schemas';
import { Validate } from '../http/validate.decorator';
import {
  createProjectBody, listProjectsQuery, projectListResponse, projectResponse, transitionBody, updateSettingsBody,
} from './projects.schemas';
import { ProjectsService } from './projects.service';

const toDto = (p: ProjectRecord): z.infer<typeof projectResponse> => ({
  id: p.id, name: p.name, description: p.description, tier: p.tier, status: p.status, checkersRequired: p.checkersRequired, createdAt: p.createdAt.toISOString(),
});

@ApiTags('projects')
@Controller('v1/projects')
export class ProjectsController {
  constructor(private readonly service: ProjectsService) {}

  /** Platform admins see every project; everyone else the projects they belong to. */
  @Get()
  @Authenticated()
  @Validate({ query: listProjectsQuery, response: projectListResponse })
  async list(@Query() q: z.infer<typeof listProjectsQuery>, @CurrentActor() actor: RequestActor): Promise<z.infer<typeof projectListResponse>> {
    const page = await this.service.list(actor, q.cursor, q.limit);
    return { items: page.items.map(toDto), nextCursor: page.nextCursor };
  }

  @Post()
  @RequirePermission('platform:projects:create')
  @Validate({ body: createProjectBody, response: projectResponse, status: 201 })
  async create(@Body() body: z.infer<typeof createProjectBody>, @Req() req: CloisterRequest) {
    return toDto(await this.service.create(body, auditContextOf(req)));
  }

  @Get(':projectId')
  @RequirePermission('project:read')
  @Validate({ params: projectIdParams, response: projectResponse })
  async get(@Param() p: z.infer<typeof projectIdParams>) {
    return toDto(await this.service.get(p.projectId));
  }

  @Patch(':projectId')
  @RequirePermission('project:settings:update')
  @Validate({ params: projectIdParams, body: updateSettingsBody, response: projectResponse })
  async update(@Param() p: z.infer<typeof projectIdParams>, @Body() body: z.infer<typeof updateSettingsBody>, @Req() req: CloisterRequest) {
    return toDto(await this.service.updateSettings(p.projectId, body, auditContextOf(req)));
  }

  /** Moves the project through its lifecycle; who may do which step is the domain's transition table. */
  @Post(':projectId/transitions')
  @HttpCode(200)
  @RequirePermission('project:status:change')
  @Validate({ params: projectIdParams, body: transitionBody, response: projectResponse })
  async transition(@Param() p: z.infer<typeof projectIdParams>, @Body() body: z.infer<typeof transitionBody>, @CurrentActor() actor: RequestActor, @Req() req: CloisterRequest) {
    return toDto(await this.service.transition(p.projectId, body.to, actor, auditContextOf(req)));
  }
}
