import { type Transition, transitionTable } from '../state-machine/transition-table';

/**
 * Lifecycle of an export request, from a researcher's draft to bytes in the public export area.
 * `failed` is technical and retryable; `blocked`, `returned` and `rejected` are decisions.
 */
export const EXPORT_STATUSES = [
  'draft', 'submitted', 'checking', 'in_review', 'partially_reviewed', 'reviewed', 'approved', 'releasing', 'released',
  'returned', 'withdrawn', 'rejected', 'blocked', 'failed', 'revoked',
] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** Who may move a request: its requester, an eligible output checker, a project admin, or the platform itself. */
export type ExportActor = 'requester' | 'output_checker' | 'project_admin' | 'system';
export const EXPORT_ACTORS: readonly ExportActor[] = ['requester', 'output_checker', 'project_admin', 'system'];

export type ExportTransition = Transition<ExportStatus, ExportActor>;

/** The requester may withdraw at any time before release starts. */
const WITHDRAWABLE: readonly ExportStatus[] = ['draft', 'submitted', 'checking', 'in_review', 'partially_reviewed', 'reviewed', 'approved', 'returned', 'blocked', 'failed'];

export const EXPORT_TRANSITIONS: readonly ExportTransition[] = [
  { from: 'draft', to: 'submitted', actors: ['requester'], action: 'submitted' },
  { from: 'returned', to: 'submitted', actors: ['requester'], action: 'resubmitted' },
  { from: 'blocked', to: 'submitted', actors: ['requester'], action: 'resubmitted' },
  { from: 'submitted', to: 'checking', actors: ['system'], action: 'checks_started' },
  { from: 'checking', to: 'in_review', actors: ['system'], action: 'checks_passed_to_review' },
  { from: 'checking', to: 'blocked', actors: ['system'], action: 'blocked' },
  { from: 'checking', to: 'failed', actors: ['system'], action: 'checks_failed' },
  { from: 'failed', to: 'submitted', actors: ['requester', 'project_admin'], action: 'retried' },
  { from: 'in_review', to: 'partially_reviewed', actors: ['system'], action: 'partially_reviewed' },
  { from: 'in_review', to: 'reviewed', actors: ['system'], action: 'reviews_complete' },
  { from: 'partially_reviewed', to: 'reviewed', actors: ['system'], action: 'reviews_complete' },
  { from: 'reviewed', to: 'approved', actors: ['system'], action: 'approved' },
  { from: 'reviewed', to: 'returned', actors: ['system'], action: 'returned' },
  { from: 'reviewed', to: 'rejected', actors: ['system'], action: 'rejected' },
  { from: 'approved', to: 'releasing', actors: ['system'], action: 'release_started' },
  { from: 'releasing', to: 'released', actors: ['system'], action: 'released' },
  { from: 'releasing', to: 'failed', actors: ['system'], action: 'release_failed' },
  { from: 'failed', to: 'releasing', actors: ['project_admin'], action: 'release_retried' },
  { from: 'released', to: 'revoked', actors: ['project_admin', 'output_checker'], action: 'revoked' },
  // A staged file changed after submission: the frozen request no longer matches what the researcher has.
  ...(['submitted', 'checking', 'in_review', 'partially_reviewed', 'reviewed', 'approved'] as const).map(
    (from): ExportTransition => ({ from, to: 'returned', actors: ['system'], action: 'invalidated' }),
  ),
  ...WITHDRAWABLE.map((from): ExportTransition => ({ from, to: 'withdrawn', actors: ['requester'], action: 'withdrawn' })),
];

const exportMachine = transitionTable(EXPORT_TRANSITIONS);
export const findExportTransition = exportMachine.find;
export const canTransitionExport = exportMachine.allows;
export const canTransitionExportAsAny = exportMachine.allowsAny;

/** A request in one of these holds its files: no other open request may include them. */
export const OPEN_EXPORT_STATUSES: readonly ExportStatus[] = [
  'draft', 'submitted', 'checking', 'in_review', 'partially_reviewed', 'reviewed', 'approved', 'releasing', 'returned', 'blocked', 'failed',
];
/** Checkers can vote while a request is in these states. */
export const REVIEWABLE_EXPORT_STATUSES: readonly ExportStatus[] = ['in_review', 'partially_reviewed', 'reviewed'];
/** The requester may change the request's files and text only in these states. */
export const EDITABLE_EXPORT_STATUSES: readonly ExportStatus[] = ['draft', 'returned', 'blocked'];
