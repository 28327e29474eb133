#!/usr/bin/env bash
# Installs everything and runs the whole test suite: type check, lint, format
# check, unit and integration tests (storage on SQLite and PostgreSQL), and the
# browser tests in Chromium. Ends with a line
# "N tests passed, N failed, N skipped; N steps passed"; a suite that cannot
# run on this machine is named as not run (and fails the run in CI).
set -uo pipefail
# shellcheck source=lib/toolchain.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/toolchain.sh"
# shellcheck source=lib/system-packages.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/system-packages.sh"

vitals_bootstrap
vitals_ensure_system_packages
cd "$VITALS_ROOT"

RESULTS="$VITALS_ROOT/test-results"
rm -rf "$RESULTS" && mkdir -p "$RESULTS"
: >"$RESULTS/steps.tsv"

step() { # step <name> <command...>: runs a check and records whether it passed
  local name="$1"
  shift
  vitals_log "== $name"
  local started=$SECONDS
  if "$@"; then
    printf '%s\tpassed\t%s\n' "$name" "$((SECONDS - started))" >>"$RESULTS/steps.tsv"
  else
    printf '%s\tfailed\t%s\n' "$name" "$((SECONDS - started))" >>"$RESULTS/steps.tsv"
  fi
}
absent() { # absent <suite> <reason>: a suite this machine cannot run
  printf '%s\tabsent\t0\t%s\n' "$1" "$2" >>"$RESULTS/steps.tsv"
  printf '\033[1;33m[vitals] NOT RUN %s: %s\033[0m\n' "$1" "$2" >&2
}

# PostgreSQL: every storage test runs on SQLite and on the local PostgreSQL.
export BACKSTAGE_TEST_DISABLE_DOCKER=1
PG_URL="${VITALS_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432}"
if node -e '
  const u = new URL(process.argv[1]);
  const s = require("net").connect(Number(u.port || 5432), u.hostname);
  s.setTimeout(3000, () => process.exit(1));
  s.on("connect", () => process.exit(0)).on("error", () => process.exit(1));
' "$PG_URL"; then
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="$PG_URL"
  vitals_log "PostgreSQL answers at $PG_URL: storage tests run on SQLite and PostgreSQL"
else
  absent "PostgreSQL storage tests" "no server answers at $PG_URL; storage tests ran on SQLite only"
fi

# The SLO conformance corpus is read in place from ../shared/conformance.
CONFORMANCE_DIR="${VITALS_CONFORMANCE_DIR:-$VITALS_ROOT/../shared/conformance}"
if [ ! -d "$CONFORMANCE_DIR" ]; then
  absent "SLO conformance corpus" "$CONFORMANCE_DIR does not exist (set VITALS_CONFORMANCE_DIR)"
fi
# The template's .NET service can be built only with a .NET SDK, which neither
# Debian 12 nor the npm registry ships: where none is installed the summary
# says so (it does not fail CI, since no CI machine can install one).
if ! command -v dotnet >/dev/null 2>&1; then
  printf '%s\tunavailable\t0\t%s\n' ".NET skeleton build" \
    "no .NET SDK on this machine and none in its package registries; the generated .NET service is checked by its files only" >>"$RESULTS/steps.tsv"
fi
if [[ " ${VITALS_MISSING_SYSTEM_PACKAGES[*]} " == *" prometheus "* ]]; then
  absent "real-Prometheus tests" "Debian's prometheus is not installed and this user cannot install it"
fi

step "config schema (embedded defaults)" yarn backstage-cli config:check --strict --config app-config.yaml
step "config schema (production)" yarn backstage-cli config:check --strict --lax \
  --config app-config.yaml --config app-config.production.yaml
step "type check (tsc)" yarn tsc
step "lint" yarn backstage-cli repo lint
step "format (prettier)" yarn prettier --check .
step "unit and integration tests (jest)" env CI=true yarn backstage-cli repo test \
  --ci --json --outputFile="$RESULTS/jest.json"

if [[ " ${VITALS_MISSING_SYSTEM_PACKAGES[*]} " == *" chromium "* ]]; then
  absent "browser tests (Playwright)" "Debian's chromium is not installed and this user cannot install it (run as root, or apt-get install chromium)"
else
  step "build the frontend" yarn workspace app build
  step "browser tests (Playwright)" yarn playwright test
fi

node "$VITALS_ROOT/scripts/lib/test-summary.mjs" "$RESULTS"
