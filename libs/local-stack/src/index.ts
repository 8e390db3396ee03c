export * from './local-stack';
export * from './storage-keys';
export * from './dev-mailbox';
