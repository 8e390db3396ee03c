export * from './local-stack';
export * from './storage-keys';
