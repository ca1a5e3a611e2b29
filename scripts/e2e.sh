#!/usr/bin/env bash
# End-to-end tests: the real server binary driven over WebSockets by pytest (Tests/e2e) and
# through headless Chromium by Selenium (Tests/browser; screenshots in artifacts/screenshots/).
# Needs python3, chromium and chromium-driver (scripts/setup.sh installs them); the test
# dependencies go into $REPO/.venv-e2e.
# Build first (`swift build`) or point AUDIENCIA_BIN at another binary.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

VENV="$REPO/.venv-e2e"
# (Re)create the venv if it is missing or broken (e.g. made by a Python that is gone).
if ! "$VENV/bin/python" -c 'pass' 2>/dev/null; then
    rm -rf "$VENV"
    python3 -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r Tests/browser/requirements.txt

export AUDIENCIA_BIN="${AUDIENCIA_BIN:-.build/debug/audiencia}"
exec "$VENV/bin/python" -m pytest -q Tests/e2e Tests/browser "$@"
