// A failed ARM deployment, carrying ARM's own error code so callers (the worker's retry logic, the portal) can tell
// quota or policy denials from transient faults.

export interface ArmErrorDetail {
  readonly code: string;
  readonly message: string;
}

export class ArmDeploymentError extends Error {
  override readonly name = 'ArmDeploymentError';

  constructor(
    readonly deploymentName: string,
    /** ARM's top-level code, e.g. `DeploymentFailed`. */
    readonly code: string,
    readonly armMessage: string,
    /** The resource providers' errors underneath (where the real cause is). */
    readonly details: readonly ArmErrorDetail[],
  ) {
    const causes = details.map((d) => `${d.code}: ${d.message}`).join('; ');
    super(`Deployment ${deploymentName} failed with ${code}: ${armMessage}${causes ? ` (${causes})` : ''}`);
  }

  /** The most specific code: the first provider error if any, else the top-level one. */
  get rootCode(): string {
    return this.details[0]?.code ?? this.code;
  }
}
