/**
 * Deterministic JSON: object keys sorted, no whitespace. Two parties hashing the same event must produce the
 * same bytes, whatever order the fields were written in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
    return JSON.stringify(value ?? null);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The exact content the chain hashes for an event (everything except its own hash). */
export function auditHashMaterial(event: Omit<import('./audit-event').AuditEvent, 'hash'>): string {
  return canonicalJson({
    id: event.id,
    seq: event.seq,
    occurredAt: event.occurredAt,
    actorId: event.actorId,
    actorEmail: event.actorEmail,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    projectId: event.projectId,
    requestId: event.requestId,
    sourceIp: event.sourceIp,
    details: event.details,
    prevHash: event.prevHash,
  });
}
