import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { RequirePermission } from '../auth/route-policy.decorator';
import { auditContextOf, type CloisterRequest } from '../core/request-context';
import { projectIdParams } from '../http/common-schemas';
import { Validate } from '../http/validate.decorator';
import {
  budgetBody, budgetResponse, idlePolicyBody, idlePolicyResponse, schedulePreviewResponse, scheduleBody, scheduleResponse, spendResponse,
} from './compute-policy.schemas';
import { ComputePolicyService } from './compute-policy.service';

type P = z.infer<typeof projectIdParams>;

/** When a project's compute stops: a cron schedule in its time zone, an idle policy, and a monthly budget. */
@ApiTags('compute-policy')
@Controller('v1/projects/:projectId')
export class ComputePolicyController {
  constructor(private readonly service: ComputePolicyService) {}

  @Get('schedule')
  @RequirePermission('project:compute-policy:read')
  @Validate({ params: projectIdParams, response: scheduleResponse })
  schedule(@Param() p: P) {
    return this.service.schedule(p.projectId);
  }

  @Put('schedule')
  @RequirePermission('project:compute-policy:manage')
  @Validate({ params: projectIdParams, body: scheduleBody, response: scheduleResponse })
  putSchedule(@Param() p: P, @Body() body: z.infer<typeof scheduleBody>, @Req() req: CloisterRequest) {
    return this.service.putSchedule(p.projectId, body, auditContextOf(req));
  }

  /** The next five runs of a schedule being edited, without saving it (and its validation errors, by field). */
  @Post('schedule/preview')
  @HttpCode(200)
  @RequirePermission('project:compute-policy:read')
  @Validate({ params: projectIdParams, body: scheduleBody, response: schedulePreviewResponse })
  preview(@Body() body: z.infer<typeof scheduleBody>) {
    return this.service.preview(body);
  }

  @Delete('schedule')
  @RequirePermission('project:compute-policy:manage')
  @Validate({ params: projectIdParams, response: scheduleResponse })
  deleteSchedule(@Param() p: P, @Req() req: CloisterRequest) {
    return this.service.deleteSchedule(p.projectId, auditContextOf(req));
  }

  @Get('idle-policy')
  @RequirePermission('project:compute-policy:read')
  @Validate({ params: projectIdParams, response: idlePolicyResponse })
  idlePolicy(@Param() p: P) {
    return this.service.idlePolicy(p.projectId);
  }

  @Put('idle-policy')
  @RequirePermission('project:compute-policy:manage')
  @Validate({ params: projectIdParams, body: idlePolicyBody, response: idlePolicyResponse })
  putIdlePolicy(@Param() p: P, @Body() body: z.infer<typeof idlePolicyBody>, @Req() req: CloisterRequest) {
    return this.service.putIdlePolicy(p.projectId, body, auditContextOf(req));
  }

  @Get('budget')
  @RequirePermission('project:budget:read')
  @Validate({ params: projectIdParams, response: budgetResponse })
  budget(@Param() p: P) {
    return this.service.budget(p.projectId);
  }

  @Put('budget')
  @RequirePermission('project:compute-policy:manage')
  @Validate({ params: projectIdParams, body: budgetBody, response: budgetResponse })
  putBudget(@Param() p: P, @Body() body: z.infer<typeof budgetBody>, @Req() req: CloisterRequest) {
    return this.service.putBudget(p.projectId, body, auditContextOf(req));
  }

  @Get('budget/spend')
  @RequirePermission('project:budget:read')
  @Validate({ params: projectIdParams, response: spendResponse })
  spend(@Param() p: P) {
    return this.service.spend(p.projectId);
  }
}
