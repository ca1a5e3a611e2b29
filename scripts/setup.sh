#!/usr/bin/env bash
# Installs what Audiencia needs on Debian: the C libraries it links and the tools its tests
# use (chromium, its driver and fonts with accents for the browser tests; the openssl CLI for
# the TLS test's certificate). Safe to run again:
# it installs only what is missing.
set -euo pipefail

packages=(libwebsockets-dev libev-dev libjansson-dev libssl-dev openssl pkg-config chromium chromium-driver fonts-dejavu-core)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then missing+=(python3-venv); fi

if ((${#missing[@]})); then
    echo "setup: instalando ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null; then
    echo "setup: falta Swift 6 (https://www.swift.org/install/linux/); instálalo y vuelve a intentar." >&2
    exit 1
fi
