/** @cloister/airlock: export-review use cases shared by the API and the worker. */
export * from './export-transitions';
export * from './review-progress';
export * from './staged-output-changes';
export * from './system-moves';
export * from './transaction-with-notices';
