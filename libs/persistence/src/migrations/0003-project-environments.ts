/** What provisioning learned about each project's environment: plan, step progress, outputs and resources. */
export const name = 'project-environments';
export const up = `
CREATE TABLE project_environments (
  project_id uuid PRIMARY KEY REFERENCES projects(id),
  driver text NOT NULL,
  plan jsonb,
  steps jsonb NOT NULL DEFAULT '[]',
  outputs jsonb,
  resources jsonb NOT NULL DEFAULT '[]',
  simulated_state jsonb,
  last_error text,
  updated_at timestamptz NOT NULL DEFAULT now()
);
`;
