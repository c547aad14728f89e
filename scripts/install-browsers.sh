#!/usr/bin/env bash
# Installs the browsers the end-to-end tests drive: Debian's Chromium and Firefox ESR.
# Nothing is downloaded from outside Debian's package archive.
set -euo pipefail
# Usage: install-browsers.sh [chromium] [firefox-esr]   (default: both)
wanted=("$@")
[ ${#wanted[@]} -gt 0 ] || wanted=(chromium firefox-esr)
need=()
for name in "${wanted[@]}"; do
  case "$name" in
    chromium) [ -x "${CHROMIUM_PATH:-/usr/lib/chromium/chromium}" ] || need+=(chromium) ;;
    firefox-esr) [ -x "${FIREFOX_PATH:-/usr/bin/firefox-esr}" ] || need+=(firefox-esr) ;;
    *) echo "unknown browser: $name" >&2; exit 2 ;;
  esac
done
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
