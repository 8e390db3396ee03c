/**
 * The address range each project network holds (azure mode). The range is reserved before the deployment that
 * peers the network with the hub, so two projects provisioned at once cannot both pick it.
 */
export const name = 'address-range-reservations';
export const up = `
CREATE TABLE address_range_reservations (
  project_id uuid PRIMARY KEY REFERENCES projects(id),
  address_range text NOT NULL UNIQUE,
  reserved_at timestamptz NOT NULL DEFAULT now()
);
`;
