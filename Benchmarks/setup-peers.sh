#!/usr/bin/env bash
# setup-peers.sh -- create the Python venv the peer rule engines need and print the
# `export PY=...` line for /work/shared/bench/peers/{run,check}.sh.
#
# Why: run.sh compares pioneer with ZEN (zen-engine), CEL (common-expression-language) and
# rule-engine on the same CSV; those are PyPI packages and must not go into the system python.
# The venv lives outside the repo, under ${TMPDIR:-/tmp}/pioneer-bench/venv (override: VENV=...).
# Idempotent: an existing venv is reused and the packages are only checked/upgraded by pip.
set -euo pipefail

BENCH=${TMPDIR:-/tmp}/pioneer-bench
VENV=${VENV:-$BENCH/venv}
PACKAGES=(zen-engine rule-engine common-expression-language)

command -v python3 >/dev/null || { echo "setup-peers: python3 not found (apt-get install python3 python3-venv)" >&2; exit 2; }
mkdir -p "$BENCH"
if [[ ! -x $VENV/bin/python ]]; then
  echo "setup-peers: creating $VENV" >&2
  python3 -m venv "$VENV" || { echo "setup-peers: python3 -m venv failed (apt-get install python3-venv?)" >&2; exit 2; }
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "${PACKAGES[@]}" >&2

# Prove the three engines import (the module names differ from the pip names).
"$VENV/bin/python" - >&2 <<'EOF'
import importlib.metadata as md
import cel, rule_engine, zen  # noqa: F401
for p in ("zen-engine", "rule-engine", "common-expression-language"):
    print(f"setup-peers: {p} {md.version(p)}")
EOF
[[ -x /usr/bin/time ]] || echo "setup-peers: note: run.sh needs GNU time: apt-get install time" >&2

echo "export PY=$VENV/bin/python"
