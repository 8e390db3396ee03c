import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Authenticated, RequirePermission } from '../auth/route-policy.decorator';
import { auditContextOf, type CloisterRequest, type RequestActor } from '../core/request-context';
import { emptyBody, projectIdParams } from '../http/common-schemas';
import { sendStream } from '../http/stream-response';
import { Validate } from '../http/validate.decorator';
import {
  exportDetail, exportListResponse, fileParams, listQuery, requestBody, requestParams, revokeBody, stagedOutputsResponse, submitReviewBody, votesBody,
} from './exports.schemas';
import { type ExportViewer, ExportsService } from './exports.service';
import { toDetailDto, toSummaryDto } from './exports.dto';

const viewerOf = (a: RequestActor): ExportViewer => ({ userId: a.user.id, roles: a.projectRoles, isPlatformAdmin: a.user.isPlatformAdmin });

/** Only images are served as what they are; everything else is shown as text, never rendered by the browser. */
function safePreviewType(path: string): string {
  const ext = path.split('.').pop()?.toLowerCase() ?? '';
  return ({ png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg' } as Record<string, string>)[ext] ?? 'text/plain; charset=utf-8';
}

/** The airlock's way out: export requests, review, release downloads. */
@ApiTags('exports')
@Controller('v1/projects/:projectId')
export class ExportsController {
  constructor(private readonly service: ExportsService) {}

  /** The caller's staged outputs: name, size, SHA-256 and time only, never contents. */
  @Get('staged-outputs')
  @RequirePermission('project:exports:request')
  @Validate({ params: projectIdParams, response: stagedOutputsResponse })
  async staged(@Param() p: z.infer<typeof projectIdParams>, @CurrentActor() actor: RequestActor) {
    const items = await this.service.stagedOutputs(p.projectId, viewerOf(actor));
    return {
      items: items.map((i) => ({
        id: i.id, path: i.path, size: i.size, sha256: i.sha256, contentType: i.contentType, modifiedAt: i.modifiedAt.toISOString(),
        heldBy: i.heldBy ? { requestId: i.heldBy.requestId, title: i.heldBy.title } : null,
      })),
    };
  }

  @Get('export-requests')
  @RequirePermission('project:exports:read')
  @Validate({ params: projectIdParams, query: listQuery, response: exportListResponse })
  async list(@Param() p: z.infer<typeof projectIdParams>, @Query() q: z.infer<typeof listQuery>, @CurrentActor() actor: RequestActor) {
    const requests = await this.service.list(p.projectId, viewerOf(actor), q.status);
    return { items: (await this.service.summaries(requests)).map(toSummaryDto) };
  }

  @Post('export-requests')
  @RequirePermission('project:exports:request')
  @Validate({ params: projectIdParams, body: requestBody, response: exportDetail, status: 201 })
  async create(@Param() p: z.infer<typeof projectIdParams>, @Body() body: z.infer<typeof requestBody>, @CurrentActor() actor: RequestActor, @Req() req: CloisterRequest) {
    const r = await this.service.create(p.projectId, body, viewerOf(actor), auditContextOf(req));
    return toDetailDto(await this.service.detail(p.projectId, r.id, viewerOf(actor)));
  }

  @Get('export-requests/:requestId')
  @RequirePermission('project:exports:read')
  @Validate({ params: requestParams, response: exportDetail })
  async get(@Param() p: z.infer<typeof requestParams>, @CurrentActor() actor: RequestActor) {
    return toDetailDto(await this.service.detail(p.projectId, p.requestId, viewerOf(actor)));
  }

  /** Changes a draft, returned or blocked request; files whose bytes changed lose their earlier votes. */
  @Put('export-requests/:requestId')
  @RequirePermission('project:exports:request')
  @Validate({ params: requestParams, body: requestBody, response: exportDetail })
  async update(@Param() p: z.infer<typeof requestParams>, @Body() body: z.infer<typeof requestBody>, @CurrentActor() actor: RequestActor, @Req() req: CloisterRequest) {
    await this.service.update(p.projectId, p.requestId, body, viewerOf(actor), auditContextOf(req));
    return toDetailDto(await this.service.detail(p.projectId, p.requestId, viewerOf(actor)));
  }

  @Post('export-requests/:requestId/submit')
  @HttpCode(200)
  @RequirePermission('project:exports:request')
  @Validate({ params: requestParams, body: emptyBody, response: exportDetail })
  async submit(@Param() p: z.infer<typeof requestParams>, @CurrentActor() actor: RequestActor, @Req() req: CloisterRequest) {
    await this.service.submit(p.projectId, p.requestId, viewerOf(actor), auditContextOf(req));
    return toDetailDto(await this.service.detail(p.projectId, p.requestId, viewerOf(actor)));
  }

  @Post('export-requests/:requestId/withdraw')
  @HttpCode(200)
  @RequirePermission('project:exports:request')
  @Validate({ params: requestParams, body: emptyBody, response: exportDetail })
  async withdraw(@Param() p: z.infer<typeof requestParams>, @CurrentActor() actor: RequestActor, @Req() req: CloisterRequest) {
    await this.service.withdraw(p.projectId, p.requestId, viewerOf(actor), auditContextOf(req));
    return toDetailDto(await this.service.detail(p.projectId, p.requestId, viewerOf(actor)));
  }

  /** After a technical failure: runs the checks again, or (for a project admin) the release. */
  @Post('export-requests/:requestId/retry')
  @HttpCode(200)
  @RequirePermission('project:exports:read')
  @Validate({ params: requestParams, body: emptyBody, response: exportDetail })
  async retry(@Param() p: z.infer<typeof requestParams>, @CurrentActor() actor: RequestActor, @Req() req: CloisterRequest) {
    await this.service.retry(p.projectId, p.requestId, viewerOf(actor), auditContextOf(req));
    return toDetailDto(await this.service.detail(p.projectId, p.requestId, viewerOf(actor)));
  }

  @Post('export-requests/:requestId/revoke')
  @HttpCode(200)
  @RequirePermission('project:exports:revoke')
  @Validate({ params: requestParams, body: revokeBody, response: exportDetail })
  async revoke(@Param() p: z.infer<typeof requestParams>, @Body() body: z.infer<typeof revokeBody>, @CurrentActor() actor: RequestActor, @Req() req: CloisterRequest) {
    await this.service.revoke(p.projectId, p.requestId, body.reason, viewerOf(actor), auditContextOf(req));
    return toDetailDto(await this.service.detail(p.projectId, p.requestId, viewerOf(actor)));
  }

  /** Claims the request for review in this round; only then may the checker preview its files. */
  @Post('export-requests/:requestId/review')
  @HttpCode(200)
  @RequirePermission('project:exports:review')
  @Validate({ params: requestParams, body: emptyBody, response: exportDetail })
  async startReview(@Param() p: z.infer<typeof requestParams>, @CurrentActor() actor: RequestActor, @Req() req: CloisterRequest) {
    await this.service.startReview(p.projectId, p.requestId, viewerOf(actor), auditContextOf(req));
    return toDetailDto(await this.service.detail(p.projectId, p.requestId, viewerOf(actor)));
  }

  /** Saves draft votes; nobody else sees them until the review is submitted. */
  @Put('export-requests/:requestId/review/votes')
  @RequirePermission('project:exports:review')
  @Validate({ params: requestParams, body: votesBody, response: exportDetail })
  async votes(@Param() p: z.infer<typeof requestParams>, @Body() body: z.infer<typeof votesBody>, @CurrentActor() actor: RequestActor, @Req() req: CloisterRequest) {
    await this.service.saveVotes(p.projectId, p.requestId, body.votes, viewerOf(actor), auditContextOf(req));
    return toDetailDto(await this.service.detail(p.projectId, p.requestId, viewerOf(actor)));
  }

  @Post('export-requests/:requestId/review/submit')
  @HttpCode(200)
  @RequirePermission('project:exports:review')
  @Validate({ params: requestParams, body: submitReviewBody, response: exportDetail })
  async submitReview(@Param() p: z.infer<typeof requestParams>, @Body() body: z.infer<typeof submitReviewBody>, @CurrentActor() actor: RequestActor, @Req() req: CloisterRequest) {
    await this.service.submitReview(p.projectId, p.requestId, body, viewerOf(actor), auditContextOf(req));
    return toDetailDto(await this.service.detail(p.projectId, p.requestId, viewerOf(actor)));
  }

  /** The frozen bytes of one file for an assigned checker, read on the secure side; audited, never cached. */
  @Get('export-requests/:requestId/files/:fileId/preview')
  @RequirePermission('project:exports:review')
  @Validate({ params: fileParams, description: 'the file (at most 5 MiB of it), as text or an image' })
  @ApiProduces('text/plain', 'image/png', 'image/jpeg')
  async preview(@Param() p: z.infer<typeof fileParams>, @CurrentActor() actor: RequestActor, @Req() req: CloisterRequest, @Res() res: Response): Promise<void> {
    const { file, read } = await this.service.preview(p.projectId, p.requestId, p.fileId, viewerOf(actor), auditContextOf(req));
    res.status(200).setHeader('content-type', safePreviewType(file.path));
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('content-security-policy', "default-src 'none'; sandbox");
    res.setHeader('content-disposition', 'inline');
    res.setHeader('x-cloister-truncated', String(read.truncated));
    sendStream(res, read.stream, `preview of export file ${file.id}`);
  }

  /** A released file, streamed from the public export area; every download is audited. */
  @Get('export-requests/:requestId/files/:fileId/download')
  @RequirePermission('project:exports:download')
  @Validate({ params: fileParams, description: 'the released file' })
  @ApiProduces('application/octet-stream')
  async download(@Param() p: z.infer<typeof fileParams>, @CurrentActor() actor: RequestActor, @Req() req: CloisterRequest, @Res() res: Response): Promise<void> {
    const { file, stream } = await this.service.download(p.projectId, p.requestId, p.fileId, viewerOf(actor), auditContextOf(req));
    const name = file.path.split('/').pop() ?? 'file';
    res.status(200).setHeader('content-type', 'application/octet-stream');
    res.setHeader('content-disposition', `attachment; filename="${name.replace(/["\\\r\n]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`);
    res.setHeader('x-cloister-sha256', file.releasedSha256 ?? '');
    res.setHeader('cache-control', 'no-store');
    sendStream(res, stream, `download of export file ${file.id}`);
  }
}

/** Across projects: the requests waiting for the caller's review. */
@ApiTags('exports')
@Controller('v1/me/export-reviews')
export class MyExportReviewsController {
  constructor(private readonly service: ExportsService) {}

  @Get()
  @Authenticated()
  @Validate({ response: exportListResponse })
  async list(@CurrentActor() actor: RequestActor) {
    const requests = await this.service.awaitingMyReview(actor.user.id);
    return { items: (await this.service.summaries(requests)).map(toSummaryDto) };
  }
}
