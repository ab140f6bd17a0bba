#!/usr/bin/env bash
# System packages and services the tests need (Debian): run as root in CI and by `make test`.
#
# Installs Debian's PostgreSQL server if it is missing, starts a cluster listening on
# 127.0.0.1:5432 and creates the role and database `reportedly` (password `reportedly`,
# allowed to create databases so that tests can make a fresh one each). Idempotent: running
# it again on a machine where all this is done changes nothing. It exports nothing: the
# tests find the server at the well-known URL
#     postgresql+psycopg://reportedly:reportedly@127.0.0.1:5432/reportedly
# (override with env REPORTEDLY_PG_URL).
set -euo pipefail

PG_PORT="${REPORTEDLY_PG_PORT:-5432}"
PG_ROLE=reportedly
PG_PASSWORD=reportedly
PG_DB=reportedly

say() { echo "services.sh: $*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
    say "not root: not installing or starting PostgreSQL (PostgreSQL tests will be skipped unless REPORTEDLY_PG_URL points at a server)"
    if [ ! -x /usr/bin/chromium ]; then
        say "not root: not installing Debian's chromium (browser tests will be skipped; as root: apt-get install -y chromium)"
    fi
    exit 0
fi

# Debian's chromium for the browser tests (tests/test_browser.py drives /usr/bin/chromium with
# Playwright; no browser is ever downloaded).
if [ ! -x /usr/bin/chromium ]; then
    say "installing the chromium package (browser tests)"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -q chromium >/dev/null; then
        apt-get update -q >/dev/null
        apt-get install -y -q chromium >/dev/null
    fi
fi

have_server() { compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null && command -v pg_ctlcluster >/dev/null; }

if ! have_server; then
    say "installing the postgresql package"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -q --no-install-recommends postgresql >/dev/null; then
        apt-get update -q >/dev/null
        apt-get install -y -q --no-install-recommends postgresql >/dev/null
    fi
fi

# The newest installed server version, and a cluster of it (the package normally makes `main`).
PG_VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
CLUSTER="$(pg_lsclusters -h | awk -v v="$PG_VERSION" -v p="$PG_PORT" '$1 == v && $3 == p {print $2; exit}')"
if [ -z "$CLUSTER" ]; then
    CLUSTER="$(pg_lsclusters -h | awk -v v="$PG_VERSION" '$1 == v {print $2; exit}')"
fi
if [ -z "$CLUSTER" ]; then
    say "creating cluster $PG_VERSION/main on port $PG_PORT"
    pg_createcluster --port "$PG_PORT" "$PG_VERSION" main >/dev/null
    CLUSTER=main
fi
if [ "$(pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$CLUSTER" '$1 == v && $2 == c {print $3}')" != "$PG_PORT" ]; then
    say "moving cluster $PG_VERSION/$CLUSTER to port $PG_PORT"
    pg_ctlcluster "$PG_VERSION" "$CLUSTER" stop >/dev/null 2>&1 || true
    pg_conftool "$PG_VERSION" "$CLUSTER" set port "$PG_PORT"
fi

status="$(pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$CLUSTER" '$1 == v && $2 == c {print $4}')"
if [ "$status" != "online" ]; then
    say "starting cluster $PG_VERSION/$CLUSTER"
    pg_ctlcluster "$PG_VERSION" "$CLUSTER" start
fi
for _ in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p "$PG_PORT" && break
    sleep 0.5
done
if ! pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; then
    say "PostgreSQL did not come up on 127.0.0.1:$PG_PORT; see /var/log/postgresql/"
    exit 1
fi

psql_admin() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres "$@"; }

if [ "$(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$PG_ROLE'")" != "1" ]; then
    say "creating role $PG_ROLE"
    psql_admin -c "CREATE ROLE $PG_ROLE LOGIN CREATEDB PASSWORD '$PG_PASSWORD'"
else
    psql_admin -c "ALTER ROLE $PG_ROLE LOGIN CREATEDB PASSWORD '$PG_PASSWORD'"
fi
if [ "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" != "1" ]; then
    say "creating database $PG_DB"
    psql_admin -c "CREATE DATABASE $PG_DB OWNER $PG_ROLE"
fi
say "PostgreSQL $PG_VERSION is up: postgresql+psycopg://$PG_ROLE:***@127.0.0.1:$PG_PORT/$PG_DB"
