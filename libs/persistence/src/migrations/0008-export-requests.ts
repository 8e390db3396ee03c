/**
 * Export requests (the airlock's way out): groups with their context, frozen files with their automated check
 * results, checkers' reviews per round and their votes, and comments.
 */
export const name = 'export-requests';
export const up = `
CREATE TABLE export_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL REFERENCES projects(id),
  requester_id uuid NOT NULL REFERENCES users(id),
  title text NOT NULL,
  purpose text NOT NULL,
  status text NOT NULL,
  status_reason text,
  round integer NOT NULL DEFAULT 0,
  checkers_required smallint NOT NULL CHECK (checkers_required BETWEEN 1 AND 10),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  submitted_at timestamptz,
  released_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX export_requests_project ON export_requests (project_id, created_at DESC);
CREATE INDEX export_requests_status ON export_requests (status);

CREATE TABLE export_groups (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL REFERENCES export_requests(id) ON DELETE CASCADE,
  position integer NOT NULL,
  name text NOT NULL,
  context text NOT NULL,
  controls text NOT NULL
);

CREATE TABLE export_files (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL REFERENCES export_requests(id) ON DELETE CASCADE,
  group_id uuid NOT NULL REFERENCES export_groups(id) ON DELETE CASCADE,
  staged_output_id uuid NOT NULL,
  path text NOT NULL,
  role text NOT NULL CHECK (role IN ('output', 'supporting')),
  source_blob text NOT NULL,
  source_version_id text,
  size bigint NOT NULL CHECK (size >= 0),
  content_type text NOT NULL DEFAULT 'application/octet-stream',
  -- Recorded at submission; every later read (freeze, release) must hash to this.
  sha256 char(64) NOT NULL,
  changed_in_round integer NOT NULL DEFAULT 0,
  frozen_blob text,
  check_outcome text CHECK (check_outcome IN ('pass', 'review', 'fail')),
  checks jsonb,
  findings jsonb,
  released_blob text,
  released_sha256 char(64),
  UNIQUE (request_id, path)
);
CREATE INDEX export_files_staged ON export_files (staged_output_id);

CREATE TABLE export_reviews (
  request_id uuid NOT NULL REFERENCES export_requests(id) ON DELETE CASCADE,
  reviewer_id uuid NOT NULL REFERENCES users(id),
  round integer NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  submitted_at timestamptz,
  PRIMARY KEY (request_id, reviewer_id, round)
);

CREATE TABLE export_votes (
  file_id uuid NOT NULL REFERENCES export_files(id) ON DELETE CASCADE,
  reviewer_id uuid NOT NULL REFERENCES users(id),
  round integer NOT NULL,
  decision text NOT NULL CHECK (decision IN ('approve', 'request_changes', 'reject')),
  comment text NOT NULL DEFAULT '',
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (file_id, reviewer_id)
);

CREATE TABLE export_comments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL REFERENCES export_requests(id) ON DELETE CASCADE,
  file_id uuid REFERENCES export_files(id) ON DELETE SET NULL,
  author_id uuid NOT NULL REFERENCES users(id),
  round integer NOT NULL,
  visibility text NOT NULL CHECK (visibility IN ('public', 'checkers')),
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX export_comments_request ON export_comments (request_id, created_at);
`;
