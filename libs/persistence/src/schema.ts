import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface UsersTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  subject: string | null;
  issuer: string | null;
  is_platform_admin: Generated<boolean>;
  created_at: Timestamp;
  last_seen_at: Timestamp | null;
}

export interface ProjectsTable {
  id: Generated<string>;
  name: string;
  description: string;
  tier: number;
  status: string;
  checkers_required: number;
  storage_quota_bytes: Generated<string>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProjectMembersTable {
  project_id: string;
  user_id: string;
  role: string;
  added_by: string | null;
  added_at: Timestamp;
}

export interface AuditEventsTable {
  id: string;
  seq: string; // bigint comes back as a string from pg
  occurred_at: Timestamp;
  actor_id: string | null;
  actor_email: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  project_id: string | null;
  request_id: string | null;
  source_ip: string | null;
  details: ColumnType<Record<string, unknown>, string, string>;
  prev_hash: string;
  hash: string;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: Timestamp;
}

export interface DatasetsTable {
  id: Generated<string>;
  project_id: string;
  name: string;
  description: string;
  classification: string;
  owner_id: string;
  created_at: Timestamp;
}

type OptionalTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface DatasetVersionsTable {
  id: Generated<string>;
  dataset_id: string;
  version: number;
  status: string;
  failure_reason: string | null;
  created_by: string;
  created_at: Timestamp;
  upload_expires_at: OptionalTimestamp;
  upload_started_at: OptionalTimestamp;
  submitted_at: OptionalTimestamp;
  transfer_started_at: OptionalTimestamp;
  verification_started_at: OptionalTimestamp;
  available_at: OptionalTimestamp;
  failed_at: OptionalTimestamp;
  rejected_at: OptionalTimestamp;
  sealed_at: OptionalTimestamp;
}

export interface DatasetFilesTable {
  id: Generated<string>;
  version_id: string;
  path: string;
  size: ColumnType<string, number | string, number | string>;
  content_type: Generated<string>;
  staging_blob: string;
  source_sha256: string | null;
  copied_at: OptionalTimestamp;
  sha256: string | null;
  verified_at: OptionalTimestamp;
  original_deleted_at: OptionalTimestamp;
}

export interface SealedPrefixesTable {
  account: string;
  container: string;
  prefix: string;
  sealed_at: Timestamp;
}

export interface SealedObjectsTable {
  account: string;
  container: string;
  name: string;
  size: ColumnType<string, number, number>;
  sha256: string;
}

type Json = ColumnType<unknown, string, string>;

export interface ProjectEnvironmentsTable {
  project_id: string;
  driver: string;
  plan: ColumnType<unknown, string | null | undefined, string | null>;
  steps: Json;
  outputs: ColumnType<unknown, string | null | undefined, string | null>;
  resources: Json;
  simulated_state: ColumnType<unknown, string | null | undefined, string | null>;
  last_error: string | null;
  updated_at: Timestamp;
}

export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  subject: string;
  body: string;
  project_id: string | null;
  link: string | null;
  idempotency_key: string | null;
  created_at: Timestamp;
  read_at: OptionalTimestamp;
}

export interface NotificationDeliveriesTable {
  id: Generated<string>;
  channel: 'email' | 'webhook';
  dedupe_key: string | null;
  user_id: string | null;
  kind: string;
  project_id: string | null;
  payload: Json;
  status: Generated<'pending' | 'delivered' | 'failed'>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  delivered_at: OptionalTimestamp;
}

export interface DevMailboxTable {
  id: Generated<string>;
  received_at: Timestamp;
  envelope_from: string | null;
  envelope_to: Json;
  from_address: string | null;
  to_addresses: Json;
  subject: string;
  text_body: string;
  html_body: string | null;
  message_id: string | null;
  size: number;
}

export interface ExportRequestsTable {
  id: Generated<string>;
  project_id: string;
  requester_id: string;
  title: string;
  purpose: string;
  status: string;
  status_reason: ColumnType<string | null, string | null | undefined, string | null>;
  round: Generated<number>;
  checkers_required: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  submitted_at: OptionalTimestamp;
  released_at: OptionalTimestamp;
  revoked_at: OptionalTimestamp;
}

export interface ExportGroupsTable {
  id: Generated<string>;
  request_id: string;
  position: number;
  name: string;
  context: string;
  controls: string;
}

export interface ExportFilesTable {
  id: Generated<string>;
  request_id: string;
  group_id: string;
  staged_output_id: string;
  path: string;
  role: string;
  source_blob: string;
  source_version_id: ColumnType<string | null, string | null | undefined, string | null>;
  size: ColumnType<string, number | string, number | string>;
  content_type: string;
  sha256: string;
  changed_in_round: Generated<number>;
  frozen_blob: ColumnType<string | null, string | null | undefined, string | null>;
  check_outcome: ColumnType<string | null, string | null | undefined, string | null>;
  checks: ColumnType<unknown, string | null | undefined, string | null>;
  findings: ColumnType<unknown, string | null | undefined, string | null>;
  released_blob: ColumnType<string | null, string | null | undefined, string | null>;
  released_sha256: ColumnType<string | null, string | null | undefined, string | null>;
  /** When the released public copy was found gone after a revoke (migration 13). */
  unpublished_at: OptionalTimestamp;
}

