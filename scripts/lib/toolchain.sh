# shellcheck shell=bash
# Sourced by the entry points in scripts/. Puts Node.js 22 and Yarn 4 on PATH:
# the machine's Node when it is 22.x, otherwise a project-local Node 22 from the
# npm registry in .toolchain/. Safe to source repeatedly.

VITALS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VITALS_TOOLCHAIN="$VITALS_ROOT/.toolchain"
export VITALS_ROOT

vitals_log() { printf '\033[1;34m[vitals]\033[0m %s\n' "$*" >&2; }
vitals_die() { printf '\033[1;31m[vitals] %s\033[0m\n' "$*" >&2; exit 1; }

vitals_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

vitals_setup_node() {
  command -v node >/dev/null || vitals_die "Node.js is required (any version from 20) to bootstrap the toolchain"
  command -v npm >/dev/null || vitals_die "npm is required to bootstrap the toolchain"

  if [ -x "$VITALS_TOOLCHAIN/node/bin/node" ]; then
    export PATH="$VITALS_TOOLCHAIN/node/bin:$PATH"
  fi
  if [ "$(vitals_node_major)" != "22" ]; then
    # Backstage 1.55 needs Node 22 or 24, and better-sqlite3 aborts under Node 24,
    # so anything but 22 gets a project-local Node 22 (the official build, published
    # on the npm registry as node-<platform>-<arch>).
    local platform tmp tarball
    platform="$(node -p 'process.platform + "-" + process.arch')"
    vitals_log "installing Node.js 22 for $platform into .toolchain/node"
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "node-$platform@22" >/dev/null) ||
      vitals_die "could not download node-$platform@22 from the npm registry"
    tarball="$(ls "$tmp"/node-*.tgz)"
    rm -rf "$VITALS_TOOLCHAIN/node" && mkdir -p "$VITALS_TOOLCHAIN/node"
    tar -xzf "$tarball" -C "$VITALS_TOOLCHAIN/node" --strip-components=1
    rm -rf "$tmp"
    export PATH="$VITALS_TOOLCHAIN/node/bin:$PATH"
    [ "$(vitals_node_major)" = "22" ] || vitals_die "Node.js 22 did not install correctly"
  fi

  # node-gyp builds native addons (better-sqlite3) against the headers of the Node
  # that runs them; pointing it at the installation's own headers avoids a download.
  local prefix
  prefix="$(dirname "$(dirname "$(command -v node)")")"
  if [ -f "$prefix/include/node/node.h" ]; then
    export npm_config_nodedir="$prefix"
  fi
}

vitals_setup_yarn() {
  # Corepack fetches Yarn from the configured npm registry instead of its own host.
  local registry
  registry="$(npm config get registry 2>/dev/null | sed 's#/$##')"
  [ -n "$registry" ] && export COREPACK_NPM_REGISTRY="$registry"
  export COREPACK_DEFAULT_TO_LATEST=0
  export COREPACK_ENABLE_DOWNLOAD_PROMPT=0
  export COREPACK_ENABLE_AUTO_PIN=0
  if [ ! -x "$VITALS_TOOLCHAIN/bin/yarn" ]; then
    command -v corepack >/dev/null || vitals_die "corepack is required (it ships with Node.js)"
    mkdir -p "$VITALS_TOOLCHAIN/bin"
    corepack enable --install-directory "$VITALS_TOOLCHAIN/bin" yarn ||
      vitals_die "corepack could not install the yarn shim"
  fi
  export PATH="$VITALS_TOOLCHAIN/bin:$PATH"
  (cd "$VITALS_ROOT" && yarn --version >/dev/null) || vitals_die "corepack could not fetch Yarn"
}

# Installs the workspace when package.json or yarn.lock changed since the last
# successful install; otherwise returns at once.
vitals_install() {
  local stamp="$VITALS_ROOT/node_modules/.vitals-install-stamp"
  local want
  want="$( (cat "$VITALS_ROOT/yarn.lock" 2>/dev/null; find "$VITALS_ROOT/package.json" "$VITALS_ROOT/packages" "$VITALS_ROOT/plugins" -name package.json -not -path '*/node_modules/*' 2>/dev/null | sort | xargs cat; node -v) | cksum)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  vitals_log "installing dependencies (yarn install)"
  (cd "$VITALS_ROOT" && yarn install --immutable) || vitals_die "yarn install failed"
  (cd "$VITALS_ROOT" && node -e 'require("better-sqlite3")(":memory:").prepare("select 1").get()') ||
    vitals_die "better-sqlite3 did not build for $(node -v)"
  echo "$want" >"$stamp"
}

vitals_bootstrap() {
  vitals_setup_node
  vitals_setup_yarn
  vitals_install
}
