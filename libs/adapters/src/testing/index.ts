export * from './otlp-collector';
