#!/usr/bin/env bash
# Installs everything the portal needs and starts it on its embedded defaults:
# SQLite under .vitals/, guest sign-in, the demo estate from examples/.
# Frontend: http://localhost:3000, backend: http://localhost:7007.
set -euo pipefail
# shellcheck source=lib/toolchain.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/toolchain.sh"
vitals_bootstrap
mkdir -p "$VITALS_ROOT/.vitals/db"
cd "$VITALS_ROOT"
vitals_log "starting Vitals: open http://localhost:3000 and sign in as guest"
exec yarn start "$@"
