#!/usr/bin/env bash
# Install what barrierfree needs on Debian 12 with Python >= 3.11. Safe to run again: it only installs
# what is missing. Usage: scripts/bootstrap.sh [--test]   (--test adds Chromium and PostgreSQL for the suite)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
  echo "barrierfree needs Python 3.11 or newer as '$PYTHON' (Debian 12: apt-get install python3)." >&2
  exit 1
fi

missing=()
"$PYTHON" -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
# liblouis for English braille, its tables, cairo and fonts (CJK, DejaVu) for packaging labels, eSpeak NG for
# reading messages aloud on the agent workstation, Chromium's headless shell for accessibility audits.
for package in liblouis20 liblouis-data libcairo2 fonts-noto-cjk fonts-dejavu-core libespeak-ng1 espeak-ng-data \
  chromium-headless-shell; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ "$want_test" = 1 ]; then
  ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing+=(postgresql)
  command -v lou_translate >/dev/null 2>&1 || missing+=(liblouis-bin)  # the braille speed benchmark's peer
  command -v sipp >/dev/null 2>&1 || missing+=(sip-tester)  # SIPp: the callee of the relay smart-call tests
  command -v flite >/dev/null 2>&1 || missing+=(flite)  # a second English voice for the speech tests
fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
extras="."
[ "$want_test" = 1 ] && extras=".[test]"
stamp=".venv/.installed-$(cat pyproject.toml constraints.txt | sha256sum | cut -c1-16)-$want_test"
if [ ! -f "$stamp" ]; then
  echo "installing Python packages into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -c constraints.txt -e "$extras"
  rm -f .venv/.installed-*
  touch "$stamp"
fi
