import { randomUUID } from 'node:crypto';
import { Controller, Delete, Get, HttpCode, Put, Req, UseFilters } from '@nestjs/common';
import { validationError } from '@cloister/domain';
import type { StagedOutputRecord } from '@cloister/persistence';
import type { Request } from 'express';
import { GatewayErrorFilter } from './gateway-error.filter';
import { listQuery, outputQuery, parseInput, projectParams } from './gateway-input';
import { type RequestMeta, StagedOutputsService, stagingPath } from './staged-outputs.service';
import { WorkspaceAuthenticator } from './workspace-authenticator';

const summary = (o: StagedOutputRecord) => ({ id: o.id, path: o.path, size: o.size, sha256: o.sha256, modifiedAt: o.modifiedAt.toISOString() });

function metaOf(req: Request): RequestMeta {
  const incoming = req.headers['x-request-id'];
  return { requestId: typeof incoming === 'string' && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID(), sourceIp: req.ip ?? req.socket.remoteAddress ?? null };
}

function declaredLength(req: Request): number | null {
  const raw = req.headers['content-length'];
  if (raw === undefined) return null;
  if (!/^\d{1,15}$/.test(raw)) throw validationError('VALIDATION_FAILED', 'headers.content-length: not a byte count');
  return Number(raw);
}

/**
 * The workspace agent's side of the secure gateway: a project's workspace stages, lists and removes a researcher's
 * outputs with its project-scoped credential. Bodies are streamed straight into the secure account (the worker
 * parses no request bodies), hashed on the way.
 */
@Controller('agent/v1/projects/:projectId/outputs')
@UseFilters(GatewayErrorFilter)
export class AgentOutputsController {
  constructor(private readonly auth: WorkspaceAuthenticator, private readonly outputs: StagedOutputsService) {}

  @Put()
  @HttpCode(201)
  async put(@Req() req: Request) {
    const { projectId } = parseInput('params', projectParams, req.params);
    const query = parseInput('query', outputQuery, req.query);
    const length = declaredLength(req);
    const caller = await this.auth.caller(projectId, req.headers.authorization, query.user);
    const path = stagingPath(query.path);
    return summary(await this.outputs.stage(caller, path, req, length, metaOf(req)));
  }

  @Delete()
  async remove(@Req() req: Request) {
    const { projectId } = parseInput('params', projectParams, req.params);
    const query = parseInput('query', outputQuery, req.query);
    const caller = await this.auth.caller(projectId, req.headers.authorization, query.user);
    return { removed: summary(await this.outputs.remove(caller, stagingPath(query.path), metaOf(req))) };
  }

  @Get()
  async list(@Req() req: Request) {
    const { projectId } = parseInput('params', projectParams, req.params);
    const query = parseInput('query', listQuery, req.query);
    const caller = await this.auth.caller(projectId, req.headers.authorization, query.user);
    const outputs = await this.outputs.list(caller);
    return { outputs: outputs.map((o) => ({ ...summary(o), contentType: o.contentType })) };
  }
}
