#!/usr/bin/env bash
# Runs Delegate on the built-in Entra ID + Graph emulator, no tenant needed:
# sets up (first run only), starts the emulator, points a "demo" profile at it and signs you in.
# Approve the sign-in on the emulator's page (open the printed URL; your browser will warn about the
# emulator's self-signed certificate), or pass --auto-approve to let the script approve as Adele Vance.
set -euo pipefail
cd "$(dirname "$0")/.."
auto_approve=false
[ "${1:-}" = "--auto-approve" ] && auto_approve=true

[ -d node_modules ] && [ -f dist/cli/main.js ] || bash scripts/setup.sh
source scripts/node-env.sh

export DELEGATE_HOME="${DELEGATE_HOME:-$HOME/.delegate-demo}"
mkdir -p "$DELEGATE_HOME" && chmod 700 "$DELEGATE_HOME"
delegate() { node bin/delegate.cjs "$@"; }

# A keychain is needed for the default (safe) cache. Where there is no desktop session, run the whole demo
# inside a private D-Bus session with an unlocked gnome-keyring, as the tests do.
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] && [ -z "${DELEGATE_DEMO_IN_DBUS:-}" ] && command -v dbus-run-session >/dev/null; then
  export DELEGATE_DEMO_IN_DBUS=1
  # The demo's keyring lives in the demo home, never in yours: an existing login keyring with another password
  # would stay locked here, and the demo must not touch your real one.
  export XDG_DATA_HOME="$DELEGATE_HOME/keyring-data"
  mkdir -p -m 700 "$XDG_DATA_HOME"
  exec dbus-run-session -- bash -c 'echo -n demo | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec bash scripts/demo.sh "$@"' demo "$@"
fi

emulator_log="$DELEGATE_HOME/emulator.log"
node_modules/.bin/tsx test/emulator/main.ts --port "${DELEGATE_DEMO_PORT:-8443}" >"$DELEGATE_HOME/emulator.json" 2>"$emulator_log" &
emulator_pid=$!
trap 'kill $emulator_pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$DELEGATE_HOME/emulator.json" ] && break; sleep 0.1; done
[ -s "$DELEGATE_HOME/emulator.json" ] || { echo "demo: the emulator did not start; see $emulator_log" >&2; exit 1; }
read -r authority graph ca control < <(node -e 'const e=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));console.log(e.authorityHost,e.graphBaseUrl,e.caFile,e.controlUrl)' "$DELEGATE_HOME/emulator.json")
cp "$ca" "$DELEGATE_HOME/emulator-ca.pem"

profile_args=(--cloud custom --authority-host "$authority" --graph-url "$graph" --ca-file "$DELEGATE_HOME/emulator-ca.pem")
if delegate profiles list --json | grep -q '"name":"demo"'; then
  delegate profiles set demo "${profile_args[@]}" --default >/dev/null
else
  delegate profiles add demo "${profile_args[@]}" --default >/dev/null
fi

echo "Emulator: $authority   (control API: $control)"
if $auto_approve; then
  (
    for _ in $(seq 100); do
      code=$(curl -s --cacert "$ca" "$control/device-codes" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const c=JSON.parse(s||"[]");if(c[0])console.log(c[0].userCode)})')
      [ -n "$code" ] && curl -s --cacert "$ca" -X POST "$control/device-codes/$code/approve" >/dev/null && exit 0
      sleep 0.5
    done
  ) &
fi
delegate login --profile demo
echo
delegate status --profile demo
if [ -t 0 ]; then
  rc="$(mktemp)"
  cat >"$rc" <<RC
alias delegate='node $PWD/bin/delegate.cjs'
export DELEGATE_HOME='$DELEGATE_HOME'
PS1='(delegate demo) \w\$ '
echo
echo "A shell with Delegate signed in to the emulator. Try:"
echo "  delegate token | head -c 40; echo        # an access token, served from the keychain"
echo "  delegate status --probe                  # ask the emulator whether the sign-in still works"
echo "  delegate login                           # sign in again (approve at the printed URL)"
echo "Type exit to stop the emulator."
RC
  bash --rcfile "$rc" -i || true
  rm -f "$rc"
else
  echo "Delegate is signed in to the emulator (home: $DELEGATE_HOME). Run the demo in a terminal for a shell to try it."
fi
