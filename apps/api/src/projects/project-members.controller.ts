import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { RequirePermission } from '../auth/route-policy.decorator';
import { auditContextOf, type CloisterRequest } from '../core/request-context';
import { projectIdParams } from '../http/common-schemas';
import { Validate } from '../http/validate.decorator';
import { addMemberBody, assignAdminBody, memberListResponse, memberParams, memberResponse, setRolesBody } from './projects.schemas';
import { ProjectsService } from './projects.service';

@ApiTags('members')
@Controller('v1/projects/:projectId')
export class ProjectMembersController {
  constructor(private readonly service: ProjectsService) {}

  @Get('members')
  @RequirePermission('project:members:read')
  @Validate({ params: projectIdParams, response: memberListResponse })
  async list(@Param() p: z.infer<typeof projectIdParams>) {
    return { items: await this.service.members(p.projectId) };
  }

  /** Adds a member by email; someone Cloister has not seen yet is invited and joins on first sign-in. */
  @Post('members')
  @RequirePermission('project:members:manage')
  @Validate({ params: projectIdParams, body: addMemberBody, response: memberResponse, status: 201 })
  async add(@Param() p: z.infer<typeof projectIdParams>, @Body() body: z.infer<typeof addMemberBody>, @Req() req: CloisterRequest) {
    return this.service.addMember(p.projectId, body.email, body.roles, auditContextOf(req));
  }

  @Put('members/:userId')
  @RequirePermission('project:members:manage')
  @Validate({ params: memberParams, body: setRolesBody, response: memberResponse })
  async setRoles(@Param() p: z.infer<typeof memberParams>, @Body() body: z.infer<typeof setRolesBody>, @Req() req: CloisterRequest) {
    return this.service.setRoles(p.projectId, p.userId, body.roles, auditContextOf(req));
  }

  @Delete('members/:userId')
  @HttpCode(204)
  @RequirePermission('project:members:manage')
  @Validate({ params: memberParams, status: 204 })
  async remove(@Param() p: z.infer<typeof memberParams>, @Req() req: CloisterRequest): Promise<void> {
    await this.service.removeMember(p.projectId, p.userId, auditContextOf(req));
  }

  /** Platform admins assign a project's admins without otherwise managing its members. */
  @Post('admins')
  @RequirePermission('project:admins:assign')
  @Validate({ params: projectIdParams, body: assignAdminBody, response: memberResponse, status: 201 })
  async assignAdmin(@Param() p: z.infer<typeof projectIdParams>, @Body() body: z.infer<typeof assignAdminBody>, @Req() req: CloisterRequest) {
    return this.service.assignAdmin(p.projectId, body.email, auditContextOf(req));
  }
}
