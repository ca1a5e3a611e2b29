#!/usr/bin/env bash
# Runs Audiencia with Metepec's defaults: installs what is missing, builds a release binary,
# prints credentials for the moderator and the mayor, and serves http://127.0.0.1:7681.
# Extra arguments go to `audiencia serve` (e.g. --port 8080, --data /var/lib/audiencia).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
echo "run: compilando (release)…"
swift build -c release --product audiencia 2>&1 | tail -n 1
bin=.build/release/audiencia

data=./data
for ((i = 1; i <= $#; i++)); do
    if [ "${!i}" = "--data" ]; then j=$((i + 1)); data="${!j}"; fi
done
echo
echo "Credenciales de prueba (12 horas; más con: $bin token issue --official <id>):"
echo "  moderación: $($bin token issue --official moderacion --data "$data")"
echo "  presidenta: $($bin token issue --official presidenta --data "$data")"
echo
exec "$bin" serve "$@"
