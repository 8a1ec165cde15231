# Sourced by the other scripts: puts a Node >= 22.12 first on PATH.
# Where the machine's Node is older, a project-local Node comes from the npm registry's `node`
# package into .tools/ (no GitHub download needed). Safe to source repeatedly.
DELEGATE_NODE_VERSION="22.23.3"
_delegate_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_delegate_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=12)?0:1)'
}
# npm run by the project's Node looks for its global npmrc beside that Node, not beside the machine's npm, and
# would lose the machine's settings (its CA file for a TLS-inspecting proxy, a registry mirror): keep them.
if [ -z "${npm_config_globalconfig:-}${NPM_CONFIG_GLOBALCONFIG:-}" ] && command -v npm >/dev/null 2>&1; then
  _delegate_npm="$(command -v npm)"
  _delegate_npm_prefix="$(cd "$(dirname "$_delegate_npm")/.." && pwd)"
  if [ -r "$_delegate_npm_prefix/etc/npmrc" ]; then export npm_config_globalconfig="$_delegate_npm_prefix/etc/npmrc"; fi
fi
if [ -x "$_delegate_root/.tools/node_modules/.bin/node" ]; then
  export PATH="$_delegate_root/.tools/node_modules/.bin:$PATH"
fi
if ! _delegate_node_ok; then
  echo "setup: Node $(node --version 2>/dev/null || echo none) is older than 22.12; installing node@$DELEGATE_NODE_VERSION into .tools/" >&2
  mkdir -p "$_delegate_root/.tools"
  npm install --silent --no-save --prefix "$_delegate_root/.tools" "node@$DELEGATE_NODE_VERSION" >&2
  export PATH="$_delegate_root/.tools/node_modules/.bin:$PATH"
  _delegate_node_ok || { echo "setup: could not get Node >= 22.12" >&2; return 1 2>/dev/null || exit 1; }
fi
