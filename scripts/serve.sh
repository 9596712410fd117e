#!/usr/bin/env bash
# Run barrierfree on SQLite with demo data at http://127.0.0.1:8000 (installs what is missing first).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
export BARRIERFREE_DATA_DIR="${BARRIERFREE_DATA_DIR:-$PWD/var}"
.venv/bin/barrierfree db upgrade
.venv/bin/barrierfree demo load
exec .venv/bin/barrierfree serve --host 127.0.0.1 --port 8000
