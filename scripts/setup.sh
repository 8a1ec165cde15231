#!/usr/bin/env bash
# One-time setup on a fresh machine: system packages (keychain, D-Bus), Node >= 22.12, npm ci, build.
# Idempotent: re-running skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
for pkg in libsecret-1-dev gnome-keyring dbus dbus-x11 libsecret-tools python3 python3-dbus python3-msal python3-azure chromium nsis; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing ${need_apt[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "setup: please install: ${need_apt[*]} (needed for the keychain and its tests)" >&2
  fi
fi

source scripts/node-env.sh
echo "setup: node $(node --version), npm $(npm --version 2>/dev/null)" >&2
npm ci --no-audit --no-fund
npm run --silent build
