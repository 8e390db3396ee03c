/** Datasets, their versions and files, the sealed prefixes of the secure account, and project storage quotas. */
export const name = 'datasets';
export const up = `
ALTER TABLE projects ADD COLUMN storage_quota_bytes bigint NOT NULL DEFAULT 1099511627776;

CREATE TABLE datasets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL REFERENCES projects(id),
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  classification text NOT NULL CHECK (classification IN ('public', 'internal', 'confidential', 'restricted')),
  owner_id uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX datasets_name_key ON datasets (project_id, lower(name));

CREATE TABLE dataset_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dataset_id uuid NOT NULL REFERENCES datasets(id),
  version integer NOT NULL CHECK (version >= 1),
  status text NOT NULL,
  failure_reason text,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  upload_expires_at timestamptz,
  upload_started_at timestamptz,
  submitted_at timestamptz,
  transfer_started_at timestamptz,
  verification_started_at timestamptz,
  available_at timestamptz,
  failed_at timestamptz,
  rejected_at timestamptz,
  sealed_at timestamptz,
  UNIQUE (dataset_id, version)
);

CREATE TABLE dataset_files (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  version_id uuid NOT NULL REFERENCES dataset_versions(id),
  path text NOT NULL,
  size bigint NOT NULL CHECK (size >= 0),
  content_type text NOT NULL DEFAULT 'application/octet-stream',
  staging_blob text NOT NULL,
  source_sha256 char(64),
  copied_at timestamptz,
  sha256 char(64),
  verified_at timestamptz,
  original_deleted_at timestamptz,
  UNIQUE (version_id, path)
);

CREATE TABLE sealed_prefixes (
  account text NOT NULL,
  container text NOT NULL,
  prefix text NOT NULL,
  sealed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account, container, prefix)
);
`;
