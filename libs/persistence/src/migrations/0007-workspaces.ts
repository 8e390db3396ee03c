/**
 * Workspaces (data science VMs and ML compute) with their running periods (what cost is priced from), and each
 * project's compute policies: stop/start schedule, idle policy, monthly budget and the budget's per-month state.
 */
export const name = 'workspaces';
export const up = `
CREATE TABLE workspaces (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL REFERENCES projects(id),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('vm', 'ml_compute')),
  size text NOT NULL,
  owner_id uuid REFERENCES users(id),
  status text NOT NULL,
  status_since timestamptz NOT NULL DEFAULT now(),
  last_stop_reason text,
  resource_id text,
  failure_reason text,
  last_connected_at timestamptz,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE UNIQUE INDEX workspaces_project_name ON workspaces (project_id, lower(name)) WHERE deleted_at IS NULL;
CREATE INDEX workspaces_live_status ON workspaces (status) WHERE deleted_at IS NULL;
CREATE INDEX workspaces_owner ON workspaces (owner_id) WHERE deleted_at IS NULL;

CREATE TABLE workspace_runs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id),
  project_id uuid NOT NULL REFERENCES projects(id),
  size text NOT NULL,
  started_at timestamptz NOT NULL,
  stopped_at timestamptz,
  stop_reason text
);
CREATE INDEX workspace_runs_project_time ON workspace_runs (project_id, started_at);
CREATE UNIQUE INDEX workspace_runs_one_open ON workspace_runs (workspace_id) WHERE stopped_at IS NULL;

CREATE TABLE compute_schedules (
  project_id uuid PRIMARY KEY REFERENCES projects(id),
  stop_cron text NOT NULL,
  start_cron text,
  time_zone text NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE idle_policies (
  project_id uuid PRIMARY KEY REFERENCES projects(id),
  enabled boolean NOT NULL DEFAULT true,
  cpu_threshold_percent numeric(5,2) NOT NULL,
  idle_minutes integer NOT NULL,
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE project_budgets (
  project_id uuid PRIMARY KEY REFERENCES projects(id),
  monthly_amount numeric(12,2) NOT NULL,
  currency text NOT NULL,
  stop_at_limit boolean NOT NULL DEFAULT false,
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE budget_months (
  project_id uuid NOT NULL REFERENCES projects(id),
  month text NOT NULL,
  source text NOT NULL,
  currency text NOT NULL,
  spent numeric(14,2) NOT NULL DEFAULT 0,
  forecast numeric(14,2) NOT NULL DEFAULT 0,
  savings numeric(14,2) NOT NULL DEFAULT 0,
  daily jsonb NOT NULL DEFAULT '[]',
  computed_at timestamptz NOT NULL DEFAULT now(),
  notified_80_at timestamptz,
  notified_100_at timestamptz,
  exhausted_at timestamptz,
  PRIMARY KEY (project_id, month)
);
`;
