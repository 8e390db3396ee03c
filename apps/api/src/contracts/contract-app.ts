import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { loadApiConfig } from '@cloister/config';
import { AppModule } from '../app.module';

/**
 * The application graph without starting anything (Nest preview mode): enough to read routes and build the OpenAPI
 * document, with no database, Redis or storage. Uses the local-mode shape so the dev token route is included.
 */
export async function createContractApp(): Promise<INestApplication> {
  const config = loadApiConfig({
    DATABASE_URL: 'postgres://contract@127.0.0.1:1/contract',
    PUBLIC_STORAGE_BLOB_URL: 'http://127.0.0.1:1/public',
    PUBLIC_STORAGE_ACCOUNT: 'public',
    PUBLIC_STORAGE_KEY: 'Y29udHJhY3Q=',
    OIDC_ISSUER: 'http://127.0.0.1:1',
    DEV_TOKEN_ENABLED: 'true',
    SECURE_GATEWAY_SECRET: 'contract-generation-only-not-a-real-secret',
  });
  const app = await NestFactory.create(AppModule.forRoot(config), { preview: true, logger: false });
  app.setGlobalPrefix('api');
  return app;
}
