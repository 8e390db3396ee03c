// Errors of the Data Factory data mover: a pipeline run that did not succeed, and transfers the ingress pipeline
// cannot express (so nothing is started rather than moving the wrong files).

/** How a pipeline run ended when it did not succeed. `TimedOut` is ours: the run outlived the mover's timeout. */
export type DataFactoryRunOutcome = 'Failed' | 'Cancelled' | 'TimedOut';

export class DataFactoryRunError extends Error {
  constructor(
    readonly pipelineName: string,
    readonly runId: string,
    readonly outcome: DataFactoryRunOutcome,
    /** The run's own `message` (for Failed, Data Factory's account of which activity failed and why). */
    readonly runMessage: string,
  ) {
    super(`Data Factory pipeline '${pipelineName}' run ${runId} ${outcome === 'TimedOut' ? 'timed out' : outcome.toLowerCase()}${runMessage ? `: ${runMessage}` : ''}`);
    this.name = 'DataFactoryRunError';
  }
}

export class UnsupportedTransferError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedTransferError';
  }
}
