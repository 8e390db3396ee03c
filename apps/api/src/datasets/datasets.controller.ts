import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { DatasetRecord } from '@cloister/persistence';
import type { z } from 'zod';
import { CurrentActor } from '../auth/current-actor.decorator';
import { RequirePermission } from '../auth/route-policy.decorator';
import { auditContextOf, type CloisterRequest, type RequestActor } from '../core/request-context';
import { emptyBody, projectIdParams } from '../http/common-schemas';
import { Validate } from '../http/validate.decorator';
import {
  createDatasetBody, datasetListResponse, datasetParams, datasetResponse, manifestResponse, requestUploadsBody, uploadsResponse, versionParams,
} from './datasets.schemas';
import { DatasetsService, type VersionView, type Viewer } from './datasets.service';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const toVersionDto = ({ version: v, files }: VersionView) => ({
  version: v.version, status: v.status, failureReason: v.failureReason, createdAt: v.createdAt.toISOString(), uploadExpiresAt: iso(v.uploadExpiresAt),
  fileCount: files.length, totalBytes: files.reduce((s, f) => s + f.size, 0),
  timeline: Object.fromEntries(Object.entries(v.timeline).map(([k, d]) => [k, iso(d)])) as z.infer<typeof datasetResponse>['versions'][number]['timeline'],
});
const toDto = (d: { dataset: DatasetRecord; versions: VersionView[] }): z.infer<typeof datasetResponse> => ({
  id: d.dataset.id, name: d.dataset.name, description: d.dataset.description, classification: d.dataset.classification, ownerId: d.dataset.ownerId,
  createdAt: d.dataset.createdAt.toISOString(), versions: d.versions.map(toVersionDto),
});
const viewerOf = (a: RequestActor): Viewer => ({ userId: a.user.id, roles: a.projectRoles });

/** Ingress: data owners create datasets and upload straight to the public account's staging area. */
@ApiTags('datasets')
@Controller('v1/projects/:projectId/datasets')
export class DatasetsController {
  constructor(private readonly service: DatasetsService) {}

  @Get()
  @RequirePermission('project:datasets:read')
  @Validate({ params: projectIdParams, response: datasetListResponse })
  async list(@Param() p: z.infer<typeof projectIdParams>, @CurrentActor() actor: RequestActor) {
    return { items: (await this.service.list(p.projectId, viewerOf(actor))).map(toDto) };
  }

  @Post()
  @RequirePermission('project:datasets:write')
  @Validate({ params: projectIdParams, body: createDatasetBody, response: datasetResponse, status: 201 })
  async create(@Param() p: z.infer<typeof projectIdParams>, @Body() body: z.infer<typeof createDatasetBody>, @CurrentActor() actor: RequestActor, @Req() req: CloisterRequest) {
    return toDto(await this.service.create(p.projectId, body, viewerOf(actor), auditContextOf(req)));
  }

  @Get(':datasetId')
  @RequirePermission('project:datasets:read')
  @Validate({ params: datasetParams, response: datasetResponse })
  async get(@Param() p: z.infer<typeof datasetParams>, @CurrentActor() actor: RequestActor) {
    return toDto(await this.service.get(p.projectId, p.datasetId, viewerOf(actor)));
  }

  /** Starts version n+1 once the latest version has settled; earlier versions stay sealed. */
  @Post(':datasetId/versions')
  @RequirePermission('project:datasets:write')
  @Validate({ params: datasetParams, body: emptyBody, response: datasetResponse, status: 201 })
  async newVersion(@Param() p: z.infer<typeof datasetParams>, @CurrentActor() actor: RequestActor, @Req() req: CloisterRequest) {
    return toDto(await this.service.newVersion(p.projectId, p.datasetId, viewerOf(actor), auditContextOf(req)));
  }

  @Post(':datasetId/versions/:version/uploads')
  @HttpCode(200)
  @RequirePermission('project:datasets:write')
  @Validate({ params: versionParams, body: requestUploadsBody, response: uploadsResponse })
  async uploads(@Param() p: z.infer<typeof versionParams>, @Body() body: z.infer<typeof requestUploadsBody>, @CurrentActor() actor: RequestActor, @Req() req: CloisterRequest) {
    return { files: await this.service.requestUploads(p.projectId, p.datasetId, p.version, body.files, viewerOf(actor), auditContextOf(req)) };
  }

  @Post(':datasetId/versions/:version/submit')
  @HttpCode(200)
  @RequirePermission('project:datasets:write')
  @Validate({ params: versionParams, body: emptyBody, response: datasetResponse })
  async submit(@Param() p: z.infer<typeof versionParams>, @CurrentActor() actor: RequestActor, @Req() req: CloisterRequest) {
    return toDto(await this.service.submit(p.projectId, p.datasetId, p.version, viewerOf(actor), auditContextOf(req)));
  }

  @Post(':datasetId/versions/:version/retry')
  @HttpCode(200)
  @RequirePermission('project:datasets:retry')
  @Validate({ params: versionParams, body: emptyBody, response: datasetResponse })
  async retry(@Param() p: z.infer<typeof versionParams>, @CurrentActor() actor: RequestActor, @Req() req: CloisterRequest) {
    return toDto(await this.service.retry(p.projectId, p.datasetId, p.version, viewerOf(actor), auditContextOf(req)));
  }

  /** File names, sizes and hashes — never contents. Viewing it is audited. */
  @Get(':datasetId/versions/:version/manifest')
  @RequirePermission('project:datasets:read')
  @Validate({ params: versionParams, response: manifestResponse })
  async manifest(@Param() p: z.infer<typeof versionParams>, @CurrentActor() actor: RequestActor, @Req() req: CloisterRequest) {
    const { dataset, view } = await this.service.manifest(p.projectId, p.datasetId, p.version, viewerOf(actor), auditContextOf(req));
    return { dataset: dataset.name, version: view.version.version, status: view.version.status, files: view.files.map((f) => ({ path: f.path, size: f.size, sha256: f.sha256, contentType: f.contentType })) };
  }
}