export interface ExportReviewsTable {
  request_id: string;
  reviewer_id: string;
  round: number;
  started_at: Timestamp;
  submitted_at: OptionalTimestamp;
}

export interface ExportVotesTable {
  file_id: string;
  reviewer_id: string;
  round: number;
  decision: string;
  comment: Generated<string>;
  updated_at: Timestamp;
}

export interface ExportCommentsTable {
  id: Generated<string>;
  request_id: string;
  file_id: string | null;
  author_id: string;
  round: number;
  visibility: string;
  body: string;
  created_at: Timestamp;
}

export interface WorkspacesTable {
  id: Generated<string>;
  project_id: string;
  name: string;
  kind: string;
  size: string;
  owner_id: string | null;
  status: string;
  status_since: Timestamp;
  last_stop_reason: string | null;
  requested_reason: string | null;
  requested_due_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  resource_id: string | null;
  failure_reason: string | null;
  last_connected_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_by: string;
  created_at: Timestamp;
  deleted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface WorkspaceRunsTable {
  id: Generated<string>;
  workspace_id: string;
  project_id: string;
  size: string;
  started_at: Timestamp;
  stopped_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  stop_reason: string | null;
}

export interface ComputeSchedulesTable {
  project_id: string;
  stop_cron: string;
  start_cron: string | null;
  time_zone: string;
  enabled: boolean;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface IdlePoliciesTable {
  project_id: string;
  enabled: boolean;
  cpu_threshold_percent: ColumnType<string, number | string, number | string>;
  idle_minutes: number;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface ProjectBudgetsTable {
  project_id: string;
  monthly_amount: ColumnType<string, number | string, number | string>;
  currency: string;
  stop_at_limit: boolean;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface BudgetMonthsTable {
  project_id: string;
  month: string;
  source: string;
  currency: string;
  spent: ColumnType<string, number | string | undefined, number | string>;
  forecast: ColumnType<string, number | string | undefined, number | string>;
  savings: ColumnType<string, number | string | undefined, number | string>;
  daily: ColumnType<unknown, string | undefined, string>;
  computed_at: Timestamp;
  notified_80_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Also when the month's budget became exhausted: reaching 100 % is what exhausts it. */
  notified_100_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface StagedOutputsTable {
  id: Generated<string>;
  project_id: string;
  user_id: string;
  path: string;
  blob_name: string;
  size: ColumnType<string, number | string, number | string>;
  sha256: string;
  content_type: string;
  version_id: string | null;
  modified_at: Timestamp;
}

export interface WorkspaceCredentialsTable {
  id: Generated<string>;
  project_id: string;
  token_hash: string;
  created_at: Timestamp;
  revoked_at: OptionalTimestamp;
}

export interface PolicyComplianceTable {
  scope_key: string;
  project_id: string | null;
  source: string;
  simulated: boolean;
  resource_group: string;
  compliant_resources: number;
  non_compliant_resources: number;
  non_compliant_policies: ColumnType<unknown, string | undefined, string>;
  evaluated_at: Timestamp;
  swept_at: Timestamp;
}

export interface AddressRangeReservationsTable {
  project_id: string;
  address_range: string;
  reserved_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface Database {
  address_range_reservations: AddressRangeReservationsTable;
  policy_compliance: PolicyComplianceTable;
  staged_outputs: StagedOutputsTable;
  workspace_credentials: WorkspaceCredentialsTable;
  workspaces: WorkspacesTable;
  workspace_runs: WorkspaceRunsTable;
  compute_schedules: ComputeSchedulesTable;
  idle_policies: IdlePoliciesTable;
  project_budgets: ProjectBudgetsTable;
  budget_months: BudgetMonthsTable;
  export_requests: ExportRequestsTable;
  export_groups: ExportGroupsTable;
  export_files: ExportFilesTable;
  export_reviews: ExportReviewsTable;
  export_votes: ExportVotesTable;
  export_comments: ExportCommentsTable;
  notifications: NotificationsTable;
  notification_deliveries: NotificationDeliveriesTable;
  dev_mailbox: DevMailboxTable;
  project_environments: ProjectEnvironmentsTable;
  datasets: DatasetsTable;
  dataset_versions: DatasetVersionsTable;
  dataset_files: DatasetFilesTable;
  sealed_prefixes: SealedPrefixesTable;
  sealed_objects: SealedObjectsTable;
  users: UsersTable;
  projects: ProjectsTable;
  project_members: ProjectMembersTable;
  audit_events: AuditEventsTable;
  schema_migrations: SchemaMigrationsTable;
}
