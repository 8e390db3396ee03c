/** What a project can run: data science VMs (per researcher or shared) and Azure ML compute instances. */
export const WORKSPACE_KINDS = ['vm', 'ml_compute'] as const;
export type WorkspaceKind = (typeof WORKSPACE_KINDS)[number];

/** Why a workspace was stopped: by a person, or automatically by one of the sweeps. */
export const STOP_REASONS = ['manual', 'schedule', 'idle', 'budget'] as const;
export type StopReason = (typeof STOP_REASONS)[number];
export type AutomaticStopReason = Exclude<StopReason, 'manual'>;

export interface WorkspaceSize {
  readonly size: string;
  readonly kind: WorkspaceKind;
  readonly label: string;
  /** Pay-as-you-go price per running hour, in the rate card's currency. Deallocated compute costs nothing. */
  readonly hourlyRate: number;
}

export const RATE_CARD_CURRENCY = 'USD';

/**
 * The local mode's rate card (list prices of the sizes the project template offers, rounded). Azure mode reads real
 * costs from Cost Management instead; this card still prices the savings from automatic stops there.
 */
export const RATE_CARD: readonly WorkspaceSize[] = [
  { size: 'Standard_D4s_v5', kind: 'vm', label: 'Data science VM, 4 vCPU / 16 GiB', hourlyRate: 0.192 },
  { size: 'Standard_D8s_v5', kind: 'vm', label: 'Data science VM, 8 vCPU / 32 GiB', hourlyRate: 0.384 },
  { size: 'Standard_E16s_v5', kind: 'vm', label: 'Data science VM, 16 vCPU / 128 GiB', hourlyRate: 1.008 },
  { size: 'Standard_NC6s_v3', kind: 'vm', label: 'GPU VM, 1× V100', hourlyRate: 3.06 },
  { size: 'Standard_DS3_v2', kind: 'ml_compute', label: 'ML compute instance, 4 vCPU / 14 GiB', hourlyRate: 0.293 },
  { size: 'Standard_NC4as_T4_v3', kind: 'ml_compute', label: 'ML compute instance, 1× T4 GPU', hourlyRate: 0.526 },
];

const BY_SIZE = new Map(RATE_CARD.map((s) => [s.size, s]));

export const sizeOf = (size: string): WorkspaceSize | undefined => BY_SIZE.get(size);
export const hourlyRateOf = (size: string): number => BY_SIZE.get(size)?.hourlyRate ?? 0;
