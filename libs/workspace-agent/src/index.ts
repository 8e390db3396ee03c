export * from './args';
export * from './credential';
export * from './key-vault-credential';
export * from './gateway-client';
export * from './run';
