import 'reflect-metadata';
import { createLogger, startTracing } from '@cloister/adapters';
import { ConfigError, loadWorkerConfig, processEnv } from '@cloister/config';
import { closeWorkerApp, createWorkerApp } from './create-worker';

async function main(): Promise<void> {
  let config;
  try {
    config = loadWorkerConfig(processEnv());
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`cloister-worker: ${e.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
  const logger = createLogger(config.LOG_LEVEL, 'cloister-worker');
  const tracing = await startTracing('cloister-worker', config.OTEL_EXPORTER_OTLP_ENDPOINT);
  try {
    const app = await createWorkerApp(config, logger);
    await app.listen(config.WORKER_PORT, config.WORKER_HOST);
    logger.info({ url: `http://${config.WORKER_HOST}:${config.WORKER_PORT}` }, 'worker listening');
    const stop = async () => {
      await closeWorkerApp(app);
      await tracing.shutdown();
      process.exit(0);
    };
    process.once('SIGTERM', () => void stop());
    process.once('SIGINT', () => void stop());
  } catch (e) {
    logger.fatal({ err: e }, 'worker failed to start');
    process.exit(1);
  }
}

void main();
