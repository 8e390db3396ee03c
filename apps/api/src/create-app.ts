import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { BullJobQueue, PinoNestLogger } from '@cloister/adapters';
import type { ApiConfig } from '@cloister/config';
import { type Db, migrate } from '@cloister/persistence';
import express, { type NextFunction, type Response } from 'express';
import helmet from 'helmet';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { AppModule } from './app.module';
import type { CloisterRequest } from './core/request-context';
import { DATABASE, REDIS } from './core/tokens';
import { DomainErrorFilter } from './http/domain-error.filter';
import { requestSpan } from './http/request-span.middleware';
import { mountQueueBoard } from './queues/queue-board';

export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const doc = new DocumentBuilder()
    .setTitle('Cloister API')
    .setDescription('Secure research environments: projects, datasets, export review. Every route declares its access policy in x-cloister-policy.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, doc, { operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}` });
}

/** Builds the configured API application (not yet listening). Shared by main and the tests. */
export async function createApiApp(config: ApiConfig, logger: Logger): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { logger: new PinoNestLogger(logger), bodyParser: false });
  app.set('trust proxy', config.TRUSTED_PROXIES);
  app.use(helmet({ contentSecurityPolicy: false }));
  app.use((req: CloisterRequest, res: Response, next: NextFunction) => {
    const incoming = req.headers['x-request-id'];
    req.id = typeof incoming === 'string' && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', req.id);
    next();
  });
  app.use(requestSpan);
  app.use(pinoHttp({
    logger,
    genReqId: (req) => (req as CloisterRequest).id,
    autoLogging: { ignore: (req) => req.url === '/api/health' },
    // Method, path and outcome only: query strings can carry authorization codes, and headers carry tokens.
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
  }));
  app.use('/api', express.json({ limit: config.BODY_LIMIT }));
  app.setGlobalPrefix('api');
  app.useGlobalFilters(new DomainErrorFilter(logger));
  app.enableShutdownHooks();

  await migrate(app.get<Db>(DATABASE));

  mountQueueBoard(app);
  const openapi = buildOpenApi(app);
  SwaggerModule.setup('api/docs', app, openapi, { jsonDocumentUrl: 'api/docs-json' });

  if (config.PORTAL_DIST_DIR && existsSync(join(config.PORTAL_DIST_DIR, 'index.html'))) {
    const dist = config.PORTAL_DIST_DIR;
    app.use(express.static(dist, { index: false, maxAge: '1h' }));
    // Client-side routes fall back to the SPA shell; API and docs paths never do.
    app.use((req: CloisterRequest, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' || req.path.startsWith('/api') || req.path.startsWith('/admin')) return next();
      res.sendFile(join(dist, 'index.html'));
    });
  }
  return app;
}

export async function closeApiApp(app: INestApplication): Promise<void> {
  const db = app.get<Db>(DATABASE);
  const redis = app.get<Redis>(REDIS);
  await app.close();
  await app.get(BullJobQueue).close();
  await db.destroy();
  redis.disconnect();
}
