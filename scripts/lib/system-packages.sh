# shellcheck shell=bash
# Debian packages the test suites run against: Chromium for the browser tests,
# Prometheus for the Prometheus SLI source. Installed when this process may
# (root with apt-get, as in CI); otherwise the suites that need them report
# that they did not run.

VITALS_MISSING_SYSTEM_PACKAGES=()

vitals_ensure_system_packages() {
  local wanted=() pkg bin
  for pair in chromium:chromium prometheus:prometheus promtool:prometheus; do
    bin="${pair%%:*}"
    pkg="${pair##*:}"
    if ! command -v "$bin" >/dev/null 2>&1; then
      [[ " ${wanted[*]} " == *" $pkg "* ]] || wanted+=("$pkg")
    fi
  done
  if [ ${#wanted[@]} -gt 0 ]; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
      vitals_log "installing Debian packages: ${wanted[*]}"
      export DEBIAN_FRONTEND=noninteractive
      # The prometheus package ships a service; never start it on the default port.
      printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
      { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${wanted[@]}"; } >/tmp/vitals-apt.log 2>&1 ||
        vitals_log "apt-get install failed (see /tmp/vitals-apt.log)"
      rm -f /usr/sbin/policy-rc.d
    fi
  fi
  VITALS_MISSING_SYSTEM_PACKAGES=()
  for bin in chromium prometheus promtool; do
    command -v "$bin" >/dev/null 2>&1 || VITALS_MISSING_SYSTEM_PACKAGES+=("$bin")
  done
}
