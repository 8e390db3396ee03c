export * from './platform-harness';
