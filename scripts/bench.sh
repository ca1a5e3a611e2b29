#!/usr/bin/env bash
# Durability figures (docs/performance.md, "Durability"): builds release, then prints two JSON
# lines: the check-in burst against a real server (scripts/bench_checkin.py) and the journal
# replay / archive write benchmark (`audiencia bench durability`).
# SCRATCH=.build-bench uses another build folder; extra arguments go to bench_checkin.py.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
SCRATCH="${SCRATCH:-.build}"

VENV="$REPO/.venv-e2e"  # the e2e tests' venv (scripts/e2e.sh): websockets is all this needs
if ! "$VENV/bin/python" -c 'import websockets' 2>/dev/null; then
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r Tests/e2e/requirements.txt
fi

echo "bench: compilando (release, $SCRATCH)…" >&2
swift build -c release --scratch-path "$SCRATCH" --product audiencia >&2
BIN="$SCRATCH/release/audiencia"

"$VENV/bin/python" scripts/bench_checkin.py --bin "$BIN" "$@"
"$BIN" bench durability --events 50000 --petitions 400
