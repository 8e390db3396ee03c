/** One entry of the append-only audit trail. `hash` chains it to the previous entry. */
export interface AuditEventInput {
  readonly actorId: string | null;
  readonly actorEmail: string | null;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string | null;
  readonly projectId: string | null;
  readonly requestId: string | null;
  readonly sourceIp: string | null;
  readonly details: Record<string, unknown>;
}

export interface AuditEvent extends AuditEventInput {
  readonly id: string;
  readonly seq: number;
  readonly occurredAt: string;
  readonly prevHash: string;
  readonly hash: string;
}

/** The chain's first `prevHash`. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);
