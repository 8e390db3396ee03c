/**
 * Outputs researchers staged in the secure account's export container (one row per file, current version only), and
 * the project-scoped credentials workspaces stage them with (only their SHA-256 is stored).
 */
export const name = 'staged-outputs';
export const up = `
CREATE TABLE staged_outputs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL REFERENCES projects(id),
  user_id uuid NOT NULL REFERENCES users(id),
  path text NOT NULL CHECK (path <> '' AND left(path, 1) <> '/'),
  blob_name text NOT NULL,
  size bigint NOT NULL CHECK (size >= 0),
  sha256 char(64) NOT NULL,
  content_type text NOT NULL,
  version_id text,
  modified_at timestamptz NOT NULL,
  UNIQUE (project_id, user_id, path)
);

CREATE TABLE workspace_credentials (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL REFERENCES projects(id),
  token_hash char(64) NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE INDEX workspace_credentials_project ON workspace_credentials (project_id) WHERE revoked_at IS NULL;
`;
