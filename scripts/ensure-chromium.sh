#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed: `waymark cards preview` and its test render
# Adaptive Cards to PNG in it. Installs it when missing and this user can (root with
# apt-get); otherwise says how, and the PNG test is skipped outside CI.
set -euo pipefail

if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "${CHROMIUM_PATH}" ]; then exit 0; fi
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium (for rendering cards to PNG)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  echo "chromium installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
  exit 0
fi
echo "note: Chromium is not installed, so card PNGs cannot be rendered;" >&2
echo "      install it with: sudo apt-get install chromium (or set CHROMIUM_PATH)" >&2
