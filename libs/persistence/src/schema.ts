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

export interface Database {
  users: UsersTable;
  projects: ProjectsTable;
  project_members: ProjectMembersTable;
  audit_events: AuditEventsTable;
  schema_migrations: SchemaMigrationsTable;
}
