#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, runs the Swift tests (pure core,
# wire, live server on loopback), a short fuzzing run, and the end-to-end tests with Python's
# websockets client and headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
echo "test: compilando…"
mkdir -p .build
if ! swift build --build-tests > .build/build.log 2>&1; then
    grep -E "error:" -A3 .build/build.log | head -60 >&2
    echo "test: no compila" >&2
    exit 1
fi
tail -n 1 .build/build.log
echo "test: pruebas de Swift"
swift test --skip-build > .build/swift-test.log 2>&1 || true
grep -E "^(✘|✔ Test run)" .build/swift-test.log | cut -c1-600 | tail -n 40
if ! grep -q "^✔ Test run with" .build/swift-test.log; then
    echo "test: fallaron pruebas de Swift" >&2
    grep -E "✘|error:" .build/swift-test.log | cut -c1-600 | head -50 >&2
    exit 1
fi
# A short, bounded libFuzzer run over the decoder and the hearing (docs/security.md,
# "Fuzzing"): it replays Fuzz/corpus, then mutates for AUDIENCIA_FUZZ_SECONDS; any crash or
# broken check fails the suite.
echo "test: fuzzing breve del decodificador y la audiencia (${AUDIENCIA_FUZZ_SECONDS:-20} s)"
bash scripts/fuzz.sh --time "${AUDIENCIA_FUZZ_SECONDS:-20}"
echo "test: pruebas de extremo a extremo (Python websockets y Chromium)"
AUDIENCIA_BIN=.build/debug/audiencia bash scripts/e2e.sh
