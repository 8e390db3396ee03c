#!/usr/bin/env bash
# Makes sure a Postgres server answers for the DB tests and prints its admin URL — and nothing else — on stdout.
# Uses TEST_POSTGRES_URL when it already answers; otherwise starts Debian's cluster (as root) and creates a role.
set -euo pipefail

answers() { pg_isready -q -d "$1" 2>/dev/null && psql "$1" -Atc 'select 1' >/dev/null 2>&1; }

# Starts Debian's cluster. Callers capture stdout as the URL, so this chatters on stderr only; the server it
# starts must not inherit the captured stdout either, or the caller would wait for it forever.
start_cluster() {
  if [ "$(id -u)" != 0 ] || ! command -v pg_ctlcluster >/dev/null; then
    echo "ensure-postgres: no Postgres answers and I cannot start one (need root and Debian's postgresql package)"
    return 1
  fi
  local ver port
  ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
  pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$ver main$" || pg_createcluster "$ver" main
  pg_ctlcluster "$ver" main start </dev/null || true
  # Debian picks the next free port when 5432 was taken at install time.
  port=$(pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main" {print $3}')
  for _ in $(seq 1 60); do pg_isready -q -h 127.0.0.1 -p "$port" && break; sleep 0.5; done
  (cd / && su postgres -c "psql -p $port -qAt -c \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cloister') THEN CREATE ROLE cloister LOGIN SUPERUSER PASSWORD 'cloister'; END IF; END \\\$\\\$;\"")
  echo "$port" > "$port_file"
}

url="${TEST_POSTGRES_URL:-}"
case "$url" in postgres://*|postgresql://*) ;; *) url="postgres://cloister:cloister@127.0.0.1:5432/postgres" ;; esac
if answers "$url"; then echo "$url"; exit 0; fi

port_file=$(mktemp)
trap 'rm -f "$port_file"' EXIT
start_cluster >&2 2>&2
url="postgres://cloister:cloister@127.0.0.1:$(cat "$port_file")/postgres"
if ! answers "$url"; then
  echo "ensure-postgres: started Debian's cluster but cannot connect as cloister to $url" >&2
  exit 1
fi
echo "$url"
