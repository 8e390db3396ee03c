import 'reflect-metadata';
import { createLogger, startTracing } from '@cloister/adapters';
import { ConfigError, loadApiConfig, processEnv } from '@cloister/config';
import { closeApiApp, createApiApp } from './create-app';

async function main(): Promise<void> {
  let config;
  try {
    config = loadApiConfig(processEnv());
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`cloister-api: ${e.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
  const logger = createLogger(config.LOG_LEVEL, 'cloister-api');
  const tracing = await startTracing('cloister-api', config.OTEL_EXPORTER_OTLP_ENDPOINT);
  const app = await createApiApp(config, logger);
  await app.listen(config.API_PORT, config.API_HOST);
  logger.info({ url: `http://${config.API_HOST}:${config.API_PORT}`, mode: config.CLOISTER_MODE, devToken: config.DEV_TOKEN_ENABLED }, 'api listening');
  const stop = async () => {
    await closeApiApp(app);
    await tracing.shutdown();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

void main();
