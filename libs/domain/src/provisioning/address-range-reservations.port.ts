/**
 * Which project network holds which address range. Azure only learns a range when the project's deployment peers
 * its network with the hub, minutes after the range was chosen; two projects provisioned in that window would pick
 * the same range and the later peering would fail. Reserving the range first, under a uniqueness rule, closes it.
 */
export interface AddressRangeReservationsPort {
  /** The range this project holds, if any. */
  reservedFor(projectId: string): Promise<string | null>;
  /** Every range other projects hold. */
  heldByOthers(projectId: string): Promise<string[]>;
  /** Reserves a range for the project; false when another project holds it already (the caller picks another). */
  tryReserve(projectId: string, range: string): Promise<boolean>;
  /** Frees the project's range once its network is gone. */
  release(projectId: string): Promise<void>;
}
