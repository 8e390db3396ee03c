export * from './otlp-collector';
export * from '../azure-fakes/fake-key-vault';
export * from '../azure-fakes/fake-token-credential';
