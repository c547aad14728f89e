#!/usr/bin/env bash
# Installs the browsers the end-to-end tests drive: Debian's Chromium and Firefox ESR.
# Nothing is downloaded from outside Debian's package archive.
set -euo pipefail
need=()
[ -x /usr/lib/chromium/chromium ] || need+=(chromium)
[ -x /usr/bin/firefox-esr ] || need+=(firefox-esr)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing browsers: ${need[*]}." >&2
  echo "Install them with your package manager (Debian/Ubuntu: sudo apt-get install ${need[*]})," >&2
  echo "or point CHROMIUM_PATH / FIREFOX_PATH at an existing Chromium / Firefox ESR." >&2
  exit 1
fi
echo "Installing ${need[*]} from Debian's packages…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "Installed: $(/usr/lib/chromium/chromium --version 2>/dev/null || true) $(/usr/bin/firefox-esr --version 2>/dev/null || true)"
