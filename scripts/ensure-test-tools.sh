#!/usr/bin/env bash
# Make sure the tests' outside tools exist: Chromium (browser tests) and LibreOffice
# (template round trip). Browsers cannot be downloaded by Playwright here, so
# Debian's packages are used; a non-root user points $CHROMIUM / $SOFFICE at theirs.
set -euo pipefail

have() { command -v "$1" >/dev/null 2>&1; }
missing=()
if [ -n "${CHROMIUM:-}" ] && [ -x "${CHROMIUM}" ]; then :; elif have chromium; then :; else missing+=(chromium); fi
if [ -n "${SOFFICE:-}" ] && [ -x "${SOFFICE}" ]; then :; elif have soffice; then :; else missing+=(libreoffice-calc-nogui); fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && have apt-get; then
  echo "Installing ${missing[*]} from Debian's packages (needed by the tests)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "The tests need: ${missing[*]}." >&2
  echo "Install them (e.g. 'sudo apt-get install chromium libreoffice-calc-nogui') or set" >&2
  echo "CHROMIUM=/path/to/chromium and SOFFICE=/path/to/soffice, then run 'make test' again." >&2
  exit 1
fi
