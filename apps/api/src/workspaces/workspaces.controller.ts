import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RATE_CARD, RATE_CARD_CURRENCY } from '@cloister/domain';
import type { WorkspaceRecord } from '@cloister/persistence';
import type { z } from 'zod';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Authenticated, RequirePermission } from '../auth/route-policy.decorator';
import { auditContextOf, type CloisterRequest, type RequestActor } from '../core/request-context';
import { emptyBody, projectIdParams } from '../http/common-schemas';
import { Validate } from '../http/validate.decorator';
import {
  connectResponse, createWorkspaceBody, myWorkspacesResponse, sizesResponse, workspaceListResponse, workspaceParams, workspaceResponse,
} from './workspaces.schemas';
import { type Person, WorkspacesService } from './workspaces.service';

const personOf = (a: RequestActor): Person => ({ userId: a.user.id, roles: a.projectRoles });

export function toWorkspaceDto(service: WorkspacesService, w: WorkspaceRecord, person: Person): z.infer<typeof workspaceResponse> {
  return {
    id: w.id, projectId: w.projectId, name: w.name, kind: w.kind, size: w.size, hourlyRate: service.rate(w), ownerId: w.ownerId, ownerEmail: w.ownerEmail,
    shared: w.ownerId === null, status: w.status, statusSince: w.statusSince.toISOString(), lastStopReason: w.lastStopReason, failureReason: w.failureReason,
    simulated: service.simulated, createdAt: w.createdAt.toISOString(), allowed: service.allowed(w, person),
  };
}

/** A project's workspaces: data science VMs and ML compute instances, per researcher or shared. */
@ApiTags('workspaces')
@Controller('v1/projects/:projectId/workspaces')
export class WorkspacesController {
  constructor(private readonly service: WorkspacesService) {}

  @Get()
  @RequirePermission('project:workspaces:read')
  @Validate({ params: projectIdParams, response: workspaceListResponse })
  async list(@Param() p: z.infer<typeof projectIdParams>, @CurrentActor() actor: RequestActor) {
    return { items: (await this.service.list(p.projectId, personOf(actor))).map((w) => toWorkspaceDto(this.service, w, personOf(actor))) };
  }

  @Get('sizes')
  @RequirePermission('project:workspaces:read')
  @Validate({ params: projectIdParams, response: sizesResponse })
  sizes() {
    return { currency: RATE_CARD_CURRENCY, items: RATE_CARD.map((s) => ({ ...s })) };
  }

  @Post()
  @RequirePermission('project:workspaces:use')
  @Validate({ params: projectIdParams, body: createWorkspaceBody, response: workspaceResponse, status: 201 })
  async create(@Param() p: z.infer<typeof projectIdParams>, @Body() body: z.infer<typeof createWorkspaceBody>, @CurrentActor() actor: RequestActor, @Req() req: CloisterRequest) {
    return toWorkspaceDto(this.service, await this.service.create(p.projectId, body, personOf(actor), auditContextOf(req)), personOf(actor));
  }

  @Post(':workspaceId/start')
  @HttpCode(202)
  @RequirePermission('project:workspaces:use')
  @Validate({ params: workspaceParams, body: emptyBody, response: workspaceResponse, status: 202 })
  async start(@Param() p: z.infer<typeof workspaceParams>, @CurrentActor() actor: RequestActor, @Req() req: CloisterRequest) {
    return toWorkspaceDto(this.service, await this.service.start(p.projectId, p.workspaceId, personOf(actor), auditContextOf(req)), personOf(actor));
  }

  /** Stops by deallocating: compute billing ends, the disk is kept. */
  @Post(':workspaceId/stop')
  @HttpCode(202)
  @RequirePermission('project:workspaces:use')
  @Validate({ params: workspaceParams, body: emptyBody, response: workspaceResponse, status: 202 })
  async stop(@Param() p: z.infer<typeof workspaceParams>, @CurrentActor() actor: RequestActor, @Req() req: CloisterRequest) {
    return toWorkspaceDto(this.service, await this.service.stop(p.projectId, p.workspaceId, personOf(actor), auditContextOf(req)), personOf(actor));
  }

  @Post(':workspaceId/connect')
  @HttpCode(200)
  @RequirePermission('project:workspaces:use')
  @Validate({ params: workspaceParams, body: emptyBody, response: connectResponse })
  async connect(@Param() p: z.infer<typeof workspaceParams>, @CurrentActor() actor: RequestActor, @Req() req: CloisterRequest) {
    return this.service.connect(p.projectId, p.workspaceId, personOf(actor), auditContextOf(req));
  }

  @Delete(':workspaceId')
  @HttpCode(202)
  @RequirePermission('project:workspaces:use')
  @Validate({ params: workspaceParams, response: workspaceResponse, status: 202 })
  async delete(@Param() p: z.infer<typeof workspaceParams>, @CurrentActor() actor: RequestActor, @Req() req: CloisterRequest) {
    return toWorkspaceDto(this.service, await this.service.delete(p.projectId, p.workspaceId, personOf(actor), auditContextOf(req)), personOf(actor));
  }
}

/** A researcher's workspaces across every project they work in. */
@ApiTags('workspaces')
@Controller('v1/workspaces')
export class MyWorkspacesController {
  constructor(private readonly service: WorkspacesService) {}

  @Get('mine')
  @Authenticated()
  @Validate({ response: myWorkspacesResponse })
  async mine(@CurrentActor() actor: RequestActor) {
    const items = await this.service.mine(actor.user.id);
    return { items: items.map(({ workspace, person }) => ({ ...toWorkspaceDto(this.service, workspace, person), projectName: workspace.projectName })) };
  }
}
