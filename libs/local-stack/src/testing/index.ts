export * from './platform-harness';
export * from './until';
