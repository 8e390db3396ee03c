export * from './storage/blob-object-storage';
export * from './local/azurite';
export * from './queue/redis-connection';
export * from './queue/bull-job-queue';
export * from './observability/logger';
export * from './observability/tracing';
export * from './local/redis-server';
