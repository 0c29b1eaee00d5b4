#!/usr/bin/env bash
# Make sure the tests' outside tools exist: Chromium (browser tests) and LibreOffice
# (template round trip, the charter's PDF). Browsers cannot be downloaded by Playwright here, so
# Debian's packages are used; a non-root user points $CHROMIUM / $SOFFICE at theirs.
set -euo pipefail

have() { command -v "$1" >/dev/null 2>&1; }
missing=()
if [ -n "${CHROMIUM:-}" ] && [ -x "${CHROMIUM}" ]; then :; elif have chromium; then :; else missing+=(chromium); fi
if [ -n "${SOFFICE:-}" ] && [ -x "${SOFFICE}" ]; then :; elif have soffice; then :; else missing+=(libreoffice-calc-nogui); fi
# The charter (.docx) is converted by LibreOffice's Writer, which Debian packages apart from
# Calc: its soffice without Writer exits 0 and writes no PDF.
writer_installed() {
  local package
  for package in libreoffice-writer-nogui libreoffice-writer; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" && return 0
  done
  return 1
}
if [ -z "${SOFFICE:-}" ] && have dpkg-query && ! writer_installed; then missing+=(libreoffice-writer-nogui); fi

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
  echo "Install them (e.g. 'sudo apt-get install chromium libreoffice-calc-nogui libreoffice-writer-nogui') or set" >&2
  echo "CHROMIUM=/path/to/chromium and SOFFICE=/path/to/soffice, then run 'make test' again." >&2
  exit 1
fi
