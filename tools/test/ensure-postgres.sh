#!/usr/bin/env bash
# Makes sure a Postgres server answers for the DB tests and prints its admin URL.
# Uses TEST_POSTGRES_URL when it already answers; otherwise starts Debian's cluster (as root) and creates a role.
set -euo pipefail
url="${TEST_POSTGRES_URL:-postgres://cloister:cloister@127.0.0.1:5432/postgres}"
if pg_isready -q -d "$url" 2>/dev/null && psql "$url" -Atc 'select 1' >/dev/null 2>&1; then echo "$url"; exit 0; fi
if [ "$(id -u)" != 0 ] || ! command -v pg_ctlcluster >/dev/null; then
  echo "ensure-postgres: no Postgres answers at $url and I cannot start one (need root and Debian's postgresql package)" >&2
  exit 1
fi
ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$ver main$" || pg_createcluster "$ver" main >/dev/null
pg_ctlcluster "$ver" main start 2>/dev/null || true
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.5; done
su postgres -c "psql -qAt -c \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cloister') THEN CREATE ROLE cloister LOGIN SUPERUSER PASSWORD 'cloister'; END IF; END \\\$\\\$;\"" >/dev/null
echo "postgres://cloister:cloister@127.0.0.1:5432/postgres"
