/**
 * The latest policy compliance summary per project and one for the platform, written by the worker's posture sweep
 * and read by the platform admin's posture view (the API holds no Azure credentials).
 */
export const name = 'policy-compliance';
export const up = `
CREATE TABLE policy_compliance (
  scope_key text PRIMARY KEY,
  project_id uuid REFERENCES projects(id),
  source text NOT NULL CHECK (source IN ('azure-policy', 'simulated')),
  simulated boolean NOT NULL,
  resource_group text NOT NULL,
  compliant_resources integer NOT NULL CHECK (compliant_resources >= 0),
  non_compliant_resources integer NOT NULL CHECK (non_compliant_resources >= 0),
  non_compliant_policies jsonb NOT NULL DEFAULT '[]',
  evaluated_at timestamptz NOT NULL,
  swept_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((scope_key = 'platform' AND project_id IS NULL) OR (project_id IS NOT NULL AND scope_key = 'project:' || project_id::text))
);
`;
