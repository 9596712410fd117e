#!/usr/bin/env bash
# Run the whole suite: lint, types, then every test on SQLite and again on a throwaway PostgreSQL cluster.
# Installs what is missing first (Debian packages chromium and postgresql, Python packages in .venv).
# Extra arguments go to pytest, e.g. scripts/test.sh -k privacy
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh --test
export PATH="$PWD/.venv/bin:$PATH"
unset BARRIERFREE_DATABASE_URL BARRIERFREE_TEST_DATABASE_URL

echo "== ruff"; ruff check .
echo "== mypy"; mypy
echo "== tests on SQLite"
python -m pytest -q -n 2 "$@"   # two workers: one per core

echo "== tests on PostgreSQL"
pg_bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -n 1)")
cluster=$(mktemp -d /tmp/barrierfree-pg.XXXXXX)
port=$(python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# The postgres user may not enter this checkout (mktemp folders are private): run its tools from /.
as_pg() { if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$cluster"
stop_cluster() { as_pg "$pg_bin/pg_ctl" -D "$cluster/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$cluster"; }
trap stop_cluster EXIT
as_pg "$pg_bin/initdb" -D "$cluster/data" -U barrierfree --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$cluster/data" -l "$cluster/log" -w \
  -o "-h 127.0.0.1 -p $port -k $cluster -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
as_pg "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U barrierfree barrierfree_test
export BARRIERFREE_TEST_DATABASE_URL="postgresql+psycopg://barrierfree@127.0.0.1:$port/barrierfree_test"
python -m pytest -q -n 2 "$@"   # each worker migrates its own database (tests/conftest.py)
