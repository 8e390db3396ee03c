/**
 * The size and SHA-256 of each object sealed under a prefix, recorded when the prefix is sealed, so every later
 * read of a sealed object can be re-verified against what was sealed (locally the only integrity guard, since
 * Azurite has no immutability policies).
 */
export const name = 'sealed-objects';
export const up = `
CREATE TABLE sealed_objects (
  account text NOT NULL,
  container text NOT NULL,
  name text NOT NULL,
  size bigint NOT NULL,
  sha256 text NOT NULL,
  PRIMARY KEY (account, container, name)
);
`;
