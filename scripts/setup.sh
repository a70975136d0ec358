#!/usr/bin/env bash
# Idempotent set-up, run by `npm start` and `npm test` before anything else:
#  1. npm packages: `npm ci` when node_modules is missing or older than package-lock.json;
#  2. the real tools, from Debian packages (the table below): Prometheus, Alertmanager, the exporters,
#     PostgreSQL 15, Redis, VictoriaMetrics, Chromium with a Chinese font, jsonnet, openssl, poppler.
# The packages ship systemd units; we never rely on them. Our scripts start their own processes
# on 127.0.0.1 and stop them by process id.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# tool -> Debian package. Every real part that a test or the live stack runs is here.
declare -A package_of=(
  [promtool]=prometheus [prometheus]=prometheus
  [amtool]=prometheus-alertmanager [prometheus-alertmanager]=prometheus-alertmanager
  [prometheus-node-exporter]=prometheus-node-exporter
  [prometheus-pushgateway]=prometheus-pushgateway
  [prometheus-postgres-exporter]=prometheus-postgres-exporter
  [prometheus-redis-exporter]=prometheus-redis-exporter
  [prometheus-blackbox-exporter]=prometheus-blackbox-exporter
  [/usr/lib/postgresql/15/bin/postgres]=postgresql-15
  [redis-server]=redis-server
  [victoria-metrics]=victoria-metrics [vmalert]=victoria-metrics
  [chromium]=chromium
  [/usr/share/fonts/truetype/wqy/wqy-microhei.ttc]=fonts-wqy-microhei
  [jsonnet]=jsonnet
  [openssl]=openssl
  [pdftoppm]=poppler-utils
)
missing=()
packages=()
for tool in "${!package_of[@]}"; do
  if [[ "$tool" == /* ]]; then [ -e "$tool" ] && continue; else command -v "$tool" >/dev/null 2>&1 && continue; fi
  missing+=("$tool")
  packages+=("${package_of[$tool]}")
done
if [ ${#missing[@]} -gt 0 ]; then
  packages=$(printf '%s\n' "${packages[@]}" | sort -u | tr '\n' ' ')
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
if ! command -v kubectl >/dev/null 2>&1; then
  echo "setup: kubectl is missing (it is not a Debian package; the machines have it at /usr/bin/kubectl)" >&2
  exit 1
fi
