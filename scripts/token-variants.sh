#!/usr/bin/env bash
# Runs scripts/token-variants.ts inside a private D-Bus session with an unlocked gnome-keyring (like scripts/bench.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-env.sh
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/home" "$scratch/data" && mkdir -m 700 "$scratch/runtime"
export HOME="$scratch/home" XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/runtime" XDG_CACHE_HOME="$scratch/cache"
unset DISPLAY DELEGATE_HOME DELEGATE_PROFILE
exec dbus-run-session -- bash -c '
  echo -n bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec node_modules/.bin/tsx scripts/token-variants.ts "$@"
' token-variants "$@"
