#!/usr/bin/env bash
# Idempotent set-up, run by `npm start` and `npm test` before anything else:
#  1. npm packages: `npm ci` when node_modules is missing or older than package-lock.json;
#  2. the real tools, from Debian's packages: promtool and prometheus (package prometheus),
#     amtool and prometheus-alertmanager (prometheus-alertmanager), prometheus-node-exporter.
#     And prometheus-pushgateway, the comparison in `npm run bench:exporter`.
# The packages ship systemd units; we never rely on them. Our scripts start their own processes
# on 127.0.0.1 and stop them by process id.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

missing=()
for tool in promtool amtool prometheus prometheus-alertmanager prometheus-node-exporter prometheus-pushgateway; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  packages="prometheus prometheus-alertmanager prometheus-node-exporter prometheus-pushgateway"
  install="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $packages"
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: missing ${missing[*]}; as root, run:" >&2
    echo "  $install" >&2
    exit 1
  fi
  echo "setup: installing Debian packages $packages (missing: ${missing[*]})"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $packages >/dev/null
fi
